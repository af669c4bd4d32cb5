package dev.conch.processors.shape;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The polyphase Oversampler against the textbook definition computed here directly: zero-stuff by R, convolve with
 * the whole filter (gain R), shape, convolve again with the whole filter, keep every R-th sample.
 */
class OversamplerTest {
    private static final int HALF_TAPS = 24;

    @Test
    void polyphaseUpAndDownEqualTheFullFilterAppliedTheLongWayAtAnyBlockSize() {
        for (int factor : new int[] {2, 4}) {
            double[] h = Oversampler.design(factor, 2 * factor * HALF_TAPS + 1, 7.0);
            SplittableRandom rnd = new SplittableRandom(factor);
            int n = 3000;
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float) rnd.nextDouble(-1, 1);

            // reference: zero-stuffed input, full convolution, a nonlinearity, full convolution, every R-th sample
            double[] stuffed = new double[n * factor];
            for (int i = 0; i < n; i++) stuffed[i * factor] = x[i];
            double[] up = convolve(stuffed, h, factor);
            double[] shaped = new double[up.length];
            for (int i = 0; i < up.length; i++) shaped[i] = Math.tanh(2 * up[i]);
            double[] down = convolve(shaped, h, 1);

            float[] whole = run(factor, x, new int[] {n}, up);
            double worstUp = worst[0], worstDown = 0;
            for (int i = 0; i < n; i++) worstDown = Math.max(worstDown, Math.abs(whole[i] - down[i * factor]));
            assertEquals(0, worstUp, 1e-12, factor + "x: interpolated sub-samples");
            assertEquals(0, worstDown, 1e-7, factor + "x: decimated samples (float output)");

            // cut into random blocks: the same bits
            int[] blocks = new int[n];
            int count = 0;
            for (int done = 0; done < n; count++) {
                blocks[count] = Math.min(n - done, 1 + rnd.nextInt(300));
                done += blocks[count];
            }
            assertArrayEquals(whole, run(factor, x, Arrays.copyOf(blocks, count), up), factor + "x: block size changed the output");
        }
    }

    @Test
    void theOriginalSamplesPassThroughTheInterpolatorDelayedByHalfItsLength() {
        Oversampler os = new Oversampler(2, HALF_TAPS, 64);
        SplittableRandom rnd = new SplittableRandom(9);
        float[] x = new float[512], y = new float[64];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextDouble(-1, 1);
        for (int b = 0; b < x.length; b += 64) {
            double[][] sub = os.up(Arrays.copyOfRange(x, b, b + 64), 64);
            for (int i = 0; i < 64; i++) {
                int n = b + i;
                if (n >= HALF_TAPS) assertEquals(x[n - HALF_TAPS], sub[0][i], 1e-15, "sample " + n);
            }
            os.down(64, y);
        }
    }

    private static final double[] worst = new double[1];

    /**
     * Runs the Oversampler over x in the given blocks with tanh(2u) between up and down; records the largest
     * difference of the interpolated sub-samples from {@code up} in {@link #worst}.
     */
    private static float[] run(int factor, float[] x, int[] blocks, double[] up) {
        int max = 0;
        for (int b : blocks) max = Math.max(max, b);
        Oversampler os = new Oversampler(factor, HALF_TAPS, max);
        float[] y = new float[x.length], out = new float[max];
        worst[0] = 0;
        int at = 0;
        for (int b : blocks) {
            double[][] sub = os.up(Arrays.copyOfRange(x, at, at + b), b);
            for (int i = 0; i < b; i++) {
                for (int p = 0; p < factor; p++) {
                    worst[0] = Math.max(worst[0], Math.abs(sub[p][i] - up[(at + i) * factor + p]));
                    sub[p][i] = Math.tanh(2 * sub[p][i]);
                }
            }
            os.down(b, out);
            System.arraycopy(out, 0, y, at, b);
            at += b;
        }
        return y;
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
