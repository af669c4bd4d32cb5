package dev.conch.processors.shape;

import java.util.Arrays;

/**
 * Upsamples a block by R (2 or 4), lets the caller work on the R sub-sample streams, and decimates back, with one
 * linear-phase FIR for both directions: a Kaiser-windowed sinc (β = 7, about -70 dB) of length L = 2·R·T + 1 with
 * its -6 dB point at the base rate's Nyquist frequency. Its zeros fall on every R-th tap, so the upsampled stream
 * passes the original samples through unchanged.
 *
 * <p>Both directions run as R polyphase branches of 2T taps at the base rate. Branch 0 holds the centre tap and
 * otherwise only the sinc's zeros, so it is a plain delay: one multiply. The other branches are computed a block at a
 * time, a few taps per pass over the whole block ({@code acc[i] += tap · x[i - j] + ...}), so no output waits on a
 * long chain of dependent adds as a dot product per sample does. Every output is the same sum in the same order
 * whatever the block size, so the result does not depend on it.
 *
 * <p>Latency: each filter delays by R·T oversampled samples; decimating at the first sub-sample of each base
 * sample makes the round trip exactly 2·T base samples (an integer, as {@code Processor.latency()} needs).
 *
 * <p>All arrays are allocated in the constructor; {@link #up} and {@link #down} only compute.
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
    /** samples of history kept before each block (the branches reach 2T - 1 back, the centre T) */
    private final int history;
    /** input: x[i] of the block at xh[history + i], the samples before it below */
    private final double[] xh;
    /** the caller's sub-sample streams: sub[p][i] is sub-sample p of base sample i */
    private final double[][] sub;
    /** sh[p][history + i] = sub[p][i] as it came back from the caller, with history below */
    private final double[][] sh;
    private final double[] acc;

    public Oversampler(int factor, int halfTaps, int maxBlock) {
        if (factor < 2) throw new IllegalArgumentException("oversampling factor must be 2 or more");
        this.factor = factor;
        this.halfTaps = halfTaps;
        int len = 2 * factor * halfTaps + 1;
        double[] h = design(factor, len, 7.0);
        upTaps = new double[factor][];
        downTaps = new double[factor][];
        for (int p = 1; p < factor; p++) {
            int n = (len - p + factor - 1) / factor;   // 2T
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
        history = 2 * halfTaps;
        xh = new double[history + maxBlock];
        sub = new double[factor][maxBlock];
        sh = new double[factor][history + maxBlock];
        acc = new double[maxBlock];
    }

    public int factor() {
        return factor;
    }

    /** Round-trip delay in base-rate samples. */
    public int latency() {
        return 2 * halfTaps;
    }

    public void reset() {
        Arrays.fill(xh, 0);
        for (double[] d : sh) Arrays.fill(d, 0);
    }

    /**
     * Upsamples {@code x[0..frames)}; returns the R sub-sample streams, {@code [p][i]} being sub-sample p of base
     * sample i, for the caller to change in place before {@link #down}.
     */
    public double[][] up(float[] x, int frames) {
        int hist = history;
        for (int i = 0; i < frames; i++) xh[hist + i] = x[i];
        // sub-sample p = Σ_j R·h[p + jR] · x[n - j]; branch 0 is only its centre, x[n - T]
        double[] s0 = sub[0];
        for (int i = 0; i < frames; i++) s0[i] = upCentre * xh[hist + i - halfTaps];
        for (int p = 1; p < factor; p++) convolve(upTaps[p], xh, hist, sub[p], frames);
        System.arraycopy(xh, frames, xh, 0, hist);
        return sub;
    }

    /** Decimates the sub-sample streams {@link #up} returned (changed in place) into {@code y[0..frames)}. */
    public void down(int frames, float[] y) {
        int hist = history;
        for (int p = 0; p < factor; p++) System.arraycopy(sub[p], 0, sh[p], hist, frames);
        // Σ_i h[i] · v[R·n - i] over the oversampled stream v, v[R·n' + p] = sub-sample p of base sample n'. Taps
        // i = q + mR with q > 0 read sub-sample R - q of base sample n - 1 - m; branch 0 is the centre, v[R·(n - T)].
        double[] a = acc, c0 = sh[0];
        for (int i = 0; i < frames; i++) a[i] = downCentre * c0[hist + i - halfTaps];
        for (int q = 1; q < factor; q++) accumulate(downTaps[q], sh[factor - q], hist - 1, a, frames);
        for (int i = 0; i < frames; i++) y[i] = (float) a[i];
        for (int p = 0; p < factor; p++) System.arraycopy(sh[p], frames, sh[p], 0, hist);
    }

    /** out[i] = Σ_j taps[j] · in[from + i - j]. */
    private static void convolve(double[] taps, double[] in, int from, double[] out, int frames) {
        Arrays.fill(out, 0, frames, 0);
        accumulate(taps, in, from, out, frames);
    }

    /**
     * out[i] += Σ_j taps[j] · in[from + i - j], four taps per pass over the block: HotSpot 17 does not vectorise a
     * loop that reads one double[] at an unknown offset from the one it writes (they might be the same array), so
     * what pays is fewer passes (a quarter of the loads and stores of {@code out}; 1.5x faster than a tap per pass).
     * The order of the sums is fixed, so every output is the same whatever the block size.
     */
    private static void accumulate(double[] taps, double[] in, int from, double[] out, int frames) {
        int j = 0;
        for (; j + 3 < taps.length; j += 4) {
            double t0 = taps[j], t1 = taps[j + 1], t2 = taps[j + 2], t3 = taps[j + 3];
            int at = from - j;
            for (int i = 0; i < frames; i++) {
                out[i] += t0 * in[at + i] + t1 * in[at - 1 + i] + t2 * in[at - 2 + i] + t3 * in[at - 3 + i];
            }
        }
        for (; j < taps.length; j++) {
            double t = taps[j];
            int at = from - j;
            for (int i = 0; i < frames; i++) out[i] += t * in[at + i];
        }
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
