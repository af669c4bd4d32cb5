package dev.conch.processors.network;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.processors.filter.Biquad;
import dev.conch.processors.shape.Waveshaper;
import dev.conch.processors.time.Delay;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decaying tail (a feedback delay or a resonant filter ringing out) must reach exact zero without passing through
 * subnormal floats: on x86 every subnormal operation costs ~100 cycles, which is how a quiet network can miss
 * deadlines. Checked on the output and, indirectly, on the state (state that stays subnormal keeps the output so).
 */
class DenormalTailTest {

    private static void assertNoSubnormals(String what, float[] y) {
        int subnormal = 0, first = -1;
        for (int i = 0; i < y.length; i++) {
            float a = Math.abs(y[i]);
            if (a > 0 && a < Float.MIN_NORMAL) {
                subnormal++;
                if (first < 0) first = i;
            }
        }
        assertTrue(subnormal == 0, what + ": " + subnormal + " subnormal samples, the first at " + first);
        assertTrue(y[y.length - 1] == 0f, what + ": the tail never reaches zero: " + y[y.length - 1]);
    }

    private static float[] impulse(int n) {
        float[] x = new float[n];
        x[0] = 1;
        return x;
    }

    @Test
    void feedbackDelayDecaysToExactZero() {
        ProcessorHarness h = ProcessorHarness.create(Delay.class,
                Map.of("time", "0.5", "feedback", "0.7", "dry", "0", "wet", "1"), 48000, 256);
        assertNoSubnormals("Delay feedback 0.7", h.run("in", impulse(48000 * 4), "out"));
    }

    @Test
    void resonantFilterRingsOutToExactZero() {
        ProcessorHarness h = ProcessorHarness.create(Biquad.class, Map.of("type", "lowpass", "frequency", "500", "q", "20"),
                48000, 256);
        assertNoSubnormals("Biquad q 20", h.run("in", impulse(48000 * 4), "out"));
    }

    @Test
    void oversampledShaperTailIsClean() {
        ProcessorHarness h = ProcessorHarness.create(Waveshaper.class, Map.of("oversample", "4", "drive", "3"), 48000, 256);
        assertNoSubnormals("Waveshaper 4x", h.run("in", impulse(48000), "out"));
    }
}
