package dev.conch.engine.testing;

/**
 * Signal analysis for tests: independent references to measure processors against (amplitudes, powers,
 * spectra, frequencies). Everything works in double and allocates freely: it never runs on an audio thread.
 *
 * <p>Conventions: {@code from}/{@code len} select a window of the signal; a "cycles" argument is a frequency in
 * cycles per window (an integer for a bin of the window's DFT); powers are mean squares, so a sinusoid of
 * amplitude A has power A²/2.
 */
public final class Signals {
    private Signals() {
    }

    // ---- levels ----

    public static double rms(float[] x, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) s += (double) x[i] * x[i];
        return Math.sqrt(s / len);
    }

    /** Mean square of the window (its total power, DC included). */
    public static double power(float[] x, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) s += (double) x[i] * x[i];
        return s / len;
    }

    public static double mean(float[] x, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) s += x[i];
        return s / len;
    }

    public static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Index of the sample with the largest magnitude (the first one on a tie). */
    public static int peakIndex(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[best])) best = i;
        return best;
    }

    /** Amplitude ratio in dB. */
    public static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Power ratio in dB. */
    public static double dbPower(double ratio) {
        return 10 * Math.log10(ratio);
    }

    public static boolean allFinite(float[] x) {
        for (float v : x) if (!Float.isFinite(v)) return false;
        return true;
    }

    // ---- sinusoids ----

    /**
     * Amplitude of the component at {@code freq} Hz, by a least-squares fit of a·cos + b·sin + c over the window.
     * Exact for a pure steady-state sine of that frequency whatever the window length (no leakage, no window).
     */
    public static double sineAmplitude(float[] x, int from, int len, double freq, double sampleRate) {
        double[] abc = sineFit(x, from, len, freq, sampleRate);
        return Math.hypot(abc[0], abc[1]);
    }

    /** Least-squares coefficients {a, b, c} of a·cos(ωn) + b·sin(ωn) + c, n counted from {@code from}. */
    public static double[] sineFit(float[] x, int from, int len, double freq, double sampleRate) {
        double w = 2 * Math.PI * freq / sampleRate;
        double[][] m = new double[3][4];
        for (int n = 0; n < len; n++) {
            double ph = w * n;
            double[] basis = {Math.cos(ph), Math.sin(ph), 1};
            double y = x[from + n];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) m[r][c] += basis[r] * basis[c];
                m[r][3] += basis[r] * y;
            }
        }
        return solve3(m);
    }

    private static double[] solve3(double[][] m) {
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 3; r++) {
                if (r == col) continue;
                double f = m[r][col] / m[col][col];
                for (int c = col; c < 4; c++) m[r][c] -= f * m[col][c];
            }
        }
        return new double[]{m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }

    /**
     * The window's DFT at {@code cycles} cycles per window, {re, im}, computed directly (the argument is
     * reduced exactly when {@code cycles} is a whole number, so long windows stay accurate).
     */
    public static double[] dft(float[] x, int from, int len, double cycles) {
        double re = 0, im = 0;
        boolean whole = cycles == Math.rint(cycles);
        long k = (long) cycles;
        for (int n = 0; n < len; n++) {
            double turns = whole ? (double) ((k * n) % len) / len : cycles * n / len;
            double ph = 2 * Math.PI * turns;
            re += x[from + n] * Math.cos(ph);
            im -= x[from + n] * Math.sin(ph);
        }
        return new double[]{re, im};
    }

    /**
     * Power (A²/2 for a sinusoid of amplitude A) of the component at bin {@code cycles} of a window over which
     * the signal is periodic. With {@link #power} this gives the power left outside chosen bins (Parseval).
     */
    public static double binPower(float[] x, int from, int len, long cycles) {
        double[] z = dft(x, from, len, cycles);
        double mag2 = z[0] * z[0] + z[1] * z[1];
        if (cycles == 0 || 2 * cycles == len) return mag2 / ((double) len * len);
        return 2 * mag2 / ((double) len * len);
    }

    /**
     * Frequency in Hz from the rising zero crossings, each located by linear interpolation between the two
     * samples around it: (crossings - 1) / (last - first) periods per sample.
     */
    public static double zeroCrossingFrequency(float[] x, int from, int len, double sampleRate) {
        double first = Double.NaN, last = Double.NaN;
        int count = 0;
        for (int i = from + 1; i < from + len; i++) {
            float a = x[i - 1], b = x[i];
            if (a < 0 && b >= 0) {
                double t = (i - 1) + a / (double) (a - b);
                if (count == 0) first = t;
                last = t;
                count++;
            }
        }
        if (count < 2) throw new IllegalArgumentException("fewer than two rising zero crossings");
        return (count - 1) / (last - first) * sampleRate;
    }

    // ---- spectra ----

    /** In-place radix-2 complex FFT (forward, no scaling). Length must be a power of two. */
    public static void fft(double[] re, double[] im) {
        int n = re.length;
        if (Integer.bitCount(n) != 1 || im.length != n) throw new IllegalArgumentException("FFT size must be a power of two");
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            double ang = -2 * Math.PI / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < size / 2; k++) {
                    double wr = Math.cos(ang * k), wi = Math.sin(ang * k);
                    int a = start + k, b = a + size / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /**
     * Welch power spectral density: mean |FFT|² of Hann-windowed frames of {@code frame} samples with 50%
     * overlap, bins 0..frame/2. Units are arbitrary but consistent, so ratios between bins are densities' ratios.
     */
    public static double[] welch(float[] x, int frame) {
        double[] win = new double[frame];
        for (int i = 0; i < frame; i++) win[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame);
        double[] psd = new double[frame / 2 + 1];
        double[] re = new double[frame], im = new double[frame];
        int frames = 0;
        for (int start = 0; start + frame <= x.length; start += frame / 2) {
            for (int i = 0; i < frame; i++) {
                re[i] = x[start + i] * win[i];
                im[i] = 0;
            }
            fft(re, im);
            for (int k = 0; k <= frame / 2; k++) psd[k] += re[k] * re[k] + im[k] * im[k];
            frames++;
        }
        for (int k = 0; k < psd.length; k++) psd[k] /= frames;
        return psd;
    }

    /** Mean density of a {@link #welch} spectrum over the bins whose centres lie in [loHz, hiHz). */
    public static double bandDensity(double[] psd, double loHz, double hiHz, double sampleRate) {
        int frame = (psd.length - 1) * 2;
        double sum = 0;
        int count = 0;
        for (int k = 0; k < psd.length; k++) {
            double f = k * sampleRate / frame;
            if (f >= loHz && f < hiHz) {
                sum += psd[k];
                count++;
            }
        }
        if (count == 0) throw new IllegalArgumentException("no bins between " + loHz + " and " + hiHz + " Hz");
        return sum / count;
    }

    // ---- test signals ----

    /** A sine of amplitude {@code amp} at {@code freq} Hz, phase computed per sample in double (no drift). */
    public static float[] sine(int frames, double freq, double sampleRate, double amp) {
        float[] y = new float[frames];
        for (int i = 0; i < frames; i++) y[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / sampleRate));
        return y;
    }

    /** A unit impulse at {@code at}. */
    /**
     * What the example networks that take sound in are given in tests: per channel a 110 Hz tone with four partials
     * (amplitudes 0.3/k), a fifth higher on each further channel, at 48 kHz.
     */
    public static float[][] tone(int channels, int frames) {
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                for (int k = 1; k <= 4; k++) x[c][i] += (float) (0.3 / k * Math.sin(2 * Math.PI * 110 * k * (1 + c / 2.0) * i / 48000));
            }
        }
        return x;
    }

    public static float[] impulse(int frames, int at) {
        float[] y = new float[frames];
        y[at] = 1;
        return y;
    }

    /** Deterministic white noise in [-amp, amp) from a fixed seed (a reference independent of processors). */
    public static float[] noise(int frames, long seed, double amp) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] y = new float[frames];
        for (int i = 0; i < frames; i++) y[i] = (float) (amp * (2 * r.nextDouble() - 1));
        return y;
    }
}
