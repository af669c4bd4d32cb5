package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unwindowed FFT and IFFT and the complex-spectrum operations between them (SpectrumMixer, SpectrumProduct,
 * SpectrumInverter), against the DFT's definition evaluated in the test: analytic bins of known signals, IFFT∘FFT
 * as the identity, a product as the circular convolution summed directly.
 */
class ComplexSpectrumTest {
    private static final double SR = 48000;

    private static ProcessorHarness fft(int n, int hop, int firings) {
        return ProcessorHarness.create(FFT.class, Map.of("fftSize", "" + n, "hop", "" + hop), SR, firings, hop);
    }

    private static ProcessorHarness after(Class<? extends dev.conch.engine.runtime.Processor> type, int n, int hop, int firings,
                                          Map<String, String> params) {
        return ProcessorHarness.create(type, params, SR, firings, hop, FFT.format(n, hop));
    }

    /** One frame's spectrum of {@code block} (hop samples) through the FFT. */
    private static float[] spectrum(int n, float[] block) {
        ProcessorHarness h = fft(n, block.length, 1);
        System.arraycopy(block, 0, h.in("in"), 0, block.length);
        h.process(1);
        return h.out("out").clone();
    }

    @Test
    void binsOfACosineAndOfAPaddedBlockAreTheDftsOwn() {
        int n = 256;
        // a cosine on bin 5, amplitude 0.75, phase 0.4: X[5] = 0.75 n/2 e^{i 0.4}, every other bin 0
        float[] cos = new float[n];
        for (int m = 0; m < n; m++) cos[m] = (float) (0.75 * Math.cos(2 * Math.PI * 5 * m / n + 0.4));
        float[] x = spectrum(n, cos);
        for (int k = 0; k <= n / 2; k++) {
            double re = k == 5 ? 0.75 * n / 2 * Math.cos(0.4) : 0, im = k == 5 ? 0.75 * n / 2 * Math.sin(0.4) : 0;
            assertEquals(re, x[2 * k], 1e-3, "re, bin " + k);
            assertEquals(im, x[2 * k + 1], 1e-3, "im, bin " + k);
        }
        // 100 ones at the start of a 256-point frame, the rest padding: X[k] = sum_{m<100} e^{-2 pi i k m / n},
        // in closed form e^{-i pi k (h-1)/n} sin(pi k h / n) / sin(pi k / n); no window, no rotation
        int h = 100;
        float[] ones = new float[h];
        java.util.Arrays.fill(ones, 1f);
        float[] y = spectrum(n, ones);
        for (int k = 0; k <= n / 2; k++) {
            double mag = k == 0 ? h : Math.sin(Math.PI * k * h / n) / Math.sin(Math.PI * k / n);
            double phase = -Math.PI * k * (h - 1) / n;
            assertEquals(mag * Math.cos(phase), y[2 * k], 1e-3, "re, bin " + k);
            assertEquals(mag * Math.sin(phase), y[2 * k + 1], 1e-3, "im, bin " + k);
        }
    }

    /**
     * Past the old 16384 limit, to CLAM's 2^19 and Conch's 2^20: a cosine's bin where the DFT puts it, the IFFT gives
     * the block back, and neither allocates once running (JTransforms on one thread).
     */
    @Test
    void largeFftsKeepTheDftsBinsAndAllocateNothing() {
        for (int n : new int[] {1 << 16, 1 << 19, Framing.MAX_FFT_SIZE}) {
            int bin = n / 8 + 3, hop = n / 2;
            float[] block = new float[hop];
            // bin + 0.3 rad of phase over the whole frame (hop = n): X[bin] = 0.5 n/2 e^{0.3 i}, every other bin 0
            float[] cos = new float[n];
            for (int m = 0; m < n; m++) cos[m] = (float) (0.5 * Math.cos(2 * Math.PI * bin * m / n + 0.3));
            ProcessorHarness f = fft(n, n, 1);
            System.arraycopy(cos, 0, f.in("in"), 0, n);
            f.process(1);
            float[] x = f.out("out");
            double peak = 0.5 * n / 2, worst = 0;
            assertEquals(peak * Math.cos(0.3), x[2 * bin], peak * 1e-5, "re of bin " + bin + " at " + n);
            assertEquals(peak * Math.sin(0.3), x[2 * bin + 1], peak * 1e-5, "im of bin " + bin + " at " + n);
            for (int k = 0; k <= n / 2; k++) if (k != bin) worst = Math.max(worst, Math.hypot(x[2 * k], x[2 * k + 1]));
            assertTrue(worst < peak * 1e-5, "leakage " + worst + " at " + n);

            // a padded block through FFT and IFFT comes back as itself
            SplittableRandom r = new SplittableRandom(n);
            for (int m = 0; m < hop; m++) block[m] = (float) (r.nextDouble() - 0.5);
            ProcessorHarness p = fft(n, hop, 1), i = after(IFFT.class, n, hop, 1, Map.of());
            System.arraycopy(block, 0, p.in("in"), 0, hop);
            p.process(1);
            System.arraycopy(p.out("out"), 0, i.in("in"), 0, n + 2);
            i.process(1);
            for (int m = 0; m < hop; m++) assertEquals(block[m], i.out("out")[m], 1e-5, "sample " + m + " at " + n);
            if (n == 1 << 16) {
                long bytes = dev.conch.engine.testing.AllocationMeter.fewestBytesOver(3, () -> {
                    for (int k = 0; k < 20; k++) {
                        p.process(1);
                        i.process(1);
                    }
                });
                assertEquals(0, bytes, "bytes allocated by 20 frames of FFT and IFFT at " + n);
            }
        }
    }

    @Test
    void ifftOfFftGivesTheInputBackWithNoDelay() {
        for (int[] c : new int[][] {{256, 256}, {256, 128}, {512, 100}, {64, 1}}) {
            int n = c[0], hop = c[1], frames = 40, perCall = 3;
            ProcessorHarness f = fft(n, hop, perCall), i = after(IFFT.class, n, hop, perCall, Map.of());
            float[] x = Signals.noise(hop * frames, 11, 0.9), y = new float[x.length];
            for (int j = 0; j < frames; j += perCall) {
                int k = Math.min(perCall, frames - j);
                System.arraycopy(x, j * hop, f.in("in"), 0, k * hop);
                f.process(k);
                System.arraycopy(f.out("out"), 0, i.in("in"), 0, k * (n + 2));
                i.process(k);
                System.arraycopy(i.out("out"), 0, y, j * hop, k * hop);
            }
            for (int m = 0; m < x.length; m++) assertEquals(x[m], y[m], 1e-6, "fft " + n + ", hop " + hop + ", sample " + m);
        }
    }

    @Test
    void productIsTheCircularConvolutionOfTheFrames() {
        int n = 128;
        SplittableRandom r = new SplittableRandom(5);
        float[] a = new float[n], b = new float[n];
        for (int m = 0; m < n; m++) {
            a[m] = (float) (r.nextDouble() * 2 - 1);
            b[m] = (float) (r.nextDouble() * 2 - 1);
        }
        ProcessorHarness p = after(SpectrumProduct.class, n, n, 1, Map.of());
        System.arraycopy(spectrum(n, a), 0, p.in("a"), 0, n + 2);
        System.arraycopy(spectrum(n, b), 0, p.in("b"), 0, n + 2);
        p.process(1);
        float[] y = inverse(n, n, p.out("out"));
        for (int m = 0; m < n; m++) {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += (double) a[k] * b[Math.floorMod(m - k, n)];
            assertEquals(sum, y[m], 1e-4, "sample " + m);
        }
    }

    @Test
    void mixerWeighsAndInverterNegatesTheSignals() {
        int n = 64;
        float[] a = Signals.noise(n, 1, 1), b = Signals.noise(n, 2, 1);
        ProcessorHarness mix = after(SpectrumMixer.class, n, n, 1, Map.of("gainA", "0.5", "gainB", "-2"));
        System.arraycopy(spectrum(n, a), 0, mix.in("a"), 0, n + 2);
        System.arraycopy(spectrum(n, b), 0, mix.in("b"), 0, n + 2);
        mix.process(1);
        float[] mixed = inverse(n, n, mix.out("out"));
        ProcessorHarness inv = after(SpectrumInverter.class, n, n, 1, Map.of());
        System.arraycopy(spectrum(n, a), 0, inv.in("in"), 0, n + 2);
        inv.process(1);
        float[] negated = inverse(n, n, inv.out("out"));
        for (int m = 0; m < n; m++) {
            assertEquals(0.5 * a[m] - 2 * b[m], mixed[m], 1e-5, "mixed sample " + m);
            assertEquals(-a[m], negated[m], 1e-6, "negated sample " + m);
        }
    }

    @Test
    void anStftStreamAndAnFftStreamAreEachRefusedByTheOtherInverse() {
        ProcessorRegistry r = ProcessorRegistry.of(IFFT.class, ISTFT.class);
        SpectrumFormat stft = new Framing(1024, 0, Window.HANN, 8, 4).format();
        String toIfft = r.create("IFFT", Map.of(), Map.of("in", stft)).problems().get(0).message();
        assertTrue(toIfft.contains("from an STFT") && toIfft.contains("ISTFT"), toIfft);
        String toIstft = r.create("ISTFT", Map.of(), Map.of("in", FFT.format(1024, 512))).problems().get(0).message();
        assertTrue(toIstft.contains("from an FFT") && toIstft.contains("IFFT"), toIstft);
        assertTrue(ProcessorRegistry.of(FFT.class).create("FFT", Map.of("fftSize", "256", "hop", "512")).problems().get(0)
                .message().contains("hop 512 is longer than fftSize 256"));
    }

    private static float[] inverse(int n, int hop, float[] frame) {
        ProcessorHarness i = after(IFFT.class, n, hop, 1, Map.of());
        System.arraycopy(frame, 0, i.in("in"), 0, n + 2);
        i.process(1);
        return i.out("out").clone();
    }
}
