package dev.conch.processors.network;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Render;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feedback loops whose other nodes do not move a sample at a time. An impulse goes round a loop of an STFT chain
 * and a Delay; with the chain passing the signal through unchanged, the output is the impulse followed by echoes
 * halving at a fixed period (the delay plus the chain's latency). Before the Delay counted emitted and absorbed
 * samples on their own, the first echo moved with the block size and at block 97 there was none.
 */
class FeedbackLoopTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    private static final int RATE = 48000;
    @TempDir
    static Path dir;
    private static Path impulse;

    @BeforeAll
    static void writeImpulse() throws Exception {
        impulse = dir.resolve("impulse.wav");
        float[][] x = new float[1][RATE];
        x[0][0] = 1f;
        try (WavWriter w = WavWriter.open(impulse, 1, RATE, SampleFormat.FLOAT32)) {
            w.write(x, 0, x[0].length);
            w.commit();
        }
    }

    private static NetworkSpec loop(String delayExtras, String chain) throws NetworkException {
        return NetworkXml.read("""
                <network name="loop" version="2" sampleRate="48000">
                  <node id="src" type="AudioFileReader"><param name="file">%s</param></node>
                  <node id="mix" type="Mixer"><param name="inputs">2</param></node>
                  %s
                  <node id="echo" type="Delay"><param name="time">100</param><param name="wet">0.5</param>%s</node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="src.out1" to="mix.in1"/>
                  <connect from="echo.out" to="mix.in2"/>
                  <connect from="mix.out" to="out.in1"/>
                </network>
                """.formatted(impulse, chain, delayExtras), "loop.xml");
    }

    private static final String STFT_CHAIN = """
            <node id="stft" type="STFT"><param name="fftSize">1024</param></node>
            <node id="keep" type="SpectralGain"><param name="gain">0</param></node>
            <node id="istft" type="ISTFT"/>
            <connect from="mix.out" to="stft.in"/>
            <connect from="stft.out" to="keep.in"/>
            <connect from="keep.out" to="istft.in"/>
            <connect from="istft.out" to="echo.in"/>
            """;

    private static float[] render(NetworkSpec spec, int block, int frames) throws NetworkException {
        return Render.channel0(spec, REGISTRY, block, frames);
    }

    private static int loudest(float[] y, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) if (Math.abs(y[i]) > Math.abs(y[best])) best = i;
        return best;
    }

    @Test
    void loopThroughAnStftChainEchoesAtAFixedPeriodAtEveryBlockSize() throws Exception {
        NetworkSpec spec = loop("", STFT_CHAIN);
        int frames = RATE / 2;
        float[] reference = render(spec, 1, frames);
        for (int block : new int[] {97, 512, 1000, 4096}) {
            assertArrayEquals(reference, render(spec, block, frames), "block " + block + " against block 1");
        }
        int delay = RATE / 10;
        assertEquals(1f, reference[0], 1e-6f, "the impulse itself");
        int first = loudest(reference, delay, delay + 1024);
        int period = first; // the echo's period: the delay plus the STFT chain's latency, under one FFT size
        assertTrue(period >= delay && period < delay + 1024, "first echo at " + first);
        for (int k = 1; k * period < frames; k++) {
            assertEquals(Math.pow(0.5, k), reference[k * period], 1e-4, "echo " + k + " at " + k * period);
            assertEquals(k * period, loudest(reference, k * period - 200, Math.min(frames, k * period + 200)),
                    "echo " + k + " is where the period says");
        }
    }

    @Test
    void automationOfALoopClosingDelayIsApplied() throws Exception {
        // wet falls from 0.5 to 0 over the first 50 ms: the first echo, read at 100 ms, is silent; without
        // automation it is 0.5 (before the fix the timeline was attached to the absorb half, which never reads wet)
        String direct = "<connect from=\"mix.out\" to=\"echo.in\"/>";
        String automated = "<automate param=\"wet\"><setValueAtTime value=\"0.5\" startTime=\"0\"/>"
                + "<linearRampToValueAtTime value=\"0\" endTime=\"0.05\"/></automate>";
        float[] plain = render(loop("", direct), 64, RATE / 4);
        float[] faded = render(loop(automated, direct), 64, RATE / 4);
        assertEquals(0.5f, plain[RATE / 10], 1e-6f);
        assertEquals(0f, faded[RATE / 10], 0f);
        assertArrayEquals(faded, render(loop(automated, direct), 1000, RATE / 4), "same at block 1000");
    }

    @Test
    void aControlComputedFromTheLoopItselfIsRefusedWithASentence() {
        String chain = """
                <node id="follow" type="EnvelopeFollower"/>
                <connect from="mix.out" to="echo.in"/>
                <connect from="echo.out" to="follow.in"/>
                <control from="follow.out" to="echo.wet"/>
                """;
        NetworkException e = assertThrows(NetworkException.class, () -> render(loop("", chain), 64, 64));
        assertTrue(e.getMessage().contains("echo.wet is driven by follow.out, which depends on echo's own output"),
                e.getMessage());
    }
}
