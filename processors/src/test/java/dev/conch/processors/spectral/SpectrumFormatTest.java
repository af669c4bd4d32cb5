package dev.conch.processors.spectral;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.Signals;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spectrum streams carry their STFT's framing: the nodes after an STFT take it from their input (version 2 files
 * give them no framing params), version-1 files that repeat it still open when it agrees and are refused with one
 * sentence when it does not.
 */
class SpectrumFormatTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    private static final double SR = 48000;

    @TempDir
    Path dir;

    /** A mono float WAV of {@code x} at 48 kHz, for an AudioFileReader. */
    private Path wav(String name, float[] x) throws Exception {
        Path file = dir.resolve(name);
        try (WavWriter w = WavWriter.open(file, 1, (int) SR, SampleFormat.FLOAT32)) {
            w.write(new float[][]{x}, 0, x.length);
            w.commit();
        }
        return file;
    }

    private static NetworkSpec read(String xml) throws NetworkException {
        return NetworkXml.read(xml, "test.xml");
    }

    private static List<Problem> problems(String xml) throws NetworkException {
        NetworkSpec spec = read(xml);
        return assertThrows(NetworkException.class, () -> NetworkCompiler.compile(spec, REGISTRY, 256)).problems();
    }

    @Test
    void aNonDefaultFramingReachesEveryNodeOfAChain() throws Exception {
        String xml = """
                <network name="chain" version="2" sampleRate="48000">
                  <node id="noise" type="Noise"/>
                  <node id="stft" type="STFT"><param name="fftSize">512</param><param name="windowLength">480</param>
                    <param name="window">hamming</param><param name="overlap">5</param></node>
                  <node id="gain" type="SpectralGain"><param name="gain">-6</param></node>
                  <node id="delay" type="SpectralDelay"><param name="delay">0:0.1</param></node>
                  <node id="synth" type="ISTFT"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="noise.out" to="stft.in"/>
                  <connect from="stft.out" to="gain.in"/>
                  <connect from="gain.out" to="delay.in"/>
                  <connect from="delay.out" to="synth.in"/>
                  <connect from="synth.out" to="out.in1"/>
                </network>
                """;
        CompiledNetwork net = NetworkCompiler.compile(read(xml), REGISTRY, 256);
        // written out by hand: 480 samples of Hamming, 5 frames per window length, so a hop of 96
        SpectrumFormat expected = new SpectrumFormat(512, 480, "hamming", 8, 5);
        for (String id : List.of("gain", "delay", "synth")) {
            assertEquals(expected, net.processors().get(id).input("in").spec().format(), id);
        }
        assertEquals(expected, net.processors().get("delay").output("out").spec().format());
        // the ISTFT emits one hop of samples per frame, and the delay counts its 0.1 s in hops of 96
        assertEquals(96, net.processors().get("synth").output("out").spec().rate());
        assertEquals(Math.round(0.1 * SR / 96), ((SpectralDelay) net.processors().get("delay")).delayFrames(3));
        assertEquals(expected, NetworkCompiler.inputFormats(read(xml), REGISTRY).get("synth").get("in"));
    }

    /** The symptom: 0.5 s of spectral delay came out 0.5875 s when its hop param was not the STFT's. */
    @Test
    void halfASecondOfSpectralDelayIsHalfASecondAtTheStftsHop() throws Exception {
        int at = 1000;
        Path impulse = wav("impulse.wav", Signals.impulse(40000, at));
        String nodes = """
                  <node id="in" type="AudioFileReader"><param name="file">%s</param></node>
                  <node id="stft" type="STFT"><param name="fftSize">2048</param><param name="overlap">4</param></node>
                  <node id="delay" type="SpectralDelay">%s<param name="delay">0:0.5</param>
                    <param name="feedback">0:0</param></node>
                  <node id="synth" type="ISTFT">%s</node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="in.out1" to="stft.in"/>
                  <connect from="stft.out" to="delay.in"/>
                  <connect from="delay.out" to="synth.in"/>
                  <connect from="synth.out" to="out.in1"/>
                </network>
                """;
        // version 2, and a version-1 file that repeats the FFT size but not the hop (left at its old default, 256)
        String fft = "<param name=\"fftSize\">2048</param>";
        for (String head : List.of("<network name=\"d\" version=\"2\" sampleRate=\"48000\">\n" + nodes.formatted(impulse, "", ""),
                "<network name=\"d\" version=\"1\" sampleRate=\"48000\">\n" + nodes.formatted(impulse, fft, fft))) {
            float[] y = Render.channel0(read(head), REGISTRY, 97, 40000);
            int hop = 512, latency = 2048 - hop; // window length - hop: the STFT -> ISTFT latency
            int echo = Signals.peakIndex(y);
            assertTrue(Math.abs(echo - (at + latency + 0.5 * SR)) <= hop / 2.0,
                    "echo at sample " + echo + ", expected " + (at + latency + 0.5 * SR) + " within half a hop");
            assertTrue(Math.abs(y[echo]) > 0.5, "the echo is the impulse: " + y[echo]);
        }
    }

    @Test
    void theIstftGivesBackItsInputDelayedByTheLatencyWithInheritedFraming() throws Exception {
        float[] x = new float[20000];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() - 0.5);
        String xml = """
                <network name="identity" version="2" sampleRate="48000">
                  <node id="in" type="AudioFileReader"><param name="file">%s</param></node>
                  <node id="stft" type="STFT"><param name="fftSize">1024</param><param name="windowLength">768</param>
                    <param name="overlap">3</param></node>
                  <node id="synth" type="ISTFT"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="in.out1" to="stft.in"/>
                  <connect from="stft.out" to="synth.in"/>
                  <connect from="synth.out" to="out.in1"/>
                </network>
                """.formatted(wav("noise.wav", x));
        float[] y = Render.channel0(read(xml), REGISTRY, 64, x.length);
        int latency = 768 - 256;
        double worst = 0;
        for (int i = latency; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] - x[i - latency]));
        assertTrue(worst < 1e-5, "max error " + worst);
        assertTrue(Signals.rms(y, latency, x.length - latency) > 0.2, "the output is the input, not silence");
    }

    private static final String V1 = """
            <network name="old" version="1" sampleRate="48000">
              <node id="noise" type="Noise"><param name="seed">3</param></node>
              <node id="stft" type="STFT"><param name="fftSize">1024</param><param name="window">hann</param>
                <param name="overlap">4</param></node>
              <node id="delay" type="SpectralDelay"><param name="fftSize">1024</param><param name="hop">%s</param>
                <param name="delay">0:0.05</param></node>
              <node id="synth" type="ISTFT"><param name="fftSize">%s</param><param name="windowLength">0</param>
                <param name="window">hann</param><param name="overlap">4</param></node>
              <node id="out" type="AudioOutput"><param name="channels">1</param></node>
              <connect from="noise.out" to="stft.in"/>
              <connect from="stft.out" to="delay.in"/>
              <connect from="delay.out" to="synth.in"/>
              <connect from="synth.out" to="out.in1"/>
            </network>
            """;

    private static final String V2 = """
            <network name="old" version="2" sampleRate="48000">
              <node id="noise" type="Noise"><param name="seed">3</param></node>
              <node id="stft" type="STFT"><param name="fftSize">1024</param><param name="window">hann</param>
                <param name="overlap">4</param></node>
              <node id="delay" type="SpectralDelay"><param name="delay">0:0.05</param></node>
              <node id="synth" type="ISTFT"/>
              <node id="out" type="AudioOutput"><param name="channels">1</param></node>
              <connect from="noise.out" to="stft.in"/>
              <connect from="stft.out" to="delay.in"/>
              <connect from="delay.out" to="synth.in"/>
              <connect from="synth.out" to="out.in1"/>
            </network>
            """;

    @Test
    void aVersion1FileRepeatingTheFramingOpensAndSoundsAsVersion2() throws Exception {
        float[] old = Render.channel0(read(V1.formatted("256", "1024")), REGISTRY, 100, 8000);
        float[] now = Render.channel0(read(V2), REGISTRY, 100, 8000);
        assertArrayEquals(now, old);
        assertTrue(Signals.rms(now, 4000, 4000) > 0.01, "something sounds");
    }

    @Test
    void aVersion1ParamThatDisagreesIsOneSentenceNamingLineNodeParamAndBothValues() throws Exception {
        List<Problem> p = problems(V1.formatted("256", "2048"));
        assertEquals(1, p.size(), p.toString());
        String s = p.get(0).describe();
        assertEquals(7, p.get(0).location().line(), s); // the line of <param name="fftSize"> on the ISTFT
        assertEquals("synth", p.get(0).node());
        assertEquals("fftSize", p.get(0).port());
        assertTrue(s.contains("sets fftSize 2048") && s.contains("carries fftSize 1024") && s.contains("delay.out")
                && s.contains("remove the param"), s);

        List<Problem> hop = problems(V1.formatted("300", "1024"));
        assertEquals(1, hop.size(), hop.toString());
        assertEquals("hop", hop.get(0).port());
        assertTrue(hop.get(0).message().contains("sets hop 300") && hop.get(0).message().contains("carries hop 256"),
                hop.get(0).message());
    }

    @Test
    void aMorphOfTwoFramingsIsOneSentenceNamingBothSources() throws Exception {
        List<Problem> p = problems("""
                <network name="m" version="2" sampleRate="48000">
                  <node id="noise" type="Noise"/>
                  <node id="left" type="STFT"><param name="fftSize">1024</param></node>
                  <node id="right" type="STFT"><param name="fftSize">2048</param></node>
                  <node id="morph" type="SpectralMorph"/>
                  <node id="synth" type="ISTFT"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="noise.out" to="left.in"/>
                  <connect from="noise.out" to="right.in"/>
                  <connect from="left.out" to="morph.a"/>
                  <connect from="right.out" to="morph.b"/>
                  <connect from="morph.out" to="synth.in"/>
                  <connect from="synth.out" to="out.in1"/>
                </network>
                """);
        assertEquals(1, p.size(), p.toString());
        String s = p.get(0).message();
        assertEquals("morph", p.get(0).node());
        assertTrue(s.contains("a from left.out (fftSize 1024") && s.contains("b from right.out (fftSize 2048")
                && s.contains("same fftSize"), s);
    }

    @Test
    void aVersion1FileIsWrittenAsVersion2WithoutTheRepeatedParamsAndReadsBackTheSame() throws Exception {
        NetworkSpec old = read(V1.formatted("256", "1024"));
        String written = NetworkXml.write(NetworkCompiler.withoutRepeatedFraming(old, REGISTRY));
        assertTrue(written.contains("version=\"" + NetworkSpec.FORMAT_VERSION + "\""), written); // 2 or later
        // the STFT keeps its params; the delay and the ISTFT lose theirs
        assertEquals(1, count(written, "name=\"fftSize\"") + count(written, "name=\"hop\""), written);
        assertEquals(1, count(written, "name=\"overlap\""), written);
        NetworkSpec back = read(written);
        assertEquals(written, NetworkXml.write(back));
        assertEquals(NetworkSpec.FORMAT_VERSION, back.version());
        assertFalse(back.node("synth").orElseThrow().params().containsKey("fftSize"));
        assertArrayEquals(Render.channel0(read(V2), REGISTRY, 64, 6000), Render.channel0(back, REGISTRY, 64, 6000));
        // a param that disagrees stays, so that compiling still says what to do
        NetworkSpec wrong = NetworkCompiler.withoutRepeatedFraming(read(V1.formatted("256", "2048")), REGISTRY);
        assertEquals("2048", wrong.node("synth").orElseThrow().params().get("fftSize").text());
    }

    @Test
    void aFramingTheIstftCannotInvertIsRefusedOnTheIstftPointingAtTheStft() throws Exception {
        List<Problem> p = problems("""
                <network name="cola" version="2" sampleRate="48000">
                  <node id="noise" type="Noise"/>
                  <node id="stft" type="STFT"><param name="window">hann</param><param name="overlap">2</param></node>
                  <node id="synth" type="ISTFT"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="noise.out" to="stft.in"/>
                  <connect from="stft.out" to="synth.in"/>
                  <connect from="synth.out" to="out.in1"/>
                </network>
                """);
        assertEquals(1, p.size(), p.toString());
        String s = p.get(0).message();
        assertEquals("synth", p.get(0).node());
        assertTrue(s.contains("change it on the STFT") && s.contains("overlap 2") && s.contains("overlap 4 works"), s);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
