package dev.conch.cli;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sound in through the CLI: {@code render -i}, {@code bench -i} and {@code play --input} against the same network
 * reading the file with an AudioFileReader, against the input itself, and against the definition of padding and
 * looping; and every refusal as one sentence.
 */
class SoundInTest {
    private static final Path GLASS_SHAPER = Path.of(System.getProperty("conch.networks", "../networks"), "glass-shaper.xml");

    @TempDir
    Path dir;

    private Path tone(String name, double rate, double seconds, double frequency) throws Exception {
        return tone(name, rate, seconds, frequency, 1);
    }

    /**
     * A float WAV: a decaying tone (a fifth higher on each further channel) plus seeded noise, so every sample
     * differs from its neighbours and the channels from each other.
     */
    private Path tone(String name, double rate, double seconds, double frequency, int channels) throws Exception {
        Path path = dir.resolve(name);
        int frames = (int) Math.round(rate * seconds);
        float[][] x = new float[channels][frames];
        java.util.SplittableRandom noise = new java.util.SplittableRandom(frames);
        for (int c = 0; c < channels; c++) {
            double f = frequency * Math.pow(1.5, c);
            for (int i = 0; i < frames; i++) {
                x[c][i] = (float) (0.6 * Math.exp(-1.0 * i / frames) * Math.sin(2 * Math.PI * f * i / rate)
                        + 0.05 * (noise.nextDouble() - 0.5));
            }
        }
        try (WavWriter w = WavWriter.open(path, channels, rate, SampleFormat.FLOAT32)) {
            w.write(x, 0, frames);
            w.commit();
        }
        return path;
    }

    private static float[][] read(Path file) throws Exception {
        return AudioFileLoader.load(file).channels();
    }

    /** The example network with its AudioInput replaced by an AudioFileReader on {@code file}. */
    private Path withFileReader(Path file) throws Exception {
        String xml = Files.readString(GLASS_SHAPER).replaceAll(
                "(?s)<node id=\"in\" type=\"AudioInput\".*?</node>",
                "<node id=\"in\" type=\"AudioFileReader\"><param name=\"file\">" + file + "</param></node>");
        assertTrue(xml.contains("AudioFileReader") && !xml.contains("AudioInput"), xml);
        Path net = dir.resolve("glass-shaper-reader.xml");
        Files.writeString(net, xml);
        return net;
    }

    @Test
    void renderWithAnInputEqualsTheSameNetworkReadingTheFileWithAnAudioFileReader() throws Exception {
        for (double rate : new double[] {48000, 44100}) { // 44.1 kHz: both resample on load, the same way
            Path in = tone("in-" + (int) rate + ".wav", rate, 1.5, 220, 2);
            Path viaInput = dir.resolve("via-input.wav"), viaReader = dir.resolve("via-reader.wav");
            CliRun a = CliRun.of("render", GLASS_SHAPER.toString(), "-i", in.toString(), "-o", viaInput.toString(),
                    "--bits", "32f", "--block", "97");
            assertEquals(0, a.exit(), a::toString);
            // the shaper's oversampling delays the input 48 samples: they come out after its end
            CliRun b = CliRun.of("render", withFileReader(in).toString(), "-o", viaReader.toString(), "--bits", "32f",
                    "--seconds", "1.5", "--tail", "0.001");
            assertEquals(0, b.exit(), b::toString);
            float[][] x = read(viaInput), y = read(viaReader);
            assertEquals(72000 + 48, x[0].length, "without --seconds the render lasts as long as the input, and the "
                    + "network's latency: " + a.out());
            assertArrayEquals(y[0], x[0], "left, input at " + rate + " Hz");
            assertArrayEquals(y[1], x[1], "right, input at " + rate + " Hz");
            assertTrue(RenderTest.peak(x[0]) > 0.05, "not silence");
        }
    }

    /**
     * A file through a network that delays it (an STFT and its ISTFT, which give the input back whole) comes out
     * whole: the render runs on past the input's end by the network's latency. It stopped at the input's end, and
     * the last 1151 samples of the file (24 ms) were cut off mid-sound.
     */
    @Test
    void aRenderAsLongAsItsInputHasAllOfItThroughANetworkThatDelaysIt() throws Exception {
        Path net = dir.resolve("identity.xml");
        Files.writeString(net, "<network name=\"identity\" version=\"4\" sampleRate=\"48000\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">1</param></node>"
                + "<node id=\"stft\" type=\"STFT\"/><node id=\"istft\" type=\"ISTFT\"/>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<connect from=\"in.out1\" to=\"stft.in\"/><connect from=\"stft.out\" to=\"istft.in\"/>"
                + "<connect from=\"istft.out\" to=\"out.in1\"/></network>");
        CliRun v = CliRun.of("validate", net.toString());
        assertTrue(v.out().contains("latency 1151 samples"), v::toString);
        Path in = tone("in.wav", 48000, 0.5, 440);
        float[] x = read(in)[0];
        Path out = dir.resolve("out.wav");
        CliRun r = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[] y = read(out)[0];
        assertEquals(x.length + 1151, y.length, r::toString);
        for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i + 1151], 1e-5, "input frame " + i);
    }

    /**
     * An input that the network's own AudioFileWriter writes: read whole first, it was then replaced by what the
     * network recorded of it (render -i take.wav, play --input take.wav, exit 0, the take gone). Refused, as it was.
     */
    @Test
    void anInputTheNetworkWritesIsRefusedAndKept() throws Exception {
        Path net = dir.resolve("recorder.xml");
        Files.writeString(net, """
                <network name="recorder" version="4" sampleRate="48000">
                  <node id="in" type="AudioInput"><param name="channels">1</param></node>
                  <node id="g" type="Gain"><param name="gain">-6</param></node>
                  <node id="w" type="AudioFileWriter"><param name="file">take.wav</param><param name="channels">1</param></node>
                  <connect from="in.out1" to="g.in"/>
                  <connect from="g.out" to="w.in1"/>
                </network>
                """);
        Path take = tone("take.wav", 48000, 0.2, 440);
        byte[] before = Files.readAllBytes(take);
        CliRun r = CliRun.of("render", net.toString(), "-i", take.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("-i " + take + " is the file node 'w' of " + net + " writes, so it would be replaced "
                + "with what the node records"), r::toString);
        assertArrayEquals(before, Files.readAllBytes(take));
        CliRun p = play("play", net.toString(), "--driver", "null", "--input", take.toString(), "--seconds", "0.2");
        assertEquals(2, p.exit(), p::toString);
        assertTrue(p.err().contains("--input " + take + " is the file node 'w'"), p::toString);
        assertArrayEquals(before, Files.readAllBytes(take));
    }

    @Test
    void filesFillTheChannelsInOrderShorterOnesPadAndLoopInputsLoops() throws Exception {
        Path net = dir.resolve("through.xml");
        Files.writeString(net, "<network name=\"through\" version=\"2\" sampleRate=\"48000\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">2</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">2</param></node>"
                + "<connect from=\"in.out1\" to=\"out.in1\"/><connect from=\"in.out2\" to=\"out.in2\"/></network>");
        Path longer = tone("long.wav", 48000, 0.5, 300), shorter = tone("short.wav", 48000, 0.2, 500);
        float[] l = read(longer)[0], s = read(shorter)[0];
        Path out = dir.resolve("out.wav");

        CliRun r = CliRun.of("render", net.toString(), "-i", longer.toString(), "-i", shorter.toString(), "-o",
                out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[][] y = read(out);
        assertArrayEquals(l, y[0], "the first file on channel 1, and the render as long as the longest file");
        float[] padded = Arrays.copyOf(s, l.length); // the rest of the shorter file's channel is silence
        assertArrayEquals(padded, y[1], "the second file on channel 2, then silence");

        r = CliRun.of("render", net.toString(), "-i", longer.toString(), "-i", shorter.toString(), "-o",
                out.toString(), "--bits", "32f", "--loop-inputs");
        assertEquals(0, r.exit(), r::toString);
        y = read(out);
        for (int i = 0; i < l.length; i++) assertEquals(s[i % s.length], y[1][i], "looped at frame " + i);
    }

    @Test
    void everyMistakeWithInputsIsOneSentence() throws Exception {
        Path mono = tone("mono.wav", 48000, 0.1, 300);
        Path out = dir.resolve("x.wav");
        CliRun none = CliRun.of("render", GLASS_SHAPER.toString(), "-o", out.toString());
        assertEquals(2, none.exit(), none::toString);
        assertTrue(none.err().contains("takes sound in (node 'in', 2 channels): give it with -i FILE.wav"), none::toString);

        Path stereo = tone("stereo.wav", 48000, 0.1, 300, 2);
        CliRun three = CliRun.of("render", GLASS_SHAPER.toString(), "-i", mono.toString(), "-i", stereo.toString(),
                "-o", out.toString());
        assertEquals(2, three.exit(), three::toString);
        assertTrue(three.err().contains("takes 2 channels of input (node 'in'), and the files give 3 (mono.wav has 1, "
                + "stereo.wav has 2); give files with 2 channels in all, in order, or set in.channels to 3"), three::toString);

        CliRun one = CliRun.of("render", GLASS_SHAPER.toString(), "-i", mono.toString(), "-o", out.toString());
        assertEquals(2, one.exit(), one::toString);
        assertTrue(one.err().contains("and the files give 1 (mono.wav has 1); give files with 2 channels in all, in "
                + "order, or set in.channels to 1 (a mono file can be given once per channel: -i mono.wav -i mono.wav)"),
                one::toString);

        Path drone = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
        CliRun unwanted = CliRun.of("render", drone.toString(), "-i", mono.toString(), "-o", out.toString());
        assertEquals(2, unwanted.exit(), unwanted::toString);
        assertTrue(unwanted.err().contains("has no AudioInput node, so -i " + mono + " would not be heard"), unwanted::toString);

        Path garbage = dir.resolve("garbage.wav");
        Files.writeString(garbage, "this is not a sound file");
        CliRun bad = CliRun.of("render", GLASS_SHAPER.toString(), "-i", garbage.toString(), "-o", out.toString());
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().startsWith("-i " + garbage + ": "), bad::toString);
        assertEquals(1, bad.err().strip().lines().count(), bad::toString);

        CliRun missing = CliRun.of("render", GLASS_SHAPER.toString(), "-i", dir.resolve("nope.wav").toString(), "-o",
                out.toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.err().startsWith("-i " + dir.resolve("nope.wav") + ": "), missing::toString);

        CliRun play = play("play", GLASS_SHAPER.toString(), "--driver", "null", "--seconds", "0.1");
        assertEquals(2, play.exit(), play::toString);
        assertTrue(play.err().contains("give it with --input FILE.wav"), play::toString);
        assertTrue(!Files.exists(out), "nothing was written");
    }

    @Test
    void benchTakesInputs() throws Exception {
        Path in = tone("in.wav", 48000, 0.3, 220);
        CliRun r = CliRun.of("bench", GLASS_SHAPER.toString(), "-i", in.toString(), "-i", in.toString(), "--seconds",
                "1", "--warmup", "0");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("shape"), "the node table lists the shaper: " + r.out());
        CliRun none = CliRun.of("bench", GLASS_SHAPER.toString(), "--seconds", "1", "--warmup", "0");
        assertEquals(2, none.exit(), none::toString);
        assertTrue(none.err().contains("give it with -i FILE.wav"), none::toString);
    }

    /** Play through the paced null driver with the file as input, recorded, equals the offline render of it. */
    @Test
    void playWithAnInputFileEqualsTheRenderOverTheRecordedLength() throws Exception {
        Path in = tone("in.wav", 48000, 3, 220, 2);
        Path rec = dir.resolve("rec.wav"), rendered = dir.resolve("rendered.wav");
        CliRun p = play("play", GLASS_SHAPER.toString(), "--driver", "null", "--input", in.toString(), "--seconds",
                "1", "--record", rec.toString(), "--quiet");
        assertEquals(0, p.exit(), p::toString);
        CliRun r = CliRun.of("render", GLASS_SHAPER.toString(), "-i", in.toString(), "-o", rendered.toString());
        assertEquals(0, r.exit(), r::toString);
        float[][] live = read(rec), offline = read(rendered);
        assertTrue(live[0].length > 24000 && live[0].length < offline[0].length, "recorded " + live[0].length);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(Arrays.copyOf(offline[c], live[c].length), live[c], "channel " + (c + 1));
        }
        assertTrue(RenderTest.peak(live[0]) > 0.05, "not silence");
    }

    /**
     * An MP3 through -i and --input: sox made it from a 440 Hz sine of amplitude 0.5 (MP3-README.txt), and the render
     * of a network passing its input through is that sine, fitted here, for the file's whole decoded length.
     */
    @Test
    void anMp3InputIsTheSineItWasMadeFrom() throws Exception {
        Path mp3 = Path.of(SoundInTest.class.getResource("sine440.mp3").toURI());
        Path net = dir.resolve("through.xml"), out = dir.resolve("out.wav");
        Files.writeString(net, "<network name=\"through\" version=\"2\" sampleRate=\"44100\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">1</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<connect from=\"in.out1\" to=\"out.in1\"/></network>");
        CliRun r = CliRun.of("render", net.toString(), "-i", mp3.toString(), "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[] y = read(out)[0];
        // one second of sine, plus the encoder's padding: LAME adds up to two frames (2 x 1152 samples)
        assertTrue(y.length >= 44100 && y.length <= 44100 + 2 * 1152 + 1152, "length " + y.length);
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
        for (int t = 4096; t < 40000; t++) {
            double s = Math.sin(2 * Math.PI * 440 * t / 44100), c = Math.cos(2 * Math.PI * 440 * t / 44100);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += y[t] * s;
            xc += y[t] * c;
        }
        double det = ss * cc - sc * sc, a = (xs * cc - xc * sc) / det, b = (xc * ss - xs * sc) / det;
        assertEquals(0.5, Math.hypot(a, b), 0.04, "the sine's amplitude (LAME at 64 kbit/s loses about 0.5 dB)");
        double residual = 0;
        for (int t = 4096; t < 40000; t++) {
            double d = y[t] - a * Math.sin(2 * Math.PI * 440 * t / 44100) - b * Math.cos(2 * Math.PI * 440 * t / 44100);
            residual += d * d;
        }
        assertTrue(Math.sqrt(residual / (40000 - 4096)) < 0.005, "what the sine leaves: rms " + Math.sqrt(residual / 35904));

        CliRun p = play("play", net.toString(), "--driver", "null", "--input", mp3.toString(), "--seconds", "0.2", "--quiet");
        assertEquals(0, p.exit(), p::toString);
    }

    private static CliRun play(String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(InputStream.nullInputStream());
            return CliRun.of(args);
        } finally {
            System.setIn(saved);
        }
    }
}
