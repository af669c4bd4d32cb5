package dev.conch.processors.spectral;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FastAtan2 against Math.atan2 all the way round the circle and across magnitudes. */
class FastAtan2Test {
    @Test
    void within4e8RadiansOfMathAtan2EverywhereRoundTheCircle() {
        double worst = 0;
        for (double m : new double[] {1e-30, 1e-6, 1, 3.5, 1e6}) {
            for (int k = 0; k < 200_000; k++) {
                double angle = -Math.PI + 2 * Math.PI * k / 200_000;
                double x = m * Math.cos(angle), y = m * Math.sin(angle);
                worst = Math.max(worst, Math.abs(FastAtan2.atan2(y, x) - Math.atan2(y, x)));
            }
        }
        System.out.println("FastAtan2: largest error " + worst + " rad");
        assertTrue(worst <= 4e-8, "largest error " + worst);
        assertTrue(worst > 1e-10, "the grid missed the fit's ripple: " + worst);
    }

    @Test
    void axesAndTheOrigin() {
        assertEquals(0, FastAtan2.atan2(0, 0));
        assertEquals(0, FastAtan2.atan2(0, 2), 4e-8);
        assertEquals(Math.PI / 2, FastAtan2.atan2(2, 0), 4e-8);
        assertEquals(Math.PI, FastAtan2.atan2(0, -2), 4e-8);
        assertEquals(-Math.PI / 2, FastAtan2.atan2(-2, 0), 4e-8);
        assertEquals(Math.PI / 4, FastAtan2.atan2(1, 1), 4e-8);
        assertEquals(-3 * Math.PI / 4, FastAtan2.atan2(-1, -1), 4e-8);
        // signed zeros as Math.atan2 has them: which side of the negative x axis
        assertEquals(Math.atan2(-0.0, -1), FastAtan2.atan2(-0.0, -1), 4e-8);
        assertEquals(Math.atan2(0.0, -1), FastAtan2.atan2(0.0, -1), 4e-8);
    }
}
