package dev.conch.processors.shape;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The polyphase Oversampler against the textbook definition computed here directly: zero-stuff by R, convolve with
 * the whole filter (gain R), shape, convolve again with the whole filter, keep every R-th sample.
 */
class OversamplerTest {
    private static final int HALF_TAPS = 24;

    @Test
    void polyphaseUpAndDownEqualTheFullFilterAppliedTheLongWay() {
        for (int factor : new int[] {2, 4}) {
            double[] h = Oversampler.design(factor, 2 * factor * HALF_TAPS + 1, 7.0);
            SplittableRandom rnd = new SplittableRandom(factor);
            int n = 3000;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rnd.nextDouble(-1, 1);

            // reference: zero-stuffed input, full convolution, a nonlinearity, full convolution, every R-th sample
            double[] stuffed = new double[n * factor];
            for (int i = 0; i < n; i++) stuffed[i * factor] = x[i];
            double[] up = convolve(stuffed, h, factor);
            double[] shaped = new double[up.length];
            for (int i = 0; i < up.length; i++) shaped[i] = Math.tanh(2 * up[i]);
            double[] down = convolve(shaped, h, 1);

            Oversampler os = new Oversampler(factor, HALF_TAPS);
            double[] sub = new double[factor];
            double worstUp = 0, worstDown = 0;
            for (int i = 0; i < n; i++) {
                os.up(x[i], sub);
                for (int p = 0; p < factor; p++) {
                    worstUp = Math.max(worstUp, Math.abs(sub[p] - up[i * factor + p]));
                    sub[p] = Math.tanh(2 * sub[p]);
                }
                worstDown = Math.max(worstDown, Math.abs(os.down(sub) - down[i * factor]));
            }
            assertEquals(0, worstUp, 1e-12, factor + "x: interpolated sub-samples");
            assertEquals(0, worstDown, 1e-12, factor + "x: decimated samples");
        }
    }

    @Test
    void theOriginalSamplesPassThroughTheInterpolatorDelayedByHalfItsLength() {
        Oversampler os = new Oversampler(2, HALF_TAPS);
        double[] sub = new double[2];
        SplittableRandom rnd = new SplittableRandom(9);
        double[] x = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-1, 1);
            os.up(x[i], sub);
            os.down(sub);
            if (i >= HALF_TAPS) assertEquals(x[i - HALF_TAPS], sub[0], 1e-15, "sample " + i);
        }
    }

    /** y[k] = gain · Σ h[i] · s[k - i], zero before the start. */
    private static double[] convolve(double[] s, double[] h, double gain) {
        double[] y = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            double sum = 0;
            for (int i = 0; i < h.length && i <= k; i++) sum += h[i] * s[k - i];
            y[k] = gain * sum;
        }
        return y;
    }
}
