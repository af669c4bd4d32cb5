package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import dev.conch.processors.spectral.plot.SpectrogramPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch render}: files are read back by Java Sound's own reader (not Conch's), decoded here, and measured:
 * length, channels, bits, sample rate, and the test network's 1 kHz half-scale sine (frequency from interpolated
 * zero crossings, peak amplitude), so a wrong rate, a dropped block or a mangled --set shows up as a number.
 */
class RenderTest {
    @TempDir
    Path dir;

    /** What Java Sound says about a WAV file, and its samples decoded to floats per channel. */
    record Wav(AudioFormat format, long frames, float[][] channels) {
        static Wav read(Path file) throws Exception {
            try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
                AudioFormat f = in.getFormat();
                byte[] bytes = new DataInputStream(in).readAllBytes();
                int bytesPerSample = f.getSampleSizeInBits() / 8;
                int ch = f.getChannels();
                int frames = bytes.length / (bytesPerSample * ch);
                float[][] x = new float[ch][frames];
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < ch; c++) {
                        int at = (i * ch + c) * bytesPerSample;
                        x[c][i] = decode(f, bytes, at, bytesPerSample);
                    }
                }
                return new Wav(f, in.getFrameLength(), x);
            }
        }

        private static float decode(AudioFormat f, byte[] b, int at, int n) {
            if (f.isBigEndian()) throw new AssertionError("a WAV file is little-endian");
            long v = 0;
            for (int k = n - 1; k >= 0; k--) v = (v << 8) | (b[at + k] & 0xff);
            if (f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT)) return Float.intBitsToFloat((int) v);
            long signed = (v << (64 - 8 * n)) >> (64 - 8 * n);
            return (float) (signed / Math.pow(2, 8 * n - 1));
        }
    }

    /** Frequency from linearly interpolated upward zero crossings: exact for a clean sine up to quantisation. */
    static double frequency(float[] x, double sampleRate) {
        double first = -1, last = -1;
        int count = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + x[i - 1] / (double) (x[i - 1] - x[i]);
                if (first < 0) first = t;
                last = t;
                count++;
            }
        }
        return (count - 1) / (last - first) * sampleRate;
    }

    static float peak(float[] x) {
        float p = 0;
        for (float v : x) p = Math.max(p, Math.abs(v));
        return p;
    }

    @Test
    void rendersTheNetworksDurationTo16BitStereo() throws Exception {
        Path wav = dir.resolve("sine.wav");
        CliRun r = CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--bits", "16");
        assertEquals(0, r.exit(), r::toString);

        Wav w = Wav.read(wav);
        assertEquals(48000f, w.format().getSampleRate());
        assertEquals(2, w.format().getChannels());
        assertEquals(16, w.format().getSampleSizeInBits());
        assertEquals(12000, w.frames(), "duration=0.25 s at 48 kHz");
        assertEquals(12000, w.channels()[0].length, "data chunk holds every frame");
        assertEquals(1000, frequency(w.channels()[0], 48000), 0.5);
        // peak of sampled sine: within half a sample of the crest, 0.5 * (1 - cos(pi / 48)) below 0.5 at worst
        assertEquals(0.5, peak(w.channels()[0]), 1.2e-3);
        assertArrayEquals(w.channels()[0], w.channels()[1], "both channels carry the oscillator");

        assertTrue(r.out().contains(wav.toString()), r::toString);
        assertTrue(r.out().contains("0.250 s"), r::toString);
        assertTrue(r.out().contains("16-bit PCM"), r::toString);
        assertTrue(r.out().contains("realtime"), r::toString);
        assertFalse(r.err().contains("warning"), r::toString);
    }

    /**
     * NaN samples in a float input pass through a Gain to the output, where each is written as silence and counted:
     * the warning gives the count put in (7), its causes, and the file holds zeros there and the input elsewhere.
     */
    @Test
    void nanSamplesAreWrittenAsSilenceAndCounted() throws Exception {
        float[][] x = {new float[4800]};
        for (int i = 0; i < x[0].length; i++) x[0][i] = i >= 100 && i < 107 ? Float.NaN : (float) (0.25 * Math.sin(i * 0.05));
        Path in = TestAudio.floatWav(dir.resolve("broken.wav"), x);
        Path net = TestAudio.monoGain(dir.resolve("thru.xml"), 0);
        Path out = dir.resolve("out.wav");
        CliRun r = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("warning: 7 samples were NaN/Inf and replaced by silence (a filter or feedback loop "
                + "blew up, or an input file held them; check gains, feedback and q)"), r.err());
        float[] y = dev.conch.engine.io.AudioFileLoader.load(out).channels()[0];
        for (int i = 0; i < y.length; i++) assertEquals(i >= 100 && i < 107 ? 0f : x[0][i], y[i], "sample " + i);
    }

    @Test
    void secondsRateAndSetOverrideTheFile() throws Exception {
        Path wav = dir.resolve("low.wav");
        CliRun r = CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--bits", "24",
                "--seconds", "0.5", "--rate", "44100", "--set", "osc.frequency=500", "--quiet");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out(), "--quiet prints nothing on success");
        assertEquals("", r.err(), "--quiet prints nothing on success");

        Wav w = Wav.read(wav);
        assertEquals(44100f, w.format().getSampleRate());
        assertEquals(24, w.format().getSampleSizeInBits());
        assertEquals(22050, w.frames());
        assertEquals(500, frequency(w.channels()[0], 44100), 0.25);
        assertEquals(0.5, peak(w.channels()[0]), 1e-3);
    }

    /** {@code --set osc.amplitude=ramp(0,1,0.25s)}: the amplitude follows the line (measured per 10 ms window). */
    @Test
    void setRampSweepsAParam() throws Exception {
        Path wav = dir.resolve("ramp.wav");
        CliRun r = CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--bits", "32f",
                "--set", "osc.amplitude=ramp(0,1,0.25s)", "--quiet");
        assertEquals(0, r.exit(), r::toString);
        float[] x = Wav.read(wav).channels()[0];
        for (int w = 0; w < 24; w++) {
            float[] window = java.util.Arrays.copyOfRange(x, w * 480, (w + 1) * 480);
            double expectedPeak = (w + 1) * 480 / 12000.0; // the amplitude at the window's end, 1 kHz peaks every 48
            assertEquals(expectedPeak, peak(window), 0.01, "window " + w);
        }
        expectError(CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--set", "osc.amplitude=ramp(0,1)"),
                "ramp(from,to,seconds)");
        expectError(CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--set", "osc.amplitude=ramp(0,9,1s)"),
                "out of range");
    }

    @Test
    void tailAddsRingOutAndPlotDrawsThePicture() throws Exception {
        Path wav = dir.resolve("tail.wav");
        Path png = dir.resolve("tail.png");
        CliRun r = CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--seconds", "0.5",
                "--tail", "0.25s", "--plot", png.toString());
        assertEquals(0, r.exit(), r::toString);
        // the sine is released at 0.5 s and silent 10 ms later; 100 ms of silence end the tail before its 0.25 s cap
        assertEquals(24000 + 480 + 4800, Wav.read(wav).frames(), "0.5 s + 10 ms fade + 100 ms quiet");
        assertTrue(r.out().contains("tail     0.110 s of ring-out included"), r::toString);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, "a picture was drawn");
        assertTrue(r.out().contains("plot"), r::toString);
        expectError(CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--tail", "long"), "--tail long");
        expectError(CliRun.of("render", CliRun.network("sine.xml"), "--plot", png.toString()), "give -o");
    }

    /**
     * Without --seconds the bells are struck until the duration (20 s) and the spectral delay's echoes ring out after
     * it; the file ends once they have stayed below -90 dBFS for 100 ms, not at the declared 62.5 s cap of bells.
     */
    @Test
    void bellsWithoutSecondsEndWhenTheirEchoesHaveDied() throws Exception {
        Path wav = dir.resolve("bells.wav");
        CliRun r = CliRun.of("render", "../networks/bells-spectral-delay.xml", "-o", wav.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        Wav w = Wav.read(wav);
        int duration = 20 * 48000, quiet = 4800;
        double level = Math.pow(10, -90 / 20.0);
        int lastLoud = duration - 1;
        for (float[] c : w.channels()) for (int i = duration; i < c.length; i++) if (Math.abs(c[i]) >= level) lastLoud = Math.max(lastLoud, i);
        assertEquals(lastLoud + 1 + quiet, w.frames(), "100 ms after the last sample at or above -90 dBFS");
        assertTrue(w.frames() < 82.5 * 48000, "ended before the declared tail's cap: " + w.frames());
        assertTrue(w.frames() > 30 * 48000, "the echoes ring for more than 10 s after the bells stop: " + w.frames());
    }

    @Test
    void outputDoesNotDependOnBlockSize() throws Exception {
        byte[] reference = null;
        for (String block : new String[] {"1", "333", "8192"}) {
            Path wav = dir.resolve("block" + block + ".wav");
            CliRun r = CliRun.of("render", CliRun.network("sine.xml"), "-o", wav.toString(), "--bits", "32f",
                    "--block", block, "--quiet");
            assertEquals(0, r.exit(), r::toString);
            Wav w = Wav.read(wav);
            assertEquals(AudioFormat.Encoding.PCM_FLOAT, w.format().getEncoding());
            assertEquals(0.5, peak(w.channels()[1]), 1.2e-3);
            byte[] bytes = Files.readAllBytes(wav);
            if (reference == null) reference = bytes;
            else assertArrayEquals(reference, bytes, "block " + block + " differs from block 1");
        }
    }

    /**
     * The parallel schedule from the command line: the wide benchmark piece's 8 chains on 1 and 3 threads, and on
     * the default, auto, which measures its first blocks and then goes parallel (on a machine of 2 cores or more);
     * the same bytes every time.
     */
    @Test
    void outputDoesNotDependOnTheThreadCount() throws Exception {
        Path wide = Path.of(System.getProperty("conch.networks", "../networks"), "bench", "wide.xml");
        byte[] reference = null;
        for (String threads : new String[] {"1", "3", "auto"}) {
            Path wav = dir.resolve("threads" + threads + ".wav");
            CliRun r = CliRun.of("render", wide.toString(), "-o", wav.toString(), "--bits", "32f", "--seconds", "5",
                    "--block", "512", "--threads", threads);
            assertEquals(0, r.exit(), r::toString);
            byte[] bytes = Files.readAllBytes(wav);
            if (reference == null) {
                reference = bytes;
                assertTrue(peak(Wav.read(wav).channels()[0]) > 0.01, "the wide piece renders near silence");
            } else {
                assertArrayEquals(reference, bytes, threads + " threads differ from 1");
            }
            String time = r.out().lines().filter(l -> l.startsWith("time ")).findFirst().orElse("");
            // auto goes parallel only when the machine had a core to spare while it measured (ThreadChoiceTest)
            String want = switch (threads) {
                case "1" -> "x realtime";
                case "3" -> "x realtime, on 3 threads";
                default -> "x realtime(, on " + Runtime.getRuntime().availableProcessors() + " threads)?";
            };
            assertTrue(time.matches("time +[0-9.]+ s wall, [0-9.]+" + want), "--threads " + threads + ": " + time);
        }
    }

    /**
     * A single chain given 2 threads could only be pipelined, which pays only for a chain far heavier than P1 (saw
     * through tanh, low-pass and gain, 5 ns a frame: pipelined it ran no faster here): it stays on one thread, and
     * renders the same bytes. The pipeline's own bits are checked in ExampleNetworksInParallelTest.
     */
    @Test
    void aLightChainGivenTwoThreadsStaysOnOneAndRendersTheSameBytes() throws Exception {
        Path p1 = Path.of(System.getProperty("conch.networks", "../networks"), "bench", "p1-drone.xml");
        byte[] reference = null;
        for (String threads : new String[] {"1", "2"}) {
            Path wav = dir.resolve("chain" + threads + ".wav");
            CliRun r = CliRun.of("render", p1.toString(), "-o", wav.toString(), "--bits", "32f", "--seconds", "20",
                    "--threads", threads);
            assertEquals(0, r.exit(), r::toString);
            String time = r.out().lines().filter(l -> l.startsWith("time ")).findFirst().orElse("");
            assertTrue(time.matches("time +[0-9.]+ s wall, [0-9.]+x realtime"), "--threads " + threads + ": " + time);
            byte[] bytes = Files.readAllBytes(wav);
            if (reference == null) reference = bytes;
            else assertArrayEquals(reference, bytes, "--threads 2 differs from --threads 1");
        }
        assertTrue(peak(Wav.read(dir.resolve("chain1.wav")).channels()[0]) > 0.1, "P1 rendered near silence");
    }

    /** A narrow network (one oscillator) stays on one thread by default: more would only slow it. */
    @Test
    void aNarrowNetworkStaysOnOneThreadByDefault() throws Exception {
        CliRun r = CliRun.of("render", CliRun.network("sine.xml"), "-o", dir.resolve("narrow.wav").toString(),
                "--seconds", "5");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("time ") && l.endsWith("x realtime")), r::toString);
    }

    @Test
    void userMistakesAreOneSentenceAndExit2() throws Exception {
        String sine = CliRun.network("sine.xml");
        String out = dir.resolve("x.wav").toString();
        expectError(CliRun.of("render", "networks/nope.xml", "-o", out), "networks/nope.xml: no such file");
        expectError(CliRun.of("render", CliRun.network("no-duration.xml"), "-o", out), "give --seconds");
        expectError(CliRun.of("render", sine, "-o", out, "--bits", "12"), "--bits 12: give 16, 24 or 32f");
        expectError(CliRun.of("render", sine, "-o", out, "--block", "0"), "--block 0: give a block size from 1 to 8192");
        expectError(CliRun.of("render", sine, "-o", out, "--block", "9000"), "from 1 to 8192");
        expectError(CliRun.of("render", sine, "-o", out, "--threads", "0"), "--threads 0: give a thread count from 1 to 64, or auto");
        expectError(CliRun.of("render", sine, "-o", out, "--threads", "lots"), "--threads lots: give a thread count from 1 to 64, or auto");
        expectError(CliRun.of("render", sine, "-o", out, "--set", "frequency=3"), "write it as node.param=value");
        expectError(CliRun.of("render", sine, "-o", out, "--set", "oss.frequency=3"), "no node 'oss' (did you mean 'osc'?)");
        expectError(CliRun.of("render", sine, "-o", out, "--seconds", "-1"), "--seconds");
        expectError(CliRun.of("render", sine, "-o", dir.resolve("missing/x.wav").toString()), "does not exist");
        // a value the processor refuses comes from the compiler, naming node and param
        CliRun bad = CliRun.of("render", sine, "-o", out, "--set", "osc.frequency=banana");
        expectError(bad, "banana");
        assertTrue(bad.err().contains("node 'osc', 'frequency'"), bad::toString);
        // not at the file's frequency line, whose own value is fine: the typed value has no line
        assertTrue(bad.err().contains(sine + ": node 'osc', 'frequency': frequency: 'banana' is not a number"), bad::toString);
        assertTrue(bad.err().contains("(as given on the command line)"), bad::toString);
        assertFalse(Files.exists(dir.resolve("x.wav")), "nothing written when the command fails");
    }

    /**
     * -o on a file the render reads, an -i input or a node's own file (an impulse response), would replace it with the
     * render: refused before anything runs, the file as it was.
     */
    @Test
    void aRenderNeverWritesOverAFileItReads() throws Exception {
        Path take = TestAudio.stereoTake(dir.resolve("take.wav"));
        byte[] before = Files.readAllBytes(take);
        Path networks = Path.of(System.getProperty("conch.networks", "../networks"));
        CliRun r = CliRun.of("render", networks.resolve("glass-shaper.xml").toString(), "-i", take.toString(), "-o",
                dir.resolve(".").resolve("take.wav").toString());
        expectError(r, "is the -i file " + take + ": the render would write over what it reads; give -o another file");
        assertArrayEquals(before, Files.readAllBytes(take));

        // a node's file: the convolution's impulse response, in a copy of the example beside its own ir/ folder
        Files.createDirectories(dir.resolve("ir"));
        Path ir = Files.copy(networks.resolve("ir/room-ir.wav"), dir.resolve("ir/room-ir.wav"));
        Path reverb = Files.copy(networks.resolve("convolution-reverb.xml"), dir.resolve("convolution-reverb.xml"));
        byte[] irBefore = Files.readAllBytes(ir);
        CliRun n = CliRun.of("render", reverb.toString(), "-o", ir.toString(), "--seconds", "0.5");
        expectError(n, reverb + ": node 'room' reads " + ir + ", the file -o names, so the render would write over it; "
                + "give -o another file");
        assertArrayEquals(irBefore, Files.readAllBytes(ir));

        // through a link: the -i file is a link to the recording -o names, and a node reads its file through a link
        Path takeLink = Files.createSymbolicLink(dir.resolve("take-link.wav"), take);
        CliRun linked = CliRun.of("render", networks.resolve("glass-shaper.xml").toString(), "-i", takeLink.toString(),
                "-o", take.toString());
        expectError(linked, "is the -i file " + takeLink + ": the render would write over what it reads");
        assertArrayEquals(before, Files.readAllBytes(take));
        CliRun overLink = CliRun.of("render", networks.resolve("glass-shaper.xml").toString(), "-i", takeLink.toString(),
                "-o", takeLink.toString());
        expectError(overLink, "is the -i file " + takeLink + ": the render would write over what it reads");
        assertTrue(Files.isSymbolicLink(takeLink), "the link is left as it was");
        Path irTarget = Files.move(ir, dir.resolve("ir/room-ir-take.wav"));
        Files.createSymbolicLink(ir, irTarget);
        CliRun viaLink = CliRun.of("render", reverb.toString(), "-o", irTarget.toString(), "--seconds", "0.5");
        expectError(viaLink, reverb + ": node 'room' reads " + ir + ", the file -o names, so the render would write "
                + "over it");
        assertArrayEquals(irBefore, Files.readAllBytes(irTarget));
    }

    /**
     * -o naming the network file itself, or a sub-network file it includes (a slip of the shell's completion:
     * {@code render choir.xml -o choir.xml}): the render replaced the network with sound. Refused before anything
     * runs, both files as they were.
     */
    @Test
    void aRenderNeverWritesOverItsNetworkOrASubNetworkFile() throws Exception {
        Path voice = dir.resolve("voice.xml");
        Files.writeString(voice, """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="voice" version="4">
                  <node id="osc" type="Oscillator"/>
                  <node id="out" type="Outlet"/>
                  <connect from="osc.out" to="out.in"/>
                </network>
                """);
        Path net = dir.resolve("choir.xml");
        Files.writeString(net, """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="choir" version="4" duration="0.1">
                  <node id="v" type="net:voice.xml"/>
                  <node id="out" type="AudioOutput"/>
                  <connect from="v.out" to="out.in1"/>
                </network>
                """);
        byte[] netBefore = Files.readAllBytes(net);
        byte[] voiceBefore = Files.readAllBytes(voice);
        CliRun self = CliRun.of("render", net.toString(), "-o", net.toString());
        expectError(self, "-o " + net + " is the network file " + net + ": the render would write sound over it; give -o "
                + "another file, such as " + dir.resolve("choir.wav"));
        CliRun plot = CliRun.of("render", net.toString(), "-o", dir.resolve("c.wav").toString(), "--plot", net.toString());
        expectError(plot, "--plot " + net + " is the network file " + net);
        CliRun sub = CliRun.of("render", net.toString(), "-o", dir.resolve(".").resolve("voice.xml").toString());
        expectError(sub, "is the sub-network file " + voice.toRealPath() + " that " + net + " includes");
        assertArrayEquals(netBefore, Files.readAllBytes(net));
        assertArrayEquals(voiceBefore, Files.readAllBytes(voice));
        assertFalse(Files.exists(dir.resolve("c.wav")), "nothing rendered");
    }

    @Test
    void aDurationPastTheCapIsRefusedAtLoadNamingFileLineValueAndCap() throws Exception {
        Path huge = dir.resolve("huge.xml");
        Files.writeString(huge, Files.readString(Path.of(CliRun.network("sine.xml")))
                .replace("duration=\"0.25\"", "duration=\"1e12\""));
        Path out = dir.resolve("huge.wav");
        // --seconds keeps this test from filling the disk if the check ever goes: the file is refused on reading
        CliRun r = CliRun.of("render", huge.toString(), "-o", out.toString(), "--seconds", "0.1");
        expectError(r, huge + ":2:1: duration=\"1e12\" on <network> is longer than the longest render, 86400 seconds");
        assertFalse(Files.exists(out), r::toString);
        expectError(CliRun.of("validate", huge.toString()), "86400");

        Path zero = dir.resolve("zero.xml");
        Files.writeString(zero, Files.readString(huge).replace("1e12", "0"));
        r = CliRun.of("render", zero.toString(), "-o", out.toString());
        expectError(r, zero + ":2:1: duration=\"0\" on <network> renders nothing");
        assertFalse(r.err().contains("no duration"), r::toString);
    }

    @Test
    void plotFollowsTheRulesOfOutput() throws Exception {
        String sine = CliRun.network("sine.xml");
        Path wav = dir.resolve("p.wav");
        // a missing folder is refused before anything renders, never created, here or at the root
        Path missing = dir.resolve("missing");
        expectError(CliRun.of("render", sine, "-o", wav.toString(), "--plot", missing.resolve("p.png").toString()),
                "--plot " + missing.resolve("p.png") + ": directory " + missing + " does not exist");
        assertFalse(Files.exists(missing));
        assertFalse(Files.exists(wav), "refused before the render");
        Path atRoot = Path.of("/conch-plot-test-" + System.nanoTime());
        expectError(CliRun.of("render", sine, "-o", wav.toString(), "--plot", atRoot.resolve("p.png").toString()),
                "does not exist");
        assertFalse(Files.exists(atRoot));
        // a folder, empty or not, is refused and kept
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "keep");
        for (Path folder : new Path[] {empty, full}) {
            expectError(CliRun.of("render", sine, "-o", wav.toString(), "--plot", folder.toString()), "is a directory");
            assertTrue(Files.isDirectory(folder), folder + " was removed");
        }
        assertEquals("keep", Files.readString(full.resolve("keep.txt")));
        expectError(CliRun.of("render", sine, "-o", wav.toString(), "--plot", wav.toString()), "is the -o file");

        // done right, the plot and -o are the only new files
        Path png = dir.resolve("p.png");
        java.util.Set<Path> before = listing();
        CliRun ok = CliRun.of("render", sine, "-o", wav.toString(), "--plot", png.toString());
        assertEquals(0, ok.exit(), ok::toString);
        java.util.Set<Path> after = listing();
        after.removeAll(before);
        assertEquals(java.util.Set.of(wav, png), after, ok::toString);
        assertEquals(SpectrogramPlot.WIDTH, javax.imageio.ImageIO.read(png.toFile()).getWidth(), "a PNG, read back");
    }

    private java.util.Set<Path> listing() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }

    @Test
    void theSummaryNamesTheTargetAndTheFormatItWasWrittenIn() throws Exception {
        String sine = CliRun.network("sine.xml");
        record Case(String file, String type, String... options) {
        }
        for (Case c : new Case[] {
                new Case("a.aiff", "AIFF"), new Case("b.aiff", "AIFF", "--title", "T"),
                new Case("c.flac", "FLAC", "--bits", "16"), new Case("d.wav", "WAV", "--dither"),
                new Case("e.wav", "FLAC", "--format", "flac"), new Case("f.wav", "WAV", "--comment", "c")}) {
            Path target = dir.resolve(c.file());
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("render", sine, "-o", target.toString()));
            args.addAll(java.util.List.of(c.options()));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("wrote    " + target + "\n"), "names the target\n" + r);
            String format = r.out().lines().filter(l -> l.startsWith("format   ")).findFirst().orElseThrow();
            assertTrue(format.contains(", " + c.type()), c.file() + " is " + c.type() + ": " + format);
            assertFalse(r.out().contains(".render-"), "names no temporary file\n" + r);
            assertEquals(c.type().equals("WAV") && c.options().length > 0 && c.options()[0].equals("--dither"),
                    format.contains("TPDF dither"), format);
        }
    }

    @Test
    void aWriterOnTheOutputFileOrTwoWritersOnOneFileAreRefused() throws Exception {
        Path rec = dir.resolve("rec.wav");
        Files.createDirectory(dir.resolve("sub"));
        String twoWriters = """
                <network name="w" version="1" sampleRate="48000" duration="0.1">
                  <node id="osc" type="Oscillator"/>
                  <node id="first" type="AudioFileWriter"><param name="file">%s</param><param name="channels">1</param></node>
                  <node id="second" type="AudioFileWriter"><param name="file">%s</param><param name="channels">1</param></node>
                  <connect from="osc.out" to="first.in1"/>
                  <connect from="osc.out" to="second.in1"/>
                </network>
                """.formatted(rec, dir.resolve("sub/../rec.wav"));
        Path two = dir.resolve("two.xml");
        Files.writeString(two, twoWriters);
        CliRun r = CliRun.of("render", two.toString());
        expectError(r, "nodes 'first' and 'second' both write");
        assertTrue(r.err().contains(two + ":4:3: "), r::toString);
        assertTrue(r.err().contains("rec.wav"), r::toString);
        expectError(CliRun.of("validate", two.toString()), "both write");
        assertFalse(Files.exists(rec));

        String writerAndOutput = """
                <network name="w" version="1" sampleRate="48000" duration="0.1">
                  <node id="osc" type="Oscillator"/>
                  <node id="rec" type="AudioFileWriter"><param name="file">%s</param><param name="channels">1</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="osc.out" to="rec.in1"/>
                  <connect from="osc.out" to="out.in1"/>
                </network>
                """.formatted(rec);
        Path one = dir.resolve("one.xml");
        Files.writeString(one, writerAndOutput);
        r = CliRun.of("render", one.toString(), "-o", dir.resolve("sub/../rec.wav").toString());
        expectError(r, "node 'rec' writes " + rec + ", the file -o names");
        assertFalse(Files.exists(rec));
        CliRun fine = CliRun.of("render", one.toString(), "-o", dir.resolve("other.wav").toString());
        assertEquals(0, fine.exit(), fine::toString);
        assertTrue(Files.exists(rec) && Files.exists(dir.resolve("other.wav")));
    }

    /**
     * A sine at amplitude 4 (+12.0 dBFS) written in 16 and 24 bits: the warning's count must equal the samples the
     * file read back (by Java Sound) holds at full scale, and it names the peak and the remedies. In 32f, no warning.
     */
    @Test
    void clippingIn16Or24BitsIsReportedWithCountAndPeak() throws Exception {
        String sine = CliRun.network("sine.xml");
        for (String bits : new String[] {"16", "24"}) {
            for (String extra : new String[] {"", "--dither"}) {
                Path wav = dir.resolve("loud" + bits + extra + ".wav");
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("render", sine, "-o",
                        wav.toString(), "--bits", bits, "--set", "osc.amplitude=4", "-q"));
                if (!extra.isEmpty()) args.add(extra);
                CliRun r = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, r.exit(), r::toString);
                long atFullScale = 0;
                for (float[] ch : Wav.read(wav).channels()) {
                    for (float x : ch) if (x == -1f || x >= 1f - (float) Math.pow(2, 1 - Integer.parseInt(bits))) atFullScale++;
                }
                assertTrue(atFullScale > 1000, "the test signal clips: " + atFullScale);
                assertTrue(r.err().contains("warning: " + wav + ": " + atFullScale + " samples clipped (peak +12.0 dBFS); "
                        + "write --bits 32f to keep them, or lower the gain"), atFullScale + "\n" + r);
            }
        }
        CliRun flac = CliRun.of("render", sine, "-o", dir.resolve("loud.flac").toString(), "--bits", "16",
                "--set", "osc.amplitude=4", "-q");
        assertTrue(flac.err().contains("samples clipped (peak +12.0 dBFS); write WAV or AIFF with --bits 32f"),
                "FLAC holds no floats\n" + flac);
        CliRun floats = CliRun.of("render", sine, "-o", dir.resolve("loud.wav").toString(), "--bits", "32f",
                "--set", "osc.amplitude=4", "-q");
        assertEquals("", floats.err(), floats::toString);
        CliRun quiet = CliRun.of("render", sine, "-o", dir.resolve("fine.wav").toString(), "--bits", "16", "-q");
        assertEquals("", quiet.err(), "amplitude 0.5 clips nothing\n" + quiet);
    }

    @Test
    void clippingInAnAudioFileWriterNodeIsReportedNamingTheNode() throws Exception {
        Path rec = dir.resolve("rec.wav");
        Path net = dir.resolve("rec.xml");
        Files.writeString(net, """
                <network name="w" version="1" sampleRate="48000" duration="0.25">
                  <node id="osc" type="Oscillator"><param name="frequency">1000</param><param name="amplitude">4</param></node>
                  <node id="rec" type="AudioFileWriter"><param name="file">%s</param><param name="channels">1</param>
                    <param name="format">16</param></node>
                  <connect from="osc.out" to="rec.in1"/>
                </network>
                """.formatted(rec));
        CliRun r = CliRun.of("render", net.toString(), "-q");
        assertEquals(0, r.exit(), r::toString);
        long atFullScale = 0;
        for (float x : Wav.read(rec).channels()[0]) if (x == -1f || x == 32767 / 32768f) atFullScale++;
        assertTrue(atFullScale > 1000, "the test signal clips: " + atFullScale);
        assertTrue(r.err().contains("warning: node 'rec' (" + rec + "): " + atFullScale + " samples clipped (peak +12.0 "
                + "dBFS); set its format to 32f to keep them, or lower the gain"), atFullScale + "\n" + r);
    }

    private static void expectError(CliRun r, String words) {
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(words), "expected '" + words + "'\n" + r);
        assertFalse(r.err().contains("Exception"), "no stack trace for a user's mistake\n" + r);
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
