package dev.conch.processors.source;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Noise: repeatability and spectra, measured by Welch's method (Hann frames of 1024, 50% overlap, 2^20 samples)
 * averaged over octave bands. Measured: white bands within ±0.06 dB of their mean (asserted ±1.5 dB); pink
 * slopes between -3.21 and -3.00 dB per octave from 125 Hz to 16 kHz (asserted -3 ± 1 dB).
 */
class NoiseTest {
    private static final double SR = 48000;
    private static final int N = 1 << 20;

    private static float[] noise(String color, String seed, int frames, int block) {
        return ProcessorHarness.create(Noise.class, Map.of("color", color, "seed", seed), SR, block).render("out", frames);
    }

    @Test
    void sameSeedSameNoiseAtAnyBlockSizeAndDifferentSeedsDiffer() {
        for (String color : new String[]{"white", "pink"}) {
            float[] a = noise(color, "7", 10000, 1);
            assertArrayEquals(a, noise(color, "7", 10000, 64));
            assertArrayEquals(a, noise(color, "7", 10000, 1000));
            assertFalse(Arrays.equals(a, noise(color, "8", 10000, 64)), color + ": seeds 7 and 8 gave the same noise");
        }
    }

    @Test
    void resetRestartsTheSequence() {
        ProcessorHarness h = ProcessorHarness.create(Noise.class, Map.of("color", "pink", "seed", "3"), SR, 128);
        float[] first = h.render("out", 5000);
        h.processor().reset();
        assertArrayEquals(first, h.render("out", 5000));
    }

    @Test
    void whiteIsBoundedZeroMeanAndHasTheUniformPower() {
        float[] y = ProcessorHarness.create(Noise.class, Map.of("amplitude", "0.5"), SR, 512).render("out", N);
        assertTrue(Signals.maxAbs(y) <= 0.5);
        assertEquals(0, Signals.mean(y, 0, N), 0.002);
        assertEquals(0.25 / 3, Signals.power(y, 0, N), 0.25 / 3 * 0.01);   // uniform on [-a, a): a²/3
    }

    @Test
    void whiteSpectrumIsFlatWithin1_5dBOverOctaveBands() {
        double[] psd = Signals.welch(noise("white", "1", N, 4096), 1024);
        double[] bands = octaveBands(psd, 125, 24000);
        double mean = Arrays.stream(bands).average().orElseThrow();
        double worst = 0;
        for (double b : bands) worst = Math.max(worst, Math.abs(Signals.dbPower(b / mean)));
        System.out.printf("white: octave bands deviate at most %.2f dB from their mean%n", worst);
        assertTrue(worst <= 1.5, "white noise band deviates " + worst + " dB");
    }

    @Test
    void pinkFallsThreeDbPerOctave() {
        double[] psd = Signals.welch(noise("pink", "1", N, 4096), 1024);
        double[] bands = octaveBands(psd, 125, 16000);
        double lo = 0, hi = -100;
        for (int k = 1; k < bands.length; k++) {
            double slope = Signals.dbPower(bands[k] / bands[k - 1]);
            lo = Math.min(lo, slope);
            hi = Math.max(hi, slope);
            assertEquals(-3, slope, 1, "pink slope from octave " + (k - 1) + " to " + k);
        }
        System.out.printf("pink: octave-to-octave slopes between %.2f and %.2f dB%n", lo, hi);
    }

    /** Mean density of each octave [f, 2f) from {@code from} until {@code to}. */
    private static double[] octaveBands(double[] psd, double from, double to) {
        int count = 0;
        for (double f = from; f < to; f *= 2) count++;
        double[] bands = new double[count];
        double f = from;
        for (int k = 0; k < count; k++, f *= 2) bands[k] = Signals.bandDensity(psd, f, Math.min(2 * f, to + 1), SR);
        return bands;
    }
}
