package dev.conch.processors.mix;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gain: exact dB → linear conversion and a click-free, exactly timed ramp. */
class GainTest {
    private static final double SR = 48000;

    @Test
    void minusSixDbIsHalfAmplitude() {
        float[] x = Signals.noise(4096, 1, 1);
        float[] y = ProcessorHarness.create(Gain.class, Map.of("gain", "-6"), SR, 256).run("in", x, "out");
        for (int i = 0; i < x.length; i++) assertEquals(x[i] * 0.501187, y[i], 1e-6);
    }

    @Test
    void everyGainIsTenToTheDbOverTwenty() {
        float[] x = Signals.noise(1000, 2, 1);
        for (double db : new double[]{-120, -40, -20, -3, 0, 6, 12, 24}) {
            float[] y = ProcessorHarness.create(Gain.class, Map.of("gain", Double.toString(db)), SR, 100).run("in", x, "out");
            double g = Math.pow(10, db / 20);
            for (int i = 0; i < x.length; i++) assertEquals(x[i] * g, y[i], 1e-6 * g, db + " dB");
        }
    }

    @Test
    void liveChangeRampsOver20msWithoutLargeSteps() {
        ProcessorHarness h = ProcessorHarness.create(Gain.class, Map.of(), SR, 64);
        float[] dc = new float[4800];
        Arrays.fill(dc, 1f);
        h.run("in", Arrays.copyOf(dc, 640), "out");   // settled at 0 dB
        h.set("gain", -20);
        float[] y = h.run("in", dc, "out");
        int ramp = (int) Math.round(0.020 * SR);   // 960 samples
        // a ramp linear in dB: each sample is at most 20/960 dB below the one before
        double largestAllowed = 1 - Math.pow(10, -20.0 / ramp / 20);
        double largest = 0;
        float prev = 1;
        for (float v : y) {
            largest = Math.max(largest, prev - v);
            assertTrue(v <= prev, "the ramp must only fall");
            prev = v;
        }
        System.out.printf("gain ramp 0 → -20 dB: largest step %.6f (bound %.6f)%n", largest, largestAllowed);
        assertTrue(largest <= largestAllowed + 1e-6, "step " + largest);
        assertTrue(y[0] < 1f, "the ramp starts at the change");
        assertTrue(y[ramp - 2] > (float) 0.1 + 1e-4, "still ramping before 20 ms");
        assertEquals(0.1, y[ramp - 1], 1e-7, "reaches -20 dB after exactly 20 ms");
        assertEquals(0.1, y[y.length - 1], 1e-7);
    }

    @Test
    void sameOutputAtAnyBlockSizeWithARamp() {
        float[] x = Signals.noise(5000, 3, 1);
        float[] ref = null;
        for (int block : new int[]{1, 64, 1000}) {
            ProcessorHarness h = ProcessorHarness.create(Gain.class, Map.of(), SR, block);
            float[] a = h.run("in", Arrays.copyOf(x, 1000), "out");
            h.set("gain", -30);
            float[] b = h.run("in", Arrays.copyOfRange(x, 1000, 5000), "out");
            float[] y = Arrays.copyOf(a, 5000);
            System.arraycopy(b, 0, y, 1000, 4000);
            if (ref == null) ref = y;
            else assertArrayEquals(ref, y, "block " + block);
        }
    }
}
