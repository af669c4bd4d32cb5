package dev.conch.processors.granular;

/**
 * What grains read, and where: a loaded file ({@link FileGrainSource}) or a ring holding the last seconds of the
 * live input ({@link LiveGrainSource}). The choice between them is made once, in {@link GrainStream#prepare}; each
 * kind owns its playhead, says where a grain starts and how long it may be, and what a release or a tail means.
 *
 * <p>Both store their samples the same padded way so the cubic interpolator never has to wrap an index: sample j
 * of the source sits at {@code data[j + 1]}, {@code data[0]} repeats the last sample and {@code data[length + 1 …
 * + 3]} repeat the first three. A read position p in [0, length) then needs data[floor(p) … floor(p) + 3] only.
 * The samples are floats held as doubles: twice the memory (a minute at 48 kHz, 23 MB), for no float-to-double
 * conversions in the grain loop, four per grain and sample; P3 ran 11 % faster and steadier from run to run.
 *
 * <p><b>Read positions are fixed-point:</b> a long counting 2<sup>-32</sup> of a sample ({@link #fixed}). A grain's
 * step is then an exact integer addition: the sample index and the cubic's fraction come out of a shift and a mask
 * instead of a double-to-int conversion per grain and sample, and moving a grain on by k samples is one
 * multiplication that lands exactly where k single steps would ({@link #advanced}). The cubic takes the fraction to
 * 2<sup>-31</sup>, far below what a float sample can resolve; a pitch ratio rounded to 2<sup>-32</sup> is off by at
 * most 10<sup>-10</sup>.
 */
abstract sealed class GrainSource permits FileGrainSource, LiveGrainSource {
    static final int PAD = 4;
    /** Fixed-point read positions: fraction bits, and one sample. */
    private static final int FRACTION_BITS = 32;
    private static final double ONE = 0x1p32, HALF_INVERSE = 0x1p-31;

    final double[] data;
    final int length;
    /** {@link #length} in fixed point: read positions wrap here. */
    final long fixedLength;
    /** Where grains read from, kept in [0, {@link #playheadWrap()}); its meaning is the subclass's. */
    double playhead;

    GrainSource(double[] data, int length) {
        this.data = data;
        this.length = length;
        this.fixedLength = (long) length << FRACTION_BITS;
    }

    /** Called before a block's grains start or sound; {@code frames} samples of the live input are in {@code input}. */
    abstract void beginBlock(float[] input, int frames);

    /** The length in samples a grain of {@code length} samples at pitch {@code ratio} may have: at least 2. */
    abstract double fitLength(double length, double ratio);

    /**
     * Where a grain that starts at block sample {@code n}, {@code late} (0..1) samples after its exact onset time,
     * first reads, before the correction for lateness: {@code position} and the playhead place it, and
     * {@code jitter}·{@code u} (u in [-1, 1)) moves it, both as fractions of the source.
     */
    abstract double firstRead(int n, double late, double length, double ratio, double position, double jitter, double u);

    /** How far the playhead moves in one sample at {@code scan} times real time. */
    abstract double playheadStep(double scan);

    /** The playhead's range: it wraps at this many samples. */
    abstract double playheadWrap();

    /** True when a release fades the output out (a source); false when the grains ring on (an effect). */
    abstract boolean fadesOnRelease();

    /** Seconds the output may go on after its input stops, for grains up to {@code longestGrain} seconds long. */
    abstract double tailSeconds(double longestGrain);

    /** Back to the state after prepare: the playhead at 0 (and the live ring silent). */
    void reset() {
        playhead = 0;
    }

    /**
     * The read position of a grain at its first output sample: {@link #firstRead}, moved on by the {@code late}
     * samples the grain has already run at {@code ratio}, and wrapped into [0, length).
     */
    final double start(int n, double late, double length, double ratio, double position, double jitter, double u) {
        double start = firstRead(n, late, length, ratio, position, jitter, u);
        start += late * ratio;
        start -= Math.floor(start / this.length) * this.length;
        if (start >= this.length) start = 0;
        return start;
    }

    /** Moves the playhead {@code samples} samples on at {@code scan} times real time, wrapping it. */
    final void advance(int samples, double scan) {
        double step = playheadStep(scan);
        if (step == 0) return; // the playhead stays inside [0, wrap), so adding 0 would change nothing
        double wrap = playheadWrap();
        double ph = playhead;
        for (int i = 0; i < samples; i++) {
            ph += step;
            if (ph >= wrap || ph < 0) ph -= Math.floor(ph / wrap) * wrap;
            if (ph >= wrap) ph = 0;
        }
        playhead = ph;
    }

    /** A position or step of {@code samples} (at least 0) in fixed point, rounded down to 2<sup>-32</sup>. */
    static long fixed(double samples) {
        return (long) (samples * ONE);
    }

    /** A pitch ratio as a fixed-point step per output sample, to the nearest 2<sup>-32</sup>. */
    static long fixedStep(double ratio) {
        return Math.round(ratio * ONE);
    }

    /**
     * The fraction of a sample in fixed-point position {@code p}, in [0, 1), to 2<sup>-31</sup>: its top 31 bits, as
     * an int (converting an int to a double measured faster and steadier than a long, JDK 17).
     */
    static double fraction(long p) {
        return ((int) p >>> 1) * HALF_INVERSE;
    }

    /**
     * Where a grain at {@code p} is after {@code samples} steps of {@code step} (at most one {@link #fixedLength}),
     * each wrapped back into [0, fixedLength) by one subtraction: integers, so the same position as the steps.
     */
    final long advanced(long p, long step, int samples) {
        long move = step * samples % fixedLength;   // a step is below 2^37 (ratio 16), samples at most a block
        return p >= fixedLength - move ? p - (fixedLength - move) : p + move;
    }

    /**
     * The source at fixed-point position p by Catmull-Rom: the cubic through b and c with slopes (c - a)/2 and
     * (d - b)/2, in Horner form: its four coefficients, then three multiply-adds (two operations fewer than nesting
     * the difference terms, and a shorter dependency chain).
     */
    static double read(double[] data, long p) {
        int i = (int) (p >>> FRACTION_BITS);
        double t = fraction(p);
        double a = data[i], b = data[i + 1], c = data[i + 2], d = data[i + 3];
        double slope = 0.5 * (c - a), cube = 1.5 * (b - c) + 0.5 * (d - a), square = a - b + slope - cube;
        return ((cube * t + square) * t + slope) * t + b;
    }
}
