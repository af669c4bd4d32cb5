package dev.conch.processors.shape;

import java.util.Arrays;

/**
 * Upsamples one sample at a time by R (2 or 4), lets the caller work at R times the rate, and decimates back,
 * with one linear-phase FIR for both directions: a Kaiser-windowed sinc (β = 7, about -70 dB) of length
 * L = 2·R·T + 1 with its -6 dB point at the base rate's Nyquist frequency. Its zeros fall on every R-th tap, so
 * the upsampled stream passes the original samples through unchanged.
 *
 * <p>Latency: each filter delays by R·T oversampled samples; decimating at the first sub-sample of each base
 * sample makes the round trip exactly 2·T base samples (an integer, as {@code Processor.latency()} needs).
 *
 * <p>All arrays are allocated in the constructor; {@link #up} and {@link #down} only compute. Histories are
 * kept twice over (written at i and i + size) so every dot product reads a contiguous run.
 */
public final class Oversampler {
    private final int factor;
    private final int halfTaps;
    private final double[] h;
    /** base-rate input history, newest last in [upPos, upPos + upLen) */
    private final double[] upHist;
    private final int upLen;
    private int upPos;
    /** oversampled history for the decimator */
    private final double[] downHist;
    private final int downLen;
    private int downPos;

    public Oversampler(int factor, int halfTaps) {
        if (factor < 2) throw new IllegalArgumentException("oversampling factor must be 2 or more");
        this.factor = factor;
        this.halfTaps = halfTaps;
        int len = 2 * factor * halfTaps + 1;
        h = design(factor, len, 7.0);
        upLen = 2 * halfTaps + 1;
        upHist = new double[2 * upLen];
        downLen = len + factor - 1;
        downHist = new double[2 * downLen];
    }

    public int factor() {
        return factor;
    }

    /** Round-trip delay in base-rate samples. */
    public int latency() {
        return 2 * halfTaps;
    }

    public void reset() {
        Arrays.fill(upHist, 0);
        Arrays.fill(downHist, 0);
        upPos = 0;
        downPos = 0;
    }

    /** Pushes one base-rate sample and writes its R oversampled successors into {@code dst[0..R)}. */
    public void up(double x, double[] dst) {
        // newest sample at the end of the window [upPos, upPos + upLen)
        upPos = upPos == 0 ? upLen - 1 : upPos - 1;
        upHist[upPos] = x;
        upHist[upPos + upLen] = x;
        // window read newest-first: upHist[upPos + j] is x[n - j]
        for (int p = 0; p < factor; p++) dst[p] = factor * dot(h, p, factor, upHist, upPos, (h.length - p + factor - 1) / factor);
    }

    /** Takes the R oversampled values of one base sample and returns the decimated base-rate sample. */
    public double down(double[] src) {
        for (int p = 0; p < factor; p++) {
            downPos = downPos == 0 ? downLen - 1 : downPos - 1;
            downHist[downPos] = src[p];
            downHist[downPos + downLen] = src[p];
        }
        // downHist[downPos + k] is v[R·n + R - 1 - k]; the output is Σ h[i] · v[R·n - i]
        return dot(h, 0, 1, downHist, downPos + factor - 1, h.length);
    }

    /**
     * Σ a[aFrom + k·aStep] · b[bFrom + k] for k in [0, n), summed in four interleaved partial sums: the JIT does not
     * reorder floating-point additions, so one accumulator would make every add wait for the previous one (a chain
     * of ~100 dependent adds per sample); four chains keep the multiplier busy. The order is fixed, so the result is
     * the same on every run and at every block size.
     */
    private static double dot(double[] a, int aFrom, int aStep, double[] b, int bFrom, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        int i = aFrom;
        for (; k + 3 < n; k += 4, i += 4 * aStep) {
            s0 += a[i] * b[bFrom + k];
            s1 += a[i + aStep] * b[bFrom + k + 1];
            s2 += a[i + 2 * aStep] * b[bFrom + k + 2];
            s3 += a[i + 3 * aStep] * b[bFrom + k + 3];
        }
        for (; k < n; k++, i += aStep) s0 += a[i] * b[bFrom + k];
        return (s0 + s1) + (s2 + s3);
    }

    /** Kaiser-windowed sinc lowpass with unit DC gain, cutoff at 1/(2R) cycles per oversampled sample. */
    static double[] design(int factor, int len, double beta) {
        double[] taps = new double[len];
        int c = (len - 1) / 2;
        double i0b = besselI0(beta);
        for (int n = 0; n < len; n++) {
            int k = n - c;
            double sinc = k == 0 ? 1 : (k % factor == 0 ? 0 : Math.sin(Math.PI * k / factor) / (Math.PI * k / factor));
            double r = (double) k / c;
            double w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
            taps[n] = sinc * w;
        }
        // each polyphase branch sums to 1/R: a constant upsamples to the same constant (no ripple at the
        // base rate), the centre branch is exactly 1/R, and the total DC gain is 1
        for (int p = 0; p < factor; p++) {
            double sum = 0;
            for (int n = p; n < len; n += factor) sum += taps[n];
            for (int n = p; n < len; n += factor) taps[n] /= sum * factor;
        }
        return taps;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 60; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
