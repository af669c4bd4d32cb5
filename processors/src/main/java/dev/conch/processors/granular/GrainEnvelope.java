package dev.conch.processors.granular;

/**
 * The grain envelopes, evaluated at x = elapsed / duration in [0, 1). Cosines and exponentials come from tables
 * built once at class loading (4096 steps, linear interpolation: error below 3·10⁻⁷), because a Math.cos per grain
 * per sample would cost more than the whole grain. A Hann grain, the common one, is instead stepped by a
 * recurrence ({@link #hannLow}): three additions and a multiplication a sample, no table, and closer to the exact
 * window.
 * <ul>
 *   <li>{@link #HANN}: 0.5 - 0.5·cos(2πx).</li>
 *   <li>{@link #TUKEY}: flat top with cosine fades; α is the fraction of the grain spent fading (α/2 in, α/2
 *       out): α = 0 is a rectangle, α = 1 a Hann.</li>
 *   <li>{@link #TRAPEZOID}: linear fades over α/2 at each end (α = 0: a rectangle, 1: a triangle).</li>
 *   <li>{@link #EXPDECAY}: percussive: a linear attack over the first 1% of the grain, then an exponential decay
 *       of 60 dB over the grain, offset so it reaches exactly 0 at the end (no click).</li>
 * </ul>
 */
final class GrainEnvelope {
    static final int HANN = 0, TUKEY = 1, TRAPEZOID = 2, EXPDECAY = 3;
    static final String[] NAMES = {"hann", "tukey", "trapezoid", "expdecay"};

    private static final int STEPS = 4096;
    private static final double ATTACK = 0.01;
    private static final double[] HANN_TABLE = new double[STEPS + 2];
    private static final double[] DECAY_TABLE = new double[STEPS + 2];

    static {
        double k = Math.log(1000);                // 60 dB over the grain
        double floor = Math.exp(-k);
        for (int i = 0; i < STEPS + 2; i++) {
            double x = Math.min(1.0, (double) i / STEPS);
            HANN_TABLE[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * x);
            DECAY_TABLE[i] = (Math.exp(-k * x) - floor) / (1 - floor);
        }
    }

    private GrainEnvelope() {
    }

    /**
     * The envelope at {@code x} in [0, 1). {@code edge} is α/2 (the fade length as a fraction of the grain) and
     * {@code inverseEdge} 1/edge, both computed once per grain.
     */
    static double at(int shape, double edge, double inverseEdge, double x) {
        switch (shape) {
            case TUKEY:
                if (x < edge) return lookup(HANN_TABLE, 0.5 * x * inverseEdge);
                if (x > 1 - edge) return lookup(HANN_TABLE, 0.5 * (1 - x) * inverseEdge);
                return 1;
            case TRAPEZOID:
                if (x < edge) return x * inverseEdge;
                if (x > 1 - edge) return (1 - x) * inverseEdge;
                return 1;
            case EXPDECAY:
                return (x < ATTACK ? x / ATTACK : 1) * lookup(DECAY_TABLE, x);
            default:
                return lookup(HANN_TABLE, x);
        }
    }

    /**
     * Writes the envelope for {@code out[from..to)}, starting at {@code x} and stepping by {@code dx}; returns the x
     * after the last sample. One loop per shape, so the grain loop itself has no switch in it. x advances by the
     * same additions as one sample at a time would make, so a grain rendered in pieces is bit-identical.
     */
    static double fill(int shape, double edge, double inverseEdge, double x, double dx, double[] out, int from, int to) {
        switch (shape) {
            case EXPDECAY -> {
                for (int n = from; n < to; n++) {
                    out[n] = (x < ATTACK ? x / ATTACK : 1) * lookup(DECAY_TABLE, x);
                    x += dx;
                }
            }
            default -> {
                for (int n = from; n < to; n++) {
                    out[n] = at(shape, edge, inverseEdge, x);
                    x += dx;
                }
            }
        }
        return x;
    }

    // ---- a Hann grain by recurrence ----
    //
    // The window is 0.5 + h(x) with h = -0.5·cos(2πx). Every other sample of h is a cosine stepped by twice the grain's
    // phase step, which Reinsch's form of the Chebyshev recurrence follows with 10^-13 of error over millions of
    // steps (2 cos ω written as 2 - 4 sin²(ω/2), so no digits cancel): rise += bend·h; h += rise. The grain carries
    // two such sequences, one for this sample and one for the next, and swaps them each sample: the recurrence is a
    // chain of dependent operations, and two interleaved chains halve what the chain costs a sample. A grain started
    // late by part of a sample starts the sequences there, from Math.cos and Math.sin.

    /** h = -0.5·cos(2πx): a Hann window at x less its mean 0.5. */
    static double hannLow(double x) {
        return -0.5 * Math.cos(2 * Math.PI * x);
    }

    /** How much {@link #hannLow} rose from x - 2·dx to x: 0.5·(cos(2π(x - 2dx)) - cos(2πx)) as a product. */
    static double hannRise(double x, double dx) {
        return Math.sin(2 * Math.PI * (x - dx)) * Math.sin(2 * Math.PI * dx);
    }

    /** The recurrence's factor for steps of 2·dx: 2·cos(4π·dx) - 2, written so that no digits cancel. */
    static double hannBend(double dx) {
        double s = Math.sin(2 * Math.PI * dx);
        return -4 * s * s;
    }

    private static double lookup(double[] table, double x) {
        double pos = x * STEPS;
        int i = (int) pos;
        return table[i] + (pos - i) * (table[i + 1] - table[i]);
    }
}
