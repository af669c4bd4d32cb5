package dev.conch.processors.network;

import dev.conch.engine.driver.OfflineRenderer;
import dev.conch.engine.driver.RenderOptions;
import dev.conch.engine.driver.RenderResult;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Signals;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tail is what rings out after the network's duration: there the sources are released (they fade to silence
 * within 10 ms, a bell is struck no more) while effects keep running, and the render ends once the output has stayed
 * below -90 dBFS for 100 ms, or when the declared tail is used up. The expected lengths are computed here from the
 * rendered samples by that rule, independently of the renderer's loop.
 */
class TailTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    private static final int RATE = 48000;
    private static final int FADE = 480;            // 10 ms
    private static final int QUIET = 4800;          // 100 ms
    private static final double QUIET_LEVEL = Math.pow(10, -90 / 20.0);

    @TempDir
    Path dir;

    private static String network(String nodes, String wiring) {
        return "<network name=\"tail\" version=\"1\" sampleRate=\"" + RATE + "\">" + nodes
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>" + wiring
                + "</network>";
    }

    private static final String SINE = "<node id=\"osc\" type=\"Oscillator\"><param name=\"frequency\">1000</param>"
            + "<param name=\"amplitude\">0.5</param></node>";
    private static final String BELL = "<node id=\"bell\" type=\"Bell\"><param name=\"frequency\">440</param>"
            + "<param name=\"decay\">0.3</param><param name=\"period\">0.25</param></node>";
    private static final String ECHO = "<node id=\"echo\" type=\"Delay\"><param name=\"time\">200</param>"
            + "<param name=\"feedback\">0.5</param><param name=\"dry\">1</param><param name=\"wet\">1</param></node>";

    private float[] render(String xml, long duration, long tail, int block) throws Exception {
        Path wav = dir.resolve("tail-" + block + ".wav");
        RenderResult r = OfflineRenderer.render(NetworkCompiler.compile(NetworkXml.read(xml, "tail.xml"), REGISTRY, block),
                new RenderOptions(wav, duration, block, SampleFormat.FLOAT32, tail), x -> { });
        float[] y = AudioFileLoader.load(wav).channels()[0];
        assertEquals(r.frames(), y.length, "the result's frame count is the file's");
        return y;
    }

    /** The rule, from the samples: 100 ms after the last sample at or above -90 dBFS from the duration on. */
    private static long lengthByTheRule(float[] y, long duration, long cap) {
        long lastLoud = duration - 1;
        for (int i = (int) duration; i < y.length; i++) if (Math.abs(y[i]) >= QUIET_LEVEL) lastLoud = i;
        return Math.min(duration + cap, lastLoud + 1 + QUIET);
    }

    @Test
    void aSourceFadesWithinTenMillisecondsOfTheDuration() throws Exception {
        int duration = 12_345;
        float[] y = render(network(SINE, "<connect from=\"osc.out\" to=\"out.in1\"/>"), duration, RATE, 256);
        double peakBefore = 0;
        for (int i = duration - 480; i < duration; i++) peakBefore = Math.max(peakBefore, Math.abs(y[i]));
        assertTrue(peakBefore > 0.49, "full level up to the duration: " + peakBefore);
        for (int i = duration; i < duration + FADE; i++) {
            double envelope = 0.5 * (FADE - (i - duration)) / FADE;
            assertTrue(Math.abs(y[i]) <= envelope + 1e-6, "sample " + i + " above the 10 ms fade: " + y[i]);
        }
        for (int i = duration + FADE; i < y.length; i++) assertEquals(0f, y[i], "sample " + i + " after the fade");
        assertEquals(duration + FADE + QUIET, y.length, "ends 100 ms after the fade reached silence");
    }

    @Test
    void everySourceIsSilentTenMillisecondsAfterTheDurationAndUnchangedBefore() throws Exception {
        Path file = dir.resolve("sine.wav");
        try (WavWriter w = WavWriter.open(file, 1, RATE, SampleFormat.FLOAT32)) {
            float[] x = Signals.sine(RATE, 440, RATE, 0.5);
            w.write(new float[][]{x}, 0, x.length);
            w.commit();
        }
        String[][] sources = {
                {"<node id=\"src\" type=\"Noise\"><param name=\"color\">pink</param></node>", "out"},
                {"<node id=\"src\" type=\"AudioFileReader\"><param name=\"file\">" + file + "</param>"
                        + "<param name=\"loop\">true</param></node>", "out1"},
                {"<node id=\"src\" type=\"GrainStream\"><param name=\"file\">" + file + "</param>"
                        + "<param name=\"density\">200</param><param name=\"channels\">mono</param></node>", "out"},
                {"<node id=\"src\" type=\"Oscillator\"><param name=\"waveform\">saw</param></node>", "out"}};
        int duration = 20_000;
        for (String[] sourceAndPort : sources) {
            String source = sourceAndPort[0];
            String xml = network(source, "<connect from=\"src." + sourceAndPort[1] + "\" to=\"out.in1\"/>");
            float[] y = render(xml, duration, RATE, 333);
            float[] untouched = render(xml, duration, 0, 333);
            assertArrayEquals(untouched, java.util.Arrays.copyOf(y, duration), source + ": changed before the duration");
            double peak = 0;
            for (int i = duration - 2400; i < duration; i++) peak = Math.max(peak, Math.abs(y[i]));
            assertTrue(peak > 0.1, source + ": sounding at the duration: " + peak);
            for (int i = duration + FADE; i < y.length; i++) assertEquals(0f, y[i], source + ": sample " + i);
            assertEquals(lengthByTheRule(y, duration, RATE), y.length, source);
        }
    }

    @Test
    void anEffectsEchoContinuesAfterTheSourceStops() throws Exception {
        int duration = RATE / 2;
        float[] y = render(network(SINE + ECHO, "<connect from=\"osc.out\" to=\"echo.in\"/>"
                + "<connect from=\"echo.out\" to=\"out.in1\"/>"), duration, 10L * RATE, 512);
        // the sine alone is silent from duration + 10 ms; the echo repeats it 0.2 s later at half level, and so on
        double echoPeak = 0;
        for (int i = duration + FADE; i < duration + RATE / 5; i++) echoPeak = Math.max(echoPeak, Math.abs(y[i]));
        assertTrue(echoPeak > 0.4, "the delay keeps sounding after the source stopped: peak " + echoPeak);
        assertTrue(y.length > duration + RATE, "the echoes ring on for more than a second: " + y.length);
        assertTrue(y.length < duration + 10L * RATE, "the echoes die before the cap: " + y.length);
        assertEquals(lengthByTheRule(y, duration, 10L * RATE), y.length);
        for (int i = y.length - QUIET; i < y.length; i++) {
            assertTrue(Math.abs(y[i]) < QUIET_LEVEL, "the last 100 ms are below -90 dBFS: sample " + i + " " + y[i]);
        }
    }

    @Test
    void aBellIsStruckNoMoreAndRingsOutQuietly() throws Exception {
        int duration = RATE; // strikes at 0, 0.25, 0.5, 0.75 s; none at 1 s or later
        float[] y = render(network(BELL, "<connect from=\"bell.out\" to=\"out.in1\"/>"), duration, 30L * RATE, 512);
        int window = RATE / 20;
        double previous = Double.MAX_VALUE;
        for (int start = duration; start + window <= y.length; start += window) {
            double peak = 0;
            for (int i = start; i < start + window; i++) peak = Math.max(peak, Math.abs(y[i]));
            assertTrue(peak <= previous, "no new strike after the duration: the level rose to " + peak + " at " + start);
            previous = peak;
        }
        assertTrue(y.length > duration + RATE / 10, "the bell rings on after the duration: " + y.length);
        assertEquals(lengthByTheRule(y, duration, 30L * RATE), y.length);
        for (int i = y.length - QUIET; i < y.length; i++) assertTrue(Math.abs(y[i]) < QUIET_LEVEL, "quiet end: " + i);
    }

    @Test
    void theCapEndsATailThatWouldRingLonger() throws Exception {
        int duration = RATE / 2;
        float[] y = render(network(SINE + ECHO, "<connect from=\"osc.out\" to=\"echo.in\"/>"
                + "<connect from=\"echo.out\" to=\"out.in1\"/>"), duration, RATE / 4, 512);
        assertEquals(duration + RATE / 4, y.length, "the declared tail caps the render");
    }

    @Test
    void theTailIsBitIdenticalAtAnyBlockSize() throws Exception {
        String xml = network(SINE + BELL + ECHO
                        + "<node id=\"noise\" type=\"Noise\"><param name=\"amplitude\">0.1</param></node>"
                        + "<node id=\"mix\" type=\"Mixer\"><param name=\"inputs\">3</param></node>",
                "<connect from=\"osc.out\" to=\"mix.in1\"/><connect from=\"bell.out\" to=\"mix.in2\"/>"
                        + "<connect from=\"noise.out\" to=\"mix.in3\"/><connect from=\"mix.out\" to=\"echo.in\"/>"
                        + "<connect from=\"echo.out\" to=\"out.in1\"/>");
        long duration = 23_456; // falls inside a block at every size below
        float[] reference = render(xml, duration, 20L * RATE, 1);
        assertEquals(lengthByTheRule(reference, duration, 20L * RATE), reference.length);
        for (int block : new int[]{97, 512, 4096}) {
            assertArrayEquals(reference, render(xml, duration, 20L * RATE, block), "block " + block);
        }
        assertTrue(Files.size(dir.resolve("tail-1.wav")) > 0);
    }
}
