package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.conch.processors.control.ControlTesting.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Envelope against the closed forms of its segments (written out here piece by piece, not by running a copy of
 * its state machine): where each segment ends, to the sample, and the level there and everywhere between.
 */
class EnvelopeTest {
    private static final double L = Math.log(1000);

    /** A segment from v0 to v1 of n samples, k samples in: the formula in Envelope's Javadoc. */
    private static double segment(double v0, double v1, double k, double n, boolean exp) {
        double w = exp ? (1 - Math.exp(-k * L / n)) / (1 - 0.001) : k / n;
        return v0 + (v1 - v0) * w;
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private static float[] oneShot(Map<String, String> p, int frames, int block) {
        ProcessorHarness h = ControlTesting.harness(Envelope.class, p, block).disconnect("gate");
        return h.render("out", frames);
    }

    private static Map<String, String> adsr(String curve) {
        return params("attack", "0.01", "decay", "0.02", "sustain", "0.5", "release", "0.05", "hold", "0.1",
                "peak", "1", "curve", curve);
    }

    @Test
    void oneShotSegmentsFollowTheirClosedFormsAndEndOnTheSpecifiedSamples() {
        for (String curve : new String[]{"linear", "exponential"}) {
            boolean exp = curve.equals("exponential");
            float[] y = oneShot(adsr(curve), 9000, 256);
            int a = 480, d = 960, h = 4800, r = 2400;   // 0.01 s, 0.02 s, 0.1 s, 0.05 s at 48 kHz
            for (int n = 0; n < y.length; n++) {
                double e;
                if (n < a) e = segment(0, 1, n, a, exp);
                else if (n < a + d) e = segment(1, 0.5, n - a, d, exp);
                else if (n < h) e = 0.5;
                else if (n < h + r) e = segment(0.5, 0, n - h, r, exp);
                else e = 0;
                assertEquals(e, y[n], 1e-6, curve + " sample " + n);
            }
            // where each segment ends, found in the output itself, and the level there
            assertEquals(a, ControlTesting.firstAtOrAbove(y, 0, 1), curve + ": attack ends");
            assertEquals(1f, y[a], curve);
            assertEquals(a + d, ControlTesting.firstAtOrBelow(y, a, 0.5), curve + ": decay ends");
            assertEquals(0.5f, y[a + d], curve);
            assertEquals(0.5f, y[h - 1], curve + ": sustain lasts until the hold ends");
            assertTrue(y[h] == 0.5f && y[h + 1] < 0.5f, curve + ": release starts at the hold's end");
            assertEquals(h + r, ControlTesting.firstAtOrBelow(y, h, 0), curve + ": release ends");
        }
    }

    @Test
    void durationsThatAreNotWholeSamplesEndWithinOneSample() {
        for (String curve : new String[]{"linear", "exponential"}) {
            double attack = 0.0123456, decay = 0.0314159, release = 0.0271828, hold = 0.2;
            float[] y = oneShot(params("attack", Double.toString(attack), "decay", Double.toString(decay),
                    "sustain", "0.25", "release", Double.toString(release), "hold", Double.toString(hold),
                    "peak", "0.8", "curve", curve), 15000, 997);
            // levels as floats: the output is float, and 0.2f is a little above 0.2
            int attackEnd = ControlTesting.firstAtOrAbove(y, 0, 0.8f);
            int decayEnd = ControlTesting.firstAtOrBelow(y, attackEnd, 0.2f);
            int holdEnd = (int) Math.round(hold * SR);
            int releaseEnd = ControlTesting.firstAtOrBelow(y, holdEnd, 0);
            assertTrue(Math.abs(attackEnd - attack * SR) <= 1, curve + " attack ends at " + attackEnd);
            assertTrue(Math.abs(decayEnd - (attack + decay) * SR) <= 1, curve + " decay ends at " + decayEnd);
            assertTrue(Math.abs(releaseEnd - (hold + release) * SR) <= 1, curve + " release ends at " + releaseEnd);
            assertEquals(0.8f, y[attackEnd], 1e-6);
            assertEquals(0.2f, y[decayEnd], 1e-6);
            assertEquals(0f, y[releaseEnd]);
        }
    }

    @Test
    void exponentialSegmentsReachTheSetTargetAtTimeLevelsAtTheirTimeConstants() {
        // Web Audio's setTargetAtTime: after one time constant τ = N / ln 1000, 1 − 1/e of the way (here rescaled
        // by 1 / 0.999 so the segment lands exactly)
        float[] y = oneShot(adsr("exponential"), 9000, 64);
        double tau = 480 / L;                                   // attack: 480 samples
        int k = (int) Math.round(tau);
        double expected = (1 - Math.exp(-k / 480.0 * L)) / 0.999;
        assertEquals(expected, y[k], 1e-6);
        tau = 2400 / L;                                         // release from 0.5 at 4800
        k = (int) Math.round(tau);
        assertEquals(0.5 - 0.5 * (1 - Math.exp(-k / 2400.0 * L)) / 0.999, y[4800 + k], 1e-6);
    }

    /** Gate up at 1000, down at 2000 (mid-decay), up again at 4000 (mid-release), down at 8000. */
    private static float[] gate(int frames) {
        float[] g = new float[frames];
        for (int n = 0; n < frames; n++) g[n] = (n >= 1000 && n < 2000) || (n >= 4000 && n < 8000) ? 1f : 0f;
        return g;
    }

    private static double gatedExpected(int n, boolean exp) {
        int a = 480, d = 960, r = 2400;
        double s = 0.5, p = 1;
        if (n < 1000) return 0;
        if (n < 1000 + a) return segment(0, p, n - 1000, a, exp);
        double l1 = segment(p, s, 2000 - 1000 - a, d, exp);             // where the release starts
        if (n < 2000) return segment(p, s, n - 1000 - a, d, exp);
        double l2 = segment(l1, 0, 4000 - 2000, r, exp);                // where the retrigger starts
        if (n < 4000) return segment(l1, 0, n - 2000, r, exp);
        if (n < 4000 + a) return segment(l2, p, n - 4000, a, exp);
        if (n < 4000 + a + d) return segment(p, s, n - 4000 - a, d, exp);
        if (n < 8000) return s;
        if (n < 8000 + r) return segment(s, 0, n - 8000, r, exp);
        return 0;
    }

    @Test
    void gateRiseStartsTheAttackFromTheCurrentLevelAndGateFallTheRelease() {
        for (String curve : new String[]{"linear", "exponential"}) {
            boolean exp = curve.equals("exponential");
            float[] g = gate(12000);
            float[] y = ControlTesting.run(ControlTesting.harness(Envelope.class, adsr(curve), 128), "gate", g, 128);
            for (int n = 0; n < y.length; n++) assertEquals(gatedExpected(n, exp), y[n], 1e-6, curve + " sample " + n);
            assertEquals(1480, ControlTesting.firstAtOrAbove(y, 0, 1), "first attack ends");
            assertEquals(4480, ControlTesting.firstAtOrAbove(y, 4000, 1), "retriggered attack ends");
            assertEquals(10400, ControlTesting.firstAtOrBelow(y, 8000, 0), "last release ends");
        }
    }

    @Test
    void zeroLengthSegmentsJumpAndHoldZeroPlaysNothing() {
        float[] y = oneShot(params("attack", "0", "decay", "0.01", "sustain", "0.5", "hold", "1"), 1000, 64);
        assertEquals(1f, y[0], "no attack: the first sample is the peak");
        assertEquals(0.75f, y[240], 1e-6f, "halfway down the decay");
        y = oneShot(params("attack", "0", "decay", "0", "sustain", "0.3", "hold", "1"), 10, 64);
        assertEquals(0.3f, y[0], 1e-7f, "no attack, no decay: straight to sustain");
        y = oneShot(params("hold", "0"), 48000, 64);
        for (float v : y) assertEquals(0f, v);
        y = oneShot(params("attack", "0.01", "release", "0", "hold", "0.5"), 48000, 64);
        assertEquals(0f, y[24000], "no release: silent on the sample the hold ends");
        assertTrue(y[23999] > 0);
    }

    @Test
    void outputIsBitIdenticalAtBlockSizes1And64And997() {
        for (String curve : new String[]{"linear", "exponential"}) {
            float[] g = gate(12000);
            float[] gated = null, single = null;
            for (int block : new int[]{1, 64, 997}) {
                float[] y = ControlTesting.run(ControlTesting.harness(Envelope.class, adsr(curve), block), "gate", g, block);
                float[] z = oneShot(adsr(curve), 12000, block);
                if (gated == null) {
                    gated = y;
                    single = z;
                } else {
                    assertArrayEquals(gated, y, curve + " gated, block " + block);
                    assertArrayEquals(single, z, curve + " one-shot, block " + block);
                }
            }
        }
    }

    @Test
    void secondsStaySecondsWhenEachFiringIsAHop() {
        // hop 256 at 48 kHz: attack 0.512 s = 96 firings, decay 1.024 s = 192, hold 2.56 s = 480, release 0.256 s = 48
        ProcessorHarness h = ControlTesting.harness(Envelope.class, params("attack", "0.512", "decay", "1.024",
                "hold", "2.56", "release", "0.256", "sustain", "0.5"), 64).disconnect("gate");
        h.processor().prepare(new ProcessContext(SR, 64, 64, 256));
        float[] y = h.render("out", 600);
        assertEquals(96, ControlTesting.firstAtOrAbove(y, 0, 1));
        assertEquals(96 + 192, ControlTesting.firstAtOrBelow(y, 96, 0.5f));
        assertEquals(480 + 48, ControlTesting.firstAtOrBelow(y, 480, 0));
    }

    @Test
    void allocatesNothingWhileRunning() {
        ProcessorHarness h = ControlTesting.harness(Envelope.class, params("curve", "exponential", "attack", "0.001",
                "decay", "0.002", "release", "0.001"), 256);
        float[] g = h.in("gate");
        for (int i = 0; i < g.length; i++) g[i] = i < 100 ? 1 : 0;   // a note in every block: all segments run
        assertEquals(0, ControlTesting.bytesPer10000Calls(h, 256));
    }
}
