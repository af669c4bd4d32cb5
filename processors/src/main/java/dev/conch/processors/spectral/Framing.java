package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.SpectrumFormat;

import java.util.Locale;

/**
 * How an STFT cuts audio into frames: FFT size N, window of length W (up to 2N), window shape, overlap; hop
 * H = floor(W / overlap). The {@link STFT} reads it from its params and carries it on its output as a
 * {@link SpectrumFormat}; the {@link ISTFT} and the spectral nodes between take it from their input.
 *
 * <p>Frames are zero-phase: the window's centre W/2 lands on FFT index 0 and the windowed samples are wrapped
 * modulo N (zero-padded in the middle when W &lt; N, folded — time-aliased — when W &gt; N).
 *
 * <p>Firing j of the STFT ends at input sample (j+1)·H, so its frame covers samples [(j+1)·H − W, (j+1)·H);
 * the ISTFT emits a sample once no later frame covers it, which makes the pair's latency W − H samples.
 */
public final class Framing {
    /**
     * The largest FFT: 2^20 points, a 4 MiB frame, about 24 s at 44.1 kHz (CLAM's spatialisation networks go to 2^19).
     * JTransforms does a power of two of any size without allocating, on one thread ({@link Fft}).
     */
    public static final int MAX_FFT_SIZE = 1 << 20;
    public static final ParamSpec FFT_SIZE = ParamSpec.integer("fftSize", "points", 64, MAX_FFT_SIZE, 1024).onlyPowersOfTwo()
            .asStructural().describe("FFT size, a power of two from 64 to " + MAX_FFT_SIZE + "; frames carry fftSize/2+1 bins");
    public static final ParamSpec WINDOW_LENGTH = ParamSpec.integer("windowLength", "samples", 0, 2 * MAX_FFT_SIZE, 0).asStructural()
            .describe("window length, at most 2 x fftSize; 0 means the FFT size");
    public static final ParamSpec WINDOW = ParamSpec.choice("window", "hann", Window.labels()).asStructural()
            .describe("window shape");
    public static final ParamSpec BETA = ParamSpec.number("beta", "", 0, 40, 8).asStructural()
            .describe("Kaiser window shape (0 is rectangular; larger is smoother, wider)");
    public static final ParamSpec OVERLAP = ParamSpec.integer("overlap", "", 1, 16, 4).asStructural()
            .describe("frames per window length: hop = windowLength / overlap");

    /** Relative ripple of the summed squared windows that still reconstructs within float precision. */
    static final double COLA_TOLERANCE = 2e-6;

    public final int fftSize;
    public final int windowLength;
    public final Window window;
    public final double beta;
    public final int overlap;
    public final int hop;

    public Framing(int fftSize, int windowLength, Window window, double beta, int overlap) {
        if (Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("fftSize " + fftSize + " is not a power of two (try "
                    + Integer.highestOneBit(fftSize) + " or " + (Integer.highestOneBit(fftSize) * 2) + ")");
        }
        int w = windowLength == 0 ? fftSize : windowLength;
        if (w > 2 * fftSize) {
            throw new IllegalArgumentException("windowLength " + w + " is longer than twice fftSize " + fftSize
                    + ": use at most " + 2 * fftSize + " or raise fftSize");
        }
        if (w < overlap) {
            throw new IllegalArgumentException("windowLength " + w + " is shorter than overlap " + overlap
                    + ": the hop would be less than one sample");
        }
        this.fftSize = fftSize;
        this.windowLength = w;
        this.window = window;
        this.beta = beta;
        this.overlap = overlap;
        this.hop = w / overlap;
    }

    /** Reads the five shared params (declared from the constants above). */
    public static Framing of(Param fftSize, Param windowLength, Param window, Param beta, Param overlap) {
        return new Framing(fftSize.intValue(), windowLength.intValue(), Window.values()[window.choice()], beta.value(),
                overlap.intValue());
    }

    /** The framing of a spectrum stream, as its STFT cut it. */
    public static Framing of(SpectrumFormat f) {
        return new Framing(f.fftSize(), f.windowLength(), window(f.window()), f.beta(), f.overlap());
    }

    /** What the STFT's output carries. */
    public SpectrumFormat format() {
        return new SpectrumFormat(fftSize, windowLength, window.label(), beta, overlap);
    }

    private static Window window(String label) {
        for (Window w : Window.values()) if (w.label().equals(label)) return w;
        throw new IllegalArgumentException("unknown window '" + label + "'; windows are " + String.join(", ", Window.labels()));
    }

    /** STFT → ISTFT delay in samples. */
    public int latency() {
        return windowLength - hop;
    }

    public double[] analysisWindow() {
        return window.samples(windowLength, beta);
    }

    /**
     * Sum of squared windows over all frames covering each hop position t, {@code s[t] = Σ_j w²[t + jH]}. The
     * weighted overlap-add (analysis and synthesis by the same window) reconstructs exactly when it is constant.
     */
    double[] squaredSums() {
        double[] w = analysisWindow();
        double[] s = new double[hop];
        for (int m = 0; m < windowLength; m++) s[m % hop] += w[m] * w[m];
        return s;
    }

    /** Largest |s[t]/mean − 1|: 0 for a perfect overlap-add, 1 where some sample gets no weight at all. */
    public double colaRipple() {
        double[] s = squaredSums();
        double mean = 0;
        for (double v : s) mean += v;
        mean /= s.length;
        if (!(mean > 0)) return 1;
        double worst = 0;
        for (double v : s) worst = Math.max(worst, Math.abs(v / mean - 1));
        return worst;
    }

    /**
     * The synthesis window: the analysis window divided by the (constant) sum of squares, so that analysis ·
     * synthesis over overlapping frames sums to exactly 1; for folded frames (windowLength &gt; fftSize) the dual
     * window of {@link #foldedSynthesisWindow()}.
     *
     * @throws IllegalArgumentException a sentence naming what fails and an overlap that would work
     */
    public float[] synthesisWindow() {
        if (windowLength > fftSize) return foldedSynthesisWindow();
        double ripple = colaRipple();
        if (ripple > COLA_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "window %s%s of %d samples at overlap %d (hop %d) does not satisfy the overlap-add condition: "
                            + "the squared windows of overlapping frames sum to a level that varies by %.3g%%, so "
                            + "STFT -> ISTFT would not reconstruct its input; %s",
                    window.label(), window == Window.KAISER ? "(beta " + beta + ")" : "", windowLength, overlap, hop,
                    100 * ripple, suggestion()));
        }
        double[] w = analysisWindow();
        double[] s = squaredSums();
        double mean = 0;
        for (double v : s) mean += v;
        mean /= s.length;
        float[] g = new float[windowLength];
        for (int m = 0; m < windowLength; m++) g[m] = (float) (w[m] / mean);
        return g;
    }

    /**
     * For a window longer than the FFT the frames are folded, so each resynthesised sample also carries the input
     * N samples away (k = ±1). The synthesis window g then has to satisfy, for every hop position,
     * Σ_j g[m_j]·w[m_j + kN] = 1 for k = 0 and 0 for k = ±1 (m_j the window positions that land on that output
     * sample), which a window equal to the analysis window cannot: we solve these three equations per hop position
     * for the smallest g (a dual window). It needs at least three overlapping frames per position.
     */
    private float[] foldedSynthesisWindow() {
        double[] w = analysisWindow();
        float[] g = new float[windowLength];
        double worst = 0, largest = 0;
        for (int t = 0; t < hop; t++) {
            int count = (windowLength - 1 - t) / hop + 1;
            if (count < 3) {
                throw new IllegalArgumentException("windowLength " + windowLength + " is longer than fftSize " + fftSize
                        + ", so frames are folded; resynthesising them needs at least 3 overlapping frames per sample"
                        + " (overlap 3 or more, here " + overlap + "), or a windowLength of at most fftSize");
            }
            double[][] a = new double[3][count];
            for (int j = 0; j < count; j++) {
                int m = t + j * hop;
                for (int k = -1; k <= 1; k++) {
                    int at = m + k * fftSize;
                    a[k + 1][j] = at >= 0 && at < windowLength ? w[at] : 0;
                }
            }
            // minimum-norm solution of A g = (0, 1, 0): g = Aᵀ (A Aᵀ)⁻¹ e
            double[][] gram = new double[3][3];
            for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) for (int j = 0; j < count; j++) gram[r][c] += a[r][j] * a[c][j];
            double[] y = solve(gram, new double[]{0, 1, 0});
            for (int j = 0; j < count; j++) {
                double v = a[0][j] * y[0] + a[1][j] * y[1] + a[2][j] * y[2];
                g[t + j * hop] = (float) v;
                largest = Math.max(largest, Math.abs(v));
            }
            for (int r = 0; r < 3; r++) {
                double sum = 0;
                for (int j = 0; j < count; j++) sum += a[r][j] * g[t + j * hop];
                worst = Math.max(worst, Math.abs(sum - (r == 1 ? 1 : 0)));
            }
        }
        // float rounding of a large g would cost more than the identity's 1e-5: refuse an ill-conditioned case
        if (!(worst <= 1e-6) || largest * windowLength > 1e4 * overlap) {
            throw new IllegalArgumentException("window " + window.label() + " of " + windowLength + " samples folded onto fftSize "
                    + fftSize + " at overlap " + overlap + " cannot be resynthesised accurately; raise the overlap or use a"
                    + " windowLength of at most fftSize");
        }
        return g;
    }

    /** Gaussian elimination with partial pivoting on a 3x3 system; a singular matrix gives NaNs (caught above). */
    private static double[] solve(double[][] m, double[] rhs) {
        int n = rhs.length;
        double[][] a = new double[n][n + 1];
        for (int r = 0; r < n; r++) {
            System.arraycopy(m[r], 0, a[r], 0, n);
            a[r][n] = rhs[r];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] tmp = a[c];
            a[c] = a[p];
            a[p] = tmp;
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) a[r][k] -= f * a[c][k];
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) x[r] = a[r][n] / a[r][r];
        return x;
    }

    private String suggestion() {
        for (int ov = 1; ov <= 16; ov++) {
            if (windowLength % ov != 0) continue;
            if (new Framing(fftSize, windowLength, window, beta, ov).colaRipple() <= COLA_TOLERANCE) {
                return "overlap " + ov + " works with this window";
            }
        }
        return "no overlap up to 16 works with this window at this length: choose hann, hamming, blackman, "
                + "blackmanharris or rectangular";
    }
}
