package dev.conch.engine.io;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc, for audio loaded off the audio thread (a file
 * at 44.1 kHz played in a 48 kHz network). It allocates and is meant for {@code prepare()}, never for the audio
 * thread.
 *
 * <p>Stated response, relative to the <b>lower</b> of the two rates (fs_low):
 * <ul>
 *   <li>passband ripple below 0.1 dB from DC to {@value #PASSBAND} · fs_low;</li>
 *   <li>rejection above 80 dB from {@value #STOPBAND} · fs_low up (images when upsampling, aliases when
 *       downsampling).</li>
 * </ul>
 * At 44.1 kHz that is flat to 20.07 kHz and rejecting from 22.05 kHz: the whole audio band survives a
 * 44.1 ↔ 48 kHz conversion. The cutoff sits at 0.477 · fs_low. The kernel spans {@value #ZEROS} periods of fs_low
 * either side, Kaiser β = {@value #BETA} (side lobes near -100 dB), so the transition from pass to stop takes about
 * 0.033 · fs_low ([0.460, 0.494]) and both edges keep a margin. {@code ResamplerTest} measures both;
 * {@code ResamplerSweepTest} measures the 44.1 → 48 kHz sweep quoted in the README.
 *
 * <p>Time alignment: output sample m is the band-limited input evaluated at time m / toRate, so sample 0 of
 * both coincide and there is no delay. Outside the input the signal is taken as zero (the edges fade over the
 * kernel's half-width, {@value #ZEROS} periods of fs_low).
 */
public final class Resampler {
    /** Upper edge of the flat passband, as a fraction of the lower rate. */
    public static final double PASSBAND = 0.455;
    /** Lower edge of the stopband, as a fraction of the lower rate. */
    public static final double STOPBAND = 0.5;

    private static final double CUTOFF = 0.477;
    private static final int ZEROS = 96;
    private static final double BETA = 10;
    /** Kernel table points per period of the lower rate; linear interpolation between them stays below -120 dB. */
    private static final int TABLE_STEPS = 1024;

    private Resampler() {
    }

    /**
     * The signal {@code x}, sampled at {@code fromRate}, resampled to {@code toRate}: ceil(length · to / from)
     * samples. Equal rates return a copy.
     */
    public static float[] resample(float[] x, double fromRate, double toRate) {
        if (!(fromRate > 0) || !(toRate > 0) || Double.isInfinite(fromRate) || Double.isInfinite(toRate)) {
            throw new IllegalArgumentException("cannot resample from " + fromRate + " Hz to " + toRate
                    + " Hz: both rates must be positive");
        }
        if (fromRate == toRate) return x.clone();
        // the small allowance keeps 44100 samples at 44.1 -> 48 kHz from becoming 48001 through rounding
        long outLength = (long) Math.ceil((double) x.length * toRate / fromRate - 1e-9);
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampling " + x.length + " samples from " + fromRate + " Hz to "
                    + toRate + " Hz would give " + outLength + " samples, more than an array holds");
        }
        // u: time in periods of the lower rate; scale converts input samples to u
        double scale = Math.min(1, toRate / fromRate);
        double[] table = kernelTable();
        double reach = ZEROS / scale;             // kernel half-width in input samples
        double step = fromRate / toRate;          // input samples per output sample
        float[] y = new float[(int) outLength];
        int n = x.length;
        for (int m = 0; m < y.length; m++) {
            double t = m * step;
            int first = Math.max(0, (int) Math.ceil(t - reach));
            int last = Math.min(n - 1, (int) Math.floor(t + reach));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double pos = Math.abs(t - k) * scale * TABLE_STEPS;
                int i = (int) pos;
                double f = pos - i;
                sum += x[k] * (table[i] + f * (table[i + 1] - table[i]));
            }
            y[m] = (float) (sum * scale);
        }
        return y;
    }

    /** g(u) = 2c · sinc(2c·u) · kaiser(u / ZEROS) for u = 0 … ZEROS in steps of 1/TABLE_STEPS, c = CUTOFF. */
    private static double[] kernelTable() {
        int size = ZEROS * TABLE_STEPS + 2;
        double[] g = new double[size];
        double i0Beta = besselI0(BETA);
        for (int j = 0; j < size; j++) {
            double u = (double) j / TABLE_STEPS;
            double r = u / ZEROS;
            if (r >= 1) {
                g[j] = 0;
                continue;
            }
            double arg = 2 * CUTOFF * u;
            double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            g[j] = 2 * CUTOFF * sinc * besselI0(BETA * Math.sqrt(1 - r * r)) / i0Beta;
        }
        return g;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x ≤ 20). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
