package dev.conch.processors.shape;

import java.util.Arrays;

/**
 * Upsamples one sample at a time by R (2 or 4), lets the caller work at R times the rate, and decimates back,
 * with one linear-phase FIR for both directions: a Kaiser-windowed sinc (β = 7, about -70 dB) of length
 * L = 2·R·T + 1 with its -6 dB point at the base rate's Nyquist frequency. Its zeros fall on every R-th tap, so
 * the upsampled stream passes the original samples through unchanged.
 *
 * <p>Both directions run as R polyphase branches of about 2T taps each, at the base rate: branch p of the
 * interpolator makes sub-sample p from the last 2T + 1 input samples; branch q of the decimator filters the q-th
 * sub-samples of the last 2T + 1 base samples. Branch 0 holds the centre tap and otherwise only the sinc's zeros, so
 * it is a plain delay and costs one multiply: half the work of the full filter at R = 2, a quarter at R = 4.
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
    /** upTaps[p][j] = R · h[p + j·R]: branch p of the interpolator, applied to x[n - j] */
    private final double[][] upTaps;
    /** downTaps[q][m] = h[q + m·R] */
    private final double[][] downTaps;
    /** the centre tap: branch 0 in both directions */
    private final double upCentre, downCentre;
    /** base-rate input history, newest first from histPos; length histLen, stored twice */
    private final double[] upHist;
    /** per sub-sample phase p, the history of that sub-sample over base samples, newest first, stored twice */
    private final double[][] downHist;
    private final int histLen;
    private int histPos;

    public Oversampler(int factor, int halfTaps) {
        if (factor < 2) throw new IllegalArgumentException("oversampling factor must be 2 or more");
        this.factor = factor;
        this.halfTaps = halfTaps;
        int len = 2 * factor * halfTaps + 1;
        double[] h = design(factor, len, 7.0);
        upTaps = new double[factor][];
        downTaps = new double[factor][];
        for (int p = 1; p < factor; p++) {
            int n = (len - p + factor - 1) / factor;
            upTaps[p] = new double[n];
            downTaps[p] = new double[n];
            for (int j = 0; j < n; j++) {
                upTaps[p][j] = factor * h[p + j * factor];
                downTaps[p][j] = h[p + j * factor];
            }
        }
        int centre = factor * halfTaps;
        upCentre = factor * h[centre];
        downCentre = h[centre];
        histLen = 2 * halfTaps + 2;
        upHist = new double[2 * histLen];
        downHist = new double[factor][2 * histLen];
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
        for (double[] d : downHist) Arrays.fill(d, 0);
        histPos = 0;
    }

    /** Pushes one base-rate sample and writes its R oversampled successors into {@code dst[0..R)}. */
    public void up(double x, double[] dst) {
        histPos = histPos == 0 ? histLen - 1 : histPos - 1;
        upHist[histPos] = x;
        upHist[histPos + histLen] = x;
        // upHist[histPos + j] is x[n - j]; sub-sample p is Σ_j R·h[p + jR] · x[n - j], branch 0 only its centre
        dst[0] = upCentre * upHist[histPos + halfTaps];
        for (int p = 1; p < factor; p++) dst[p] = dot(upTaps[p], upHist, histPos, upTaps[p].length);
    }

    /**
     * Takes the R oversampled values of one base sample and returns the decimated base-rate sample. Call it once
     * after each {@link #up}: the two share the position in their histories.
     */
    public double down(double[] src) {
        for (int p = 0; p < factor; p++) {
            downHist[p][histPos] = src[p];
            downHist[p][histPos + histLen] = src[p];
        }
        // the output is Σ_i h[i] · v[R·n - i] over the oversampled stream v, with v[R·n' + p] = src of base sample
        // n', sub-sample p. Taps i = q + m·R with q > 0 read v[R·(n - m - 1) + R - q]: sub-sample R - q of base
        // sample n - m - 1, i.e. downHist[R - q][histPos + 1 + m]. Branch 0 is the centre alone: v[R·(n - T)].
        double sum = downCentre * downHist[0][histPos + halfTaps];
        for (int q = 1; q < factor; q++) sum += dot(downTaps[q], downHist[factor - q], histPos + 1, downTaps[q].length);
        return sum;
    }

    /**
     * Σ a[k] · b[bFrom + k] for k in [0, n), summed in four interleaved partial sums: the JIT does not reorder
     * floating-point additions, so one accumulator would make every add wait for the previous one; four chains keep
     * the multiplier busy. The order is fixed, so the result is the same on every run and at every block size.
     */
    private static double dot(double[] a, double[] b, int bFrom, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[bFrom + k];
            s1 += a[k + 1] * b[bFrom + k + 1];
            s2 += a[k + 2] * b[bFrom + k + 2];
            s3 += a[k + 3] * b[bFrom + k + 3];
        }
        for (; k < n; k++) s0 += a[k] * b[bFrom + k];
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
