package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The numbers stated in the README: a stepped sine sweep at 44.1 kHz, 20 Hz to 20 kHz, resampled to 48 kHz.
 * Each tone is chosen to sit exactly on a bin of a 16000-point DFT at 48 kHz (3 Hz bins), so a plain DFT of a
 * window from the middle of the output measures it with no leakage; its image (44100 − f, which a 48 kHz output
 * folds to f + 3900 Hz) also falls on a bin. Passband ripple = max − min of the tone's level over the sweep;
 * aliasing = the image's level relative to the tone, worst case over the sweep.
 */
class ResamplerSweepTest {
    private static final int N = 16_000;

    @Test
    void sweep44100To48000() {
        double minDb = Double.MAX_VALUE, maxDb = -Double.MAX_VALUE, worstImage = -Double.MAX_VALUE;
        int tones = 0;
        for (int bin = 7; bin <= 6666; bin += 67) { // 21 Hz to 19.998 kHz in 201 Hz steps
            double f = bin * 48000.0 / N;
            float[] x = new float[20_000];
            for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * i / 44100.0));
            float[] y = Resampler.resample(x, 44100, 48000);
            int from = (y.length - N) / 2; // away from the faded edges
            double level = 20 * Math.log10(amplitude(y, from, bin) / 0.5);
            minDb = Math.min(minDb, level);
            maxDb = Math.max(maxDb, level);
            int image = bin + 1300; // f + 3900 Hz
            if (image < N / 2) worstImage = Math.max(worstImage, 20 * Math.log10(amplitude(y, from, image) / 0.5));
            tones++;
        }
        System.out.println(String.format(Locale.ROOT, "resampler 44.1 -> 48 kHz, %d tones 21 Hz..20 kHz: passband "
                + "%.4f..%.4f dB (ripple %.4f dB), worst image %.1f dB", tones, minDb, maxDb, maxDb - minDb, worstImage));
        assertTrue(maxDb - minDb < 0.1, "passband ripple " + (maxDb - minDb) + " dB");
        assertTrue(Math.abs(minDb) < 0.1 && Math.abs(maxDb) < 0.1, "gain off 0 dB: " + minDb + " .. " + maxDb);
        assertTrue(worstImage < -80, "aliasing/image at " + worstImage + " dB");
    }

    /** Amplitude of the bin-centred component {@code bin} in y[from, from + N): |DFT| · 2 / N. */
    private static double amplitude(float[] y, int from, int bin) {
        double re = 0, im = 0;
        for (int n = 0; n < N; n++) {
            double a = 2 * Math.PI * (long) bin * n / N;
            re += y[from + n] * Math.cos(a);
            im -= y[from + n] * Math.sin(a);
        }
        return 2 * Math.hypot(re, im) / N;
    }
}
