package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SpectralMorph: its endpoints are its inputs, halfway lies between (linear: mean, log: geometric mean). */
class SpectralMorphTest {
    private static final int N = 64, WIDTH = N + 2;

    private static float[] frames(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[count * WIDTH];
        for (int i = 0; i < f.length; i++) f[i] = (float) (2 * r.nextDouble() - 1);
        for (int j = 0; j < count; j++) { f[j * WIDTH + 1] = 0; f[j * WIDTH + N + 1] = 0; }
        return f;
    }

    private static float[] morph(Map<String, String> params, float[] a, float[] b, int count) {
        ProcessorHarness h = Frames.harness(SpectralMorph.class, params, count);
        System.arraycopy(a, 0, h.in("a"), 0, count * WIDTH);
        System.arraycopy(b, 0, h.in("b"), 0, count * WIDTH);
        h.process(count);
        return h.out("out").clone();
    }

    @Test
    void framesAtTheEndpointsAndHalfway() {
        int count = 4;
        float[] a = frames(1, count), b = frames(2, count);
        float[] at0 = morph(Map.of("fftSize", "64", "morph", "0"), a, b, count);
        float[] at1 = morph(Map.of("fftSize", "64", "morph", "1"), a, b, count);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], at0[i], 1e-6);
            assertEquals(b[i], at1[i], 1e-6);
        }
        float[] lin = morph(Map.of("fftSize", "64", "morph", "0.5"), a, b, count);
        float[] log = morph(Map.of("fftSize", "64", "morph", "0.5", "magnitude", "log", "phase", "a"), a, b, count);
        for (int i = 0; i < a.length; i += 2) {
            double ma = Math.hypot(a[i], a[i + 1]), mb = Math.hypot(b[i], b[i + 1]);
            double ml = Math.hypot(lin[i], lin[i + 1]), mg = Math.hypot(log[i], log[i + 1]);
            assertEquals((ma + mb) / 2, ml, 1e-6);
            assertEquals(Math.sqrt(ma * mb), mg, 1e-6);
            assertTrue(ml >= Math.min(ma, mb) - 1e-6 && ml <= Math.max(ma, mb) + 1e-6);
            // phase: halfway along the shorter arc (linear), A's own (log run, phase = a)
            double pa = Math.atan2(a[i + 1], a[i]), pb = Math.atan2(b[i + 1], b[i]);
            double half = pa + 0.5 * Math.IEEEremainder(pb - pa, 2 * Math.PI);
            if (ml > 1e-6) assertEquals(0, Math.IEEEremainder(Math.atan2(lin[i + 1], lin[i]) - half, 2 * Math.PI), 1e-5);
            if (mg > 1e-6) assertEquals(0, Math.IEEEremainder(Math.atan2(log[i + 1], log[i]) - pa, 2 * Math.PI), 1e-5);
        }
    }

    @Test
    void aQuarterOfTheWayAlongTheShorterArcPhaseFromBAndSilentBinsAtPhaseZero() {
        int count = 3;
        float[] a = frames(3, count), b = frames(4, count);
        // silence some bins of each side: a silent bin's phase counts as 0
        for (int i = 0; i < a.length; i += 10) {
            a[i] = 0;
            a[i + 1] = 0;
        }
        for (int i = 4; i < b.length; i += 14) {
            b[i] = 0;
            b[i + 1] = 0;
        }
        float[] quarter = morph(Map.of("fftSize", "64", "morph", "0.25"), a, b, count);
        float[] fromB = morph(Map.of("fftSize", "64", "morph", "0.25", "phase", "b"), a, b, count);
        for (int i = 0; i < a.length; i += 2) {
            double ma = Math.hypot(a[i], a[i + 1]), mb = Math.hypot(b[i], b[i + 1]);
            double pa = Math.atan2(a[i + 1], a[i]), pb = Math.atan2(b[i + 1], b[i]);
            double m = 0.75 * ma + 0.25 * mb;
            double p = pa + 0.25 * Math.IEEEremainder(pb - pa, 2 * Math.PI);
            assertEquals(m * Math.cos(p), quarter[i], 1e-6, "re, bin pair " + i);
            assertEquals(m * Math.sin(p), quarter[i + 1], 1e-6, "im, bin pair " + i);
            assertEquals(m * Math.cos(pb), fromB[i], 1e-6, "re from b, bin pair " + i);
            assertEquals(m * Math.sin(pb), fromB[i + 1], 1e-6, "im from b, bin pair " + i);
        }
    }

    /** STFT a and b, morph, ISTFT: amplitudes of a sine measured in the resynthesised audio. */
    private static float[] resynthesised(float[] xa, float[] xb, Map<String, String> morphParams) {
        Map<String, String> framing = Map.of("fftSize", "1024", "overlap", "4");
        ProcessorHarness sa = Frames.harness(STFT.class, framing, 1), sb = Frames.harness(STFT.class, framing, 1);
        ProcessorHarness m = Frames.harness(SpectralMorph.class, morphParams, 1), is = Frames.harness(ISTFT.class, framing, 1);
        int hop = 256;
        float[] y = new float[xa.length];
        for (int j = 0; j < xa.length / hop; j++) {
            System.arraycopy(xa, j * hop, sa.in("in"), 0, hop);
            System.arraycopy(xb, j * hop, sb.in("in"), 0, hop);
            sa.process(1);
            sb.process(1);
            System.arraycopy(sa.out("out"), 0, m.in("a"), 0, 1026);
            System.arraycopy(sb.out("out"), 0, m.in("b"), 0, 1026);
            m.process(1);
            System.arraycopy(m.out("out"), 0, is.in("in"), 0, 1026);
            is.process(1);
            System.arraycopy(is.out("out"), 0, y, j * hop, hop);
        }
        return y;
    }

    @Test
    void resynthesisedEndpointsAreTheInputsAndHalfwayLiesBetween() {
        double sr = 48000;
        int len = 256 * 100, latency = 768;
        float[] a = Signals.sine(len, 1000, sr, 0.8), b = Signals.sine(len, 3000, sr, 0.5);
        float[] y0 = resynthesised(a, b, Map.of("fftSize", "1024", "morph", "0"));
        float[] y1 = resynthesised(a, b, Map.of("fftSize", "1024", "morph", "1"));
        double e0 = 0, e1 = 0;
        for (int i = latency; i < len; i++) {
            e0 = Math.max(e0, Math.abs(y0[i] - a[i - latency]));
            e1 = Math.max(e1, Math.abs(y1[i] - b[i - latency]));
        }
        assertTrue(e0 < 1e-5 && e1 < 1e-5, "endpoint errors " + e0 + ", " + e1);

        // same frequency and phase, amplitudes 0.8 and 0.2: halfway is 0.5 (linear) or 0.4 (log)
        float[] loud = Signals.sine(len, 1000, sr, 0.8), soft = Signals.sine(len, 1000, sr, 0.2);
        float[] lin = resynthesised(loud, soft, Map.of("fftSize", "1024", "morph", "0.5"));
        float[] log = resynthesised(loud, soft, Map.of("fftSize", "1024", "morph", "0.5", "magnitude", "log"));
        double aLin = Signals.sineAmplitude(lin, 4096, 19200, 1000, sr);
        double aLog = Signals.sineAmplitude(log, 4096, 19200, 1000, sr);
        System.out.println("morph 0.5 of 0.8 and 0.2: linear " + aLin + ", log " + aLog + "; endpoint errors " + e0 + ", " + e1);
        assertEquals(0.5, aLin, 0.005);
        assertEquals(0.4, aLog, 0.004);
    }
}
