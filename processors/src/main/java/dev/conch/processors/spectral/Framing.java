package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;

import java.util.Locale;

/**
 * How an STFT cuts audio into frames, shared by {@link STFT} and {@link ISTFT} (which must be given the same
 * params): FFT size N, window of length W (up to 2N), window shape, overlap; hop H = floor(W / overlap).
 *
 * <p>Frames are zero-phase: the window's centre W/2 lands on FFT index 0 and the windowed samples are wrapped
 * modulo N (zero-padded in the middle when W &lt; N, folded — time-aliased — when W &gt; N).
 *
 * <p>Firing j of the STFT ends at input sample (j+1)·H, so its frame covers samples [(j+1)·H − W, (j+1)·H);
 * the ISTFT emits a sample once no later frame covers it, which makes the pair's latency W − H samples.
 */
public final class Framing {
    public static final ParamSpec FFT_SIZE = ParamSpec.integer("fftSize", "points", 64, 16384, 1024).asStructural()
            .describe("FFT size, a power of two from 64 to 16384; frames carry fftSize/2+1 bins");
    public static final ParamSpec WINDOW_LENGTH = ParamSpec.integer("windowLength", "samples", 0, 32768, 0).asStructural()
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
     * synthesis over overlapping frames sums to exactly 1.
     *
     * @throws IllegalArgumentException a sentence naming what fails and an overlap that would work
     */
    public float[] synthesisWindow() {
        if (windowLength > fftSize) {
            throw new IllegalArgumentException("windowLength " + windowLength + " is longer than fftSize " + fftSize
                    + ": such frames are folded (time-aliased) and cannot be resynthesised exactly; for ISTFT use a"
                    + " windowLength of at most fftSize");
        }
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
