package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.conch.processors.control.ControlTesting.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smooth: step responses against 1 − e^(−t/T) and against a straight ramp of length T. */
class SmoothTest {
    /** 0 until sample {@code at}, then {@code level}. */
    private static float[] step(int frames, int at, float level) {
        float[] x = new float[frames];
        for (int i = at; i < frames; i++) x[i] = level;
        return x;
    }

    private static float[] smooth(String mode, String ms, float[] x, int block) {
        return ControlTesting.run(ControlTesting.harness(Smooth.class, Map.of("mode", mode, "time", ms), block),
                "in", x, block);
    }

    @Test
    void onePoleStepResponseHasTheTimeConstantWithinOnePercent() {
        for (double ms : new double[]{1, 10, 250}) {
            int at = 1000;
            double t = ms * 0.001 * SR;   // the time constant in samples
            float[] y = smooth("onepole", Double.toString(ms), step(at + (int) (8 * t), at, 1), 256);
            for (int k = 0; k < 8 * t; k++) {
                assertEquals(1 - Math.exp(-(k + 1) / t), y[at + k], 1e-6, ms + " ms, sample " + k + " after the step");
            }
            // measured: when the output crosses 1 - 1/e (the sample of the step counts as the first)
            double measured = (ControlTesting.crossing(y, at - 1, 1 - Math.exp(-1)) - at + 1) / SR * 1000;
            assertEquals(ms, measured, ms * 0.01, "time constant measured from the step response");
        }
    }

    @Test
    void rampFollowsAStepInAStraightLineOfExactlyTheTime() {
        int at = 500, n = 480;   // 10 ms
        float[] y = smooth("ramp", "10", step(2000, at, 2), 64);
        assertEquals(0f, y[at - 1]);
        for (int k = 0; k < n; k++) assertEquals(2.0 * (k + 1) / n, y[at + k], 1e-6, "ramp sample " + k);
        assertEquals(2f, y[at + n - 1], "arrives exactly after the time");
        assertEquals(2f, y[1999]);
        // a new target mid-ramp starts a new ramp of the full length from where the output is
        float[] x = step(3000, at, 2);
        for (int i = at + 240; i < x.length; i++) x[i] = -1;
        y = smooth("ramp", "10", x, 64);
        double from = 2.0 * 240 / n;   // the output on the sample before the change
        for (int k = 0; k < n; k++) assertEquals(from + (-1 - from) * (k + 1) / n, y[at + 240 + k], 1e-6);
    }

    @Test
    void startsAtTheFirstInputPassesThroughAtZeroTimeAndHoldsOnNaN() {
        float[] x = new float[100];
        java.util.Arrays.fill(x, 1000);
        for (String mode : new String[]{"onepole", "ramp"}) {
            for (float v : smooth(mode, "50", x, 16)) assertEquals(1000f, v, mode + ": no glide up from 0 at the start");
            float[] noise = Signals.noise(500, 3, 1);
            assertArrayEquals(noise, smooth(mode, "0", noise, 16), mode + " with time 0");
            float[] withNaN = step(1000, 100, 1);
            withNaN[200] = Float.NaN;
            float[] y = smooth(mode, "1", withNaN, 16);
            assertEquals(y[199], y[200], mode + ": a NaN holds the output");
            assertTrue(Float.isFinite(y[999]) && Math.abs(y[999] - 1) < 1e-3, mode + ": and it recovers");
        }
    }

    @Test
    void outputIsBitIdenticalAtBlockSizes1And64And997() {
        float[] x = Signals.noise(30000, 11, 1);
        for (int i = 0; i < x.length; i++) x[i] = (i / 3000) % 2 == 0 ? x[i] : 5;   // noise and plateaus
        for (String mode : new String[]{"onepole", "ramp"}) {
            float[] reference = null;
            for (int block : new int[]{1, 64, 997}) {
                ProcessorHarness h = ControlTesting.harness(Smooth.class, Map.of("mode", mode, "time", "3"), block);
                float[] y = ControlTesting.run(h, "in", x, x.length, block, 12345, s -> s.set("time", 40));
                if (reference == null) reference = y;
                else assertArrayEquals(reference, y, mode + " block " + block);
            }
        }
    }

    @Test
    void timeStaysInMillisecondsWhenEachFiringIsAHop() {
        // hop 480 at 48 kHz: a firing is 10 ms, so a 100 ms ramp takes 10 firings
        ProcessorHarness h = ControlTesting.harness(Smooth.class, Map.of("mode", "ramp", "time", "100"), 64);
        h.processor().prepare(new ProcessContext(SR, 64, 64, 480));
        float[] y = ControlTesting.run(h, "in", step(40, 5, 1), 64);
        assertEquals(0.1f, y[5], 1e-7f);
        assertEquals(1f, y[14]);
        assertTrue(y[13] < 1);
    }

    @Test
    void allocatesNothingWhileRunning() {
        for (String mode : new String[]{"onepole", "ramp"}) {
            ProcessorHarness h = ControlTesting.harness(Smooth.class, Map.of("mode", mode, "time", "2"), 256);
            float[] in = h.in("in");
            for (int i = 0; i < in.length; i++) in[i] = i % 100 < 50 ? 0 : 1;
            assertEquals(0, ControlTesting.bytesPer10000Calls(h, 256), mode);
        }
    }
}
