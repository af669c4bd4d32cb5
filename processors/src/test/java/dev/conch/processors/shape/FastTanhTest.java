package dev.conch.processors.shape;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FastTanh against Math.tanh: the error bound its documentation states. */
class FastTanhTest {
    @Test
    void withinOneMillionthOfMathTanhEverywhereFromMinusTenToTen() {
        double worst = 0, at = 0;
        // every float in [-1e-3, 1e-3] would be 2^26 values: step through a relative grid instead, dense enough to
        // see the rational function's ripple (~0.7 % steps, tens of points per ripple lobe)
        for (float x = -10f; x <= 10f; x = Math.abs(x) < 1e-4f ? Math.nextUp(x) + 1e-6f : x + Math.abs(x) * 1e-4f) {
            double e = Math.abs(FastTanh.tanh(x) - Math.tanh(x));
            if (e > worst) {
                worst = e;
                at = x;
            }
        }
        System.out.println("FastTanh: largest error " + worst + " at " + at);
        assertTrue(worst <= 1e-6, "largest error " + worst + " at " + at);
        assertTrue(worst > 1e-8, "an error this small (" + worst + ") means the grid missed the ripple");
    }

    @Test
    void oddExactAtZeroSaturatesBeyondTheClampAndKeepsNaN() {
        assertEquals(0f, FastTanh.tanh(0f));
        for (float x : new float[] {0.1f, 0.5f, 1f, 3f, 7.9f}) assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x));
        for (float x : new float[] {10f, 100f, 1e30f, Float.POSITIVE_INFINITY}) {
            assertEquals(1.0, FastTanh.tanh(x), 1e-6);
            assertEquals(-1.0, FastTanh.tanh(-x), 1e-6);
        }
        assertTrue(Float.isNaN(FastTanh.tanh(Float.NaN)));
    }

    @Test
    void neverLeavesMinusOneToOneAndRisesUpToFloatRounding() {
        float prev = -2;
        for (float x = -12f; x <= 12f; x += 1e-3f) {
            float y = FastTanh.tanh(x);
            assertTrue(y >= -1 && y <= 1, "tanh(" + x + ") = " + y);
            // a minimax fit ripples around tanh by up to its error (±5e-7), so it may step back by that much, no more
            assertTrue(y >= prev - 1e-6f, "tanh fell from " + prev + " to " + y + " at " + x);
            prev = y;
        }
    }
}
