package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static dev.conch.processors.control.ControlTesting.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EnvelopeFollower on a gated sine, against the continuous-time responses its Javadoc derives: the level it
 * settles at, the time it takes to rise, and the time it takes to fall (two time constants in cascade).
 */
class EnvelopeFollowerTest {
    private static final double A = 0.8, F = 2000;
    private static final int ON = 4800, OFF = ON + 48000, FRAMES = OFF + 48000;

    /** A sine of amplitude A switched on at ON (at phase 0) and off at OFF. */
    private static float[] gatedSine() {
        float[] x = new float[FRAMES];
        for (int n = ON; n < OFF; n++) x[n] = (float) (A * Math.sin(2 * Math.PI * F * (n - ON) / SR));
        return x;
    }

    private static float[] follow(String detector, double attackMs, double releaseMs, float[] x, int block) {
        ProcessorHarness h = ControlTesting.harness(EnvelopeFollower.class, Map.of("detector", detector,
                "attack", Double.toString(attackMs), "release", Double.toString(releaseMs)), block);
        return ControlTesting.run(h, "in", x, block);
    }

    /** The t ≥ 0 where a decreasing f crosses 0, by bisection. */
    private static double root(DoubleUnaryOperator f, double hi) {
        double lo = 0;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) > 0) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    /** Seconds after the sine stops until the level falls to 1/e of where it was: (R e^(−t/R) − τ e^(−t/τ)) / (R − τ). */
    private static double cascadeFallTime(double release, double tau) {
        return root(t -> (release * Math.exp(-t / release) - tau * Math.exp(-t / tau)) / (release - tau)
                - Math.exp(-1), 20 * release);
    }

    @Test
    void peakDetectorSettlesAtTheAmplitudeAndRisesAndFallsWithItsTimeConstants() {
        double attack = 0.020, release = 0.200;
        float[] y = follow("peak", attack * 1000, release * 1000, gatedSine(), 256);
        double settled = y[OFF - 1];
        assertEquals(A, settled, 0.01 * A, "level of a steady sine: its peak");
        // rise: A (1 - e^(-t/attack)) reaches 1 - 1/e of the level after one attack time constant
        double rise = (ControlTesting.crossing(y, ON, (1 - Math.exp(-1)) * settled) - ON) / SR;
        assertEquals(attack, rise, 0.03 * attack, "attack time constant, measured");
        // fall: release and attack in cascade
        double fall = (ControlTesting.crossing(y, OFF, Math.exp(-1) * y[OFF - 1]) - OFF) / SR;
        double expected = cascadeFallTime(release, attack);
        assertEquals(expected, fall, 0.03 * expected, "fall time to 1/e, measured");
        assertTrue(Math.abs(fall - release) < 0.2 * release, "about the release time when release >> attack");
    }

    @Test
    void rmsDetectorSettlesAtTheRmsAndRisesAndFallsWithItsTimeConstants() {
        double attack = 0.020, release = 0.300;
        float[] y = follow("rms", attack * 1000, release * 1000, gatedSine(), 256);
        double rms = A / Math.sqrt(2);
        assertEquals(rms, Signals.mean(y, OFF - 4800, 4800), 0.01 * rms, "level of a steady sine: peak / sqrt 2");
        // rise: rms sqrt(1 - e^(-t/attack)): after one time constant, rms sqrt(1 - 1/e)
        double rise = (ControlTesting.crossing(y, ON, rms * Math.sqrt(1 - Math.exp(-1))) - ON) / SR;
        assertEquals(attack, rise, 0.03 * attack, "attack time constant of the mean square, measured");
        // fall: the root of the mean square falls with 2 attack, then the release smoothing
        double fall = (ControlTesting.crossing(y, OFF, Math.exp(-1) * y[OFF - 1]) - OFF) / SR;
        double expected = cascadeFallTime(release, 2 * attack);
        assertEquals(expected, fall, 0.03 * expected, "fall time to 1/e, measured");
    }

    @Test
    void zeroTimesFollowTheRectifiedSignalExactly() {
        float[] x = Signals.noise(1000, 5, 1);
        float[] y = follow("peak", 0, 0, x, 64);
        for (int i = 0; i < x.length; i++) assertEquals(Math.abs(x[i]), y[i], 0, "sample " + i);
        y = follow("rms", 0, 0, x, 64);
        for (int i = 0; i < x.length; i++) assertEquals(Math.abs(x[i]), y[i], 1e-7, "sample " + i);
    }

    @Test
    void outputIsBitIdenticalAtBlockSizes1And64And997() {
        float[] x = gatedSine();
        float[] noise = Signals.noise(x.length, 17, 0.3);
        for (int i = 0; i < x.length; i++) x[i] += noise[i];
        for (String detector : new String[]{"peak", "rms"}) {
            float[] reference = null;
            for (int block : new int[]{1, 64, 997}) {
                ProcessorHarness h = ControlTesting.harness(EnvelopeFollower.class, Map.of("detector", detector), block);
                float[] y = ControlTesting.run(h, "in", x, x.length, block, 33333, s -> s.set("release", 20));
                if (reference == null) reference = y;
                else assertArrayEquals(reference, y, detector + " block " + block);
            }
        }
    }

    @Test
    void silenceDecaysToExactZeroWithoutSubnormals() {
        float[] x = new float[(int) SR * 20];
        x[0] = 1;
        for (String detector : new String[]{"peak", "rms"}) {
            float[] y = follow(detector, 1, 50, x, 512);
            assertEquals(0f, y[y.length - 1], detector);
            for (float v : y) assertTrue(v == 0 || Math.abs(v) >= Float.MIN_NORMAL, detector + ": subnormal " + v);
        }
    }

    @Test
    void allocatesNothingWhileRunning() {
        for (String detector : new String[]{"peak", "rms"}) {
            ProcessorHarness h = ControlTesting.harness(EnvelopeFollower.class, Map.of("detector", detector), 256);
            float[] in = h.in("in");
            for (int i = 0; i < in.length; i++) in[i] = (float) Math.sin(i * 0.3);
            assertEquals(0, ControlTesting.bytesPer10000Calls(h, 256), detector);
        }
    }
}
