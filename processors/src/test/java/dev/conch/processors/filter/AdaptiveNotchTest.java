package dev.conch.processors.filter;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AdaptiveNotch: sample for sample what CLAM's LMS recursion gives (computed here over whole arrays, not a ring),
 * and in use it removes a hum it is given a phase-shifted copy of, leaving the signal, delayed taps - 1 samples.
 */
class AdaptiveNotchTest {
    private static final double SR = 8000;

    @Test
    void followsTheLmsRecursionExactlyAtAnyBlockSize() {
        int n = 3000, m = 5;
        double mu = 0.02;
        float[] in = Signals.noise(n, 1, 0.5), ref = Signals.noise(n, 2, 0.5);
        double[] w = new double[m];
        double[] expected = new double[n];
        for (int k = 0; k < n; k++) {
            double est = 0;
            for (int j = 0; j < m; j++) est += w[j] * at(ref, k - (m - 1) + j);
            double e = at(in, k - (m - 1)) - est;
            for (int j = 0; j < m; j++) w[j] += mu * e * at(ref, k - (m - 1) + j);
            expected[k] = e;
        }
        for (int block : new int[] {1, 64, 999}) {
            ProcessorHarness h = ProcessorHarness.create(AdaptiveNotch.class, Map.of("taps", "5", "step", "0.02"), SR, block);
            for (int done = 0; done < n; done += block) {
                int len = Math.min(block, n - done);
                System.arraycopy(in, done, h.in("in"), 0, len);
                System.arraycopy(ref, done, h.in("reference"), 0, len);
                h.process(len);
                for (int i = 0; i < len; i++) assertEquals(expected[done + i], h.out("out")[i], 1e-5, "block " + block + " at " + (done + i));
            }
        }
    }

    private static double at(float[] x, int i) {
        return i < 0 ? 0 : x[i];
    }

    @Test
    void removesAHumGivenAShiftedCopyOfIt() {
        int n = 16384;
        float[] voice = Signals.sine(n, 440, SR, 0.3), in = new float[n], ref = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = voice[i] + (float) (0.5 * Math.sin(2 * Math.PI * 50 * i / SR + 1.0));
            ref[i] = (float) Math.cos(2 * Math.PI * 50 * i / SR);
        }
        ProcessorHarness h = ProcessorHarness.create(AdaptiveNotch.class, Map.of("taps", "8", "step", "0.01"), SR, 256);
        float[] out = new float[n];
        for (int done = 0; done < n; done += 256) {
            System.arraycopy(in, done, h.in("in"), 0, 256);
            System.arraycopy(ref, done, h.in("reference"), 0, 256);
            h.process(256);
            System.arraycopy(h.out("out"), 0, out, done, 256);
        }
        int from = n / 2, len = n / 2;
        double hum = Signals.sineAmplitude(out, from, len, 50, SR);
        assertTrue(hum < 0.01, "hum left: " + hum + " of 0.5");
        assertEquals(0.3, Signals.sineAmplitude(out, from, len, 440, SR), 0.02, "the 440 Hz signal passes");
    }

    /** Found by the property tests: step 1 on a loud reference diverged to infinity; now it restarts from zero. */
    @Test
    void aStepTooLargeForTheReferenceRestartsInsteadOfReachingInfinity() {
        int n = 48000;
        float[] in = Signals.noise(n, 4, 1), ref = Signals.noise(n, 5, 4);
        ProcessorHarness h = ProcessorHarness.create(AdaptiveNotch.class, Map.of("taps", "10", "step", "1"), SR, 512);
        int restarts = 0;
        for (int done = 0; done < n; done += 512) {
            int len = Math.min(512, n - done);
            System.arraycopy(in, done, h.in("in"), 0, len);
            System.arraycopy(ref, done, h.in("reference"), 0, len);
            h.process(len);
            for (int i = 0; i < len; i++) {
                float y = h.out("out")[i];
                assertTrue(Math.abs(y) < 1000, "finite and bounded at " + (done + i) + ": " + y);
                if (done + i >= 9 && y == in[done + i - 9]) restarts++;
            }
        }
        assertTrue(restarts > 0, "the filter did diverge and restart (the output was then the delayed input)");
    }
}
