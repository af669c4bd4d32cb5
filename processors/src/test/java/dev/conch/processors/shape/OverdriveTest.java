package dev.conch.processors.shape;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overdrive against the curves as CLAM's GuitarDistortion and ZynDistortion define them (written out here from their
 * formulas, in double precision), on a full-scale ramp and on noise.
 */
class OverdriveTest {
    private static final double SR = 48000;

    private static float[] ramp() {
        float[] x = new float[2001];
        for (int i = 0; i < x.length; i++) x[i] = (float) (-1 + i / 1000.0);
        return x;
    }

    private static float[] run(Map<String, String> params, float[] x) {
        return ProcessorHarness.create(Overdrive.class, params, SR, 100).run("in", x, "out");
    }

    @Test
    void atanPolynomialAndZynFollowTheirFormulas() {
        float[] x = ramp();
        float[] atan = run(Map.of("curve", "atan", "amount", "5"), x);
        float[] poly = run(Map.of("curve", "polynomial", "amount", "0.7", "square", "0.4"), x);
        float[] zyn = run(Map.of("curve", "zyn", "amount", "0.6"), x);
        double w = Math.pow(10, 3 * 0.36) - 1 + 0.001;
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.atan(5 * x[i]) / Math.atan(5), atan[i], 1e-6);
            assertEquals(0.7 * x[i] + 0.4 * x[i] * Math.abs(x[i]), poly[i], 1e-6);
            assertEquals(Math.atan(w * x[i]) / Math.atan(w), zyn[i], 1e-6);
        }
        assertEquals(1, atan[x.length - 1], 1e-6, "atan reaches full scale at full scale");
        assertEquals(-1, zyn[0], 1e-6);
        float[] none = run(Map.of("curve", "atan", "amount", "0"), x);
        for (int i = 0; i < x.length; i++) assertEquals(x[i], none[i], 0, "amount 0 leaves the signal");
    }

    @Test
    void factorWithoutCompressionIsTheKLaw() {
        float[] x = ramp();
        float[] y = run(Map.of("curve", "factor", "amount", "0.8", "compression", "0"), x);
        double k = 2 * 0.8 / (1 - 0.8);
        for (int i = 0; i < x.length; i++) assertEquals((1 + k) * x[i] / (1 + k * Math.abs(x[i])), y[i], 1e-6);
    }

    @Test
    void factorsAutomaticGainSteersThePowerToItsTarget() {
        float[] x = Signals.noise(48000, 5, 1);
        float[] y = run(Map.of("curve", "factor", "amount", "0.5", "compression", "9"), x);
        // the same automatic gain written out: gain += 0.1 (0.01 - y^2), from 1
        double gain = 1, k = 2 * 0.5 / (1 - 0.5);
        for (int i = 0; i < x.length; i++) {
            double v = (1 + k) * x[i] / (1 + k * Math.abs(x[i])) * gain;
            gain += 0.1 * ((10 - 9) / 100.0 - v * v);
            assertEquals(v, y[i], 1e-4 * Math.max(1, Math.abs(v)), "sample " + i);
        }
        double power = Signals.power(y, 24000, 24000);
        assertTrue(Math.abs(power - 0.01) < 0.002, "settles near the target power 0.01: " + power);
    }

    /** Found by the property tests: zyn at amount 80.6 computed 10^(3·80.6²) = infinity, and silence became NaN. */
    @Test
    void zynAboveItsRangeIsItsFullDriveAndStaysFinite() {
        float[] x = ramp();
        float[] full = run(Map.of("curve", "zyn", "amount", "1"), x), over = run(Map.of("curve", "zyn", "amount", "80.6"), x);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Float.isFinite(over[i]), "sample " + i + " (input " + x[i] + "): " + over[i]);
            assertEquals(full[i], over[i], 0, "sample " + i);
        }
    }
    /**
     * Found by the property tests: a loud signal (a noise whose mean a control had set to -2e9) drove the factor
     * curve's automatic gain below 0 in one step, then to infinity, and the output became NaN from the first samples.
     * Held within 0 to 100, the gain keeps every output finite, and a long silence no longer lets it climb without
     * end before the next sound.
     */
    @Test
    void theAutomaticGainStaysWithinItsBoundsOnALoudOrASilentInput() {
        for (double level : new double[] {4, 1e3, -2e9}) {
            float[] loud = new float[4800];
            java.util.Arrays.fill(loud, (float) level);
            for (String amount : new String[] {"0", "0.5"}) {
                float[] y = run(Map.of("curve", "factor", "amount", amount, "compression", "1"), loud);
                for (int i = 0; i < y.length; i++) {
                    assertTrue(Float.isFinite(y[i]), "level " + level + ", amount " + amount + ", sample " + i + ": " + y[i]);
                }
            }
        }
        // a second of silence, then full scale: the first output is at most 100 times the curve's own
        float[] x = new float[48000 + 10];
        for (int i = 48000; i < x.length; i++) x[i] = 1;
        float[] y = run(Map.of("curve", "factor", "amount", "0", "compression", "1"), x);
        assertEquals(Overdrive.MAX_GAIN, y[48000], 0, "the gain climbed to its bound in the silence, not past it");
        // ordinary noise never reaches a bound: the gain written out without them gives the same samples
        float[] noise = Signals.noise(48000, 5, 7);
        float[] z = run(Map.of("curve", "factor", "amount", "0.5", "compression", "1"), noise);
        double gain = 1, k = 2;
        for (int i = 0; i < noise.length; i++) {
            double v = (1 + k) * noise[i] / (1 + k * Math.abs(noise[i])) * gain;
            gain += 0.1 * (0.09 - v * v);
            assertEquals(v, z[i], 1e-4 * Math.max(1, Math.abs(v)), "sample " + i);
        }
    }
}
