package dev.conch.processors.bell;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bell against the closed form of its modes: Σ a_k · r_k^n · sin(n ω_k) per strike, strikes adding up. */
class BellTest {
    private static final double SR = 48000;

    /** The closed form for one strike at sample 0 of the first {@code partials} modes. */
    private static double strike(long n, double f, double decay, double amp, int partials) {
        if (n < 0) return 0;
        double y = 0;
        for (int k = 0; k < partials; k++) {
            double fk = f * Bell.RATIOS[k];
            double t60 = decay * Math.pow(Bell.RATIOS[k], -0.6);
            double r = Math.pow(1e-3, 1 / (t60 * SR));
            y += amp * Bell.AMPLITUDES[k] * Math.pow(r, n) * Math.sin(2 * Math.PI * fk / SR * n);
        }
        return y;
    }

    @Test
    void oneStrikeIsASumOfDampedSinesAtTheBellRatios() {
        float[] y = ProcessorHarness.create(Bell.class,
                Map.of("frequency", "300", "decay", "2", "amplitude", "0.3"), SR, 256).render("out", 96000);
        double worst = 0;
        for (int n = 0; n < y.length; n++) worst = Math.max(worst, Math.abs(y[n] - strike(n, 300, 2, 0.3, 12)));
        assertTrue(worst < 1e-5, "max deviation from the closed form " + worst);
        // the prime's T60: 2 s, so its level one second in is 30 dB down from the start
        float[] prime = ProcessorHarness.create(Bell.class,
                Map.of("frequency", "300", "decay", "2", "partials", "1"), SR, 256).render("out", 96000);
        double a0 = Signals.maxAbs(java.util.Arrays.copyOfRange(prime, 0, 480));
        double a1 = Signals.maxAbs(java.util.Arrays.copyOfRange(prime, 48000, 48480));
        double drop = Signals.db(a1 / a0);
        assertTrue(Math.abs(drop + 30) < 0.1, "prime dropped " + drop + " dB in 1 s");
    }

    @Test
    void restrikesEveryPeriodAddingToTheRinging() {
        Map<String, String> p = Map.of("frequency", "200", "decay", "3", "period", "0.5", "delay", "0.1", "partials", "4");
        float[] y = ProcessorHarness.create(Bell.class, p, SR, 333).render("out", 96000);
        double worst = 0;
        for (int n = 0; n < y.length; n++) {
            double e = 0;
            for (long s = 4800; s < y.length; s += 24000) e += strike(n - s, 200, 3, 0.2, 4);
            worst = Math.max(worst, Math.abs(y[n] - e));
        }
        assertTrue(worst < 1e-5, "max deviation " + worst);
        assertArrayEquals(y, ProcessorHarness.create(Bell.class, p, SR, 1).render("out", 96000), "block size 1");
    }
}
