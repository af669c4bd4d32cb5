package dev.conch.engine.io;

/**
 * Float to integer PCM: the sample times 2^(bits-1), optionally plus TPDF dither, clipped to
 * [-2^(bits-1), 2^(bits-1)-1], rounded with {@link Math#rint} (nearest, ties to even). NaN becomes 0.
 *
 * <p>TPDF dither is the difference of two independent uniform values in [0, 1) LSB: triangular on (-1, 1) LSB,
 * which makes the rounding error's mean and variance independent of the signal. The uniforms come from
 * SplitMix64 seeded by the caller, one pair per sample in file order, so the output depends only on the seed and
 * the samples, never on block sizes.
 */
final class Quantizer {
    private final double scale;
    private final boolean dither;
    private long state;
    /** Counted here, where the clamping happens; two compares per sample, no allocation. */
    private long clipped;
    private float peak;

    Quantizer(int bits, boolean dither, long seed) {
        this.scale = 1L << (bits - 1);
        this.dither = dither;
        this.state = seed;
    }

    /** Whether codes draw dither, whose sequence follows the order they are asked for. */
    boolean dithers() {
        return dither;
    }

    int code(float x) {
        float magnitude = Math.abs(x);
        if (magnitude > peak) peak = magnitude; // false for NaN, which is written as 0
        if (magnitude > 1f) clipped++;
        double v = x * scale;
        if (v != v) return 0;
        if (dither) v += uniform() - uniform();
        if (v > scale - 1) v = scale - 1;
        else if (v < -scale) v = -scale;
        return (int) Math.rint(v);
    }

    /**
     * Counts {@code x[from .. from + n)}, coded without {@link #code} (no dither), whose largest magnitude (NaN left
     * out) is {@code magnitude}: its clamped samples are counted in a pass of their own only when there are any, so a
     * coding loop tracks one value instead of counting every sample.
     */
    void account(float[] x, int from, int n, float magnitude) {
        if (magnitude > peak) peak = magnitude;
        if (magnitude > 1f) {
            for (int i = from; i < from + n; i++) {
                if (Math.abs(x[i]) > 1f) clipped++;
            }
        }
    }

    /** The samples clamped so far (beyond full scale) and the largest magnitude seen. */
    Clipping clipping() {
        return new Clipping(clipped, peak);
    }

    private double uniform() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
