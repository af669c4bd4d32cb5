package dev.conch.processors.mix;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RingModulator: the product sample for sample, and two sines give only their sum and difference frequencies
 * (sin A sin B = (cos(A-B) - cos(A+B)) / 2).
 */
class RingModulatorTest {
    private static final double SR = 48000;

    @Test
    void twoSinesGiveTheirSumAndDifference() {
        int n = 48000;
        float[] a = Signals.sine(n, 1000, SR, 1), b = Signals.sine(n, 300, SR, 0.8);
        ProcessorHarness h = ProcessorHarness.create(RingModulator.class, Map.of(), SR, 100);
        float[] y = new float[n];
        for (int done = 0; done < n; done += 100) {
            System.arraycopy(a, done, h.in("a"), 0, 100);
            System.arraycopy(b, done, h.in("b"), 0, 100);
            h.process(100);
            System.arraycopy(h.out("out"), 0, y, done, 100);
        }
        for (int i = 0; i < n; i++) assertEquals(a[i] * b[i], y[i], 0, "sample " + i);
        assertEquals(0.4, Signals.sineAmplitude(y, 0, n, 700, SR), 1e-4);
        assertEquals(0.4, Signals.sineAmplitude(y, 0, n, 1300, SR), 1e-4);
        assertTrue(Signals.sineAmplitude(y, 0, n, 1000, SR) < 1e-4, "no carrier");
        assertTrue(Signals.sineAmplitude(y, 0, n, 300, SR) < 1e-4, "no modulator");
    }
}
