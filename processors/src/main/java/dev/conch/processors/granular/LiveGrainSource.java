package dev.conch.processors.granular;

import java.util.Arrays;

/**
 * The live input, kept in a ring of the last {@code buffer} seconds (a power of two of samples, with room for one
 * block written ahead of the grains that read it). The playhead is a lag behind the newest sample that grows by
 * 1 - scan per sample; a grain starts position·buffer behind the newest sample at its onset, plus that lag (the sum
 * wraps around the buffer), plus jitter·buffer either way, held inside the samples already written and not yet
 * overwritten. A grain whose transposition would carry it out of them is shortened.
 */
final class LiveGrainSource extends GrainSource {
    /** Grains keep this many samples behind the newest input: the interpolator reads two ahead. */
    static final int NEWEST_MARGIN = 3;
    private static final double SHORTEST = 2;

    private final int mask;
    /** Samples of the buffer grains may reach back (the buffer param). */
    private final double reach;
    private final double bufferSeconds;
    private int write;
    /** Ring index of this block's first input sample. */
    private int blockStart;

    /**
     * A ring for {@code bufferSeconds} of input at {@code sampleRate}, written {@code maxBlock} samples at a time.
     *
     * @throws IllegalStateException with a sentence when the ring would exceed 2^30 samples
     */
    static LiveGrainSource of(double bufferSeconds, double sampleRate, int maxBlock) {
        double reach = Math.floor(bufferSeconds * sampleRate);
        // room for the buffer plus one block written ahead of the grains reading it
        long size = Long.highestOneBit((long) reach + maxBlock + 8) << 1;
        if (size > 1 << 30) throw new IllegalStateException("GrainStream: a buffer of " + bufferSeconds
                + " s at " + sampleRate + " Hz is too large; use at most 60 s");
        return new LiveGrainSource((int) size, reach, bufferSeconds);
    }

    private LiveGrainSource(int length, double reach, double bufferSeconds) {
        super(new double[length + PAD], length);
        this.mask = length - 1;
        this.reach = reach;
        this.bufferSeconds = bufferSeconds;
    }

    /** The whole block goes into the ring first; grains only ever read samples up to their own time. */
    @Override
    void beginBlock(float[] input, int frames) {
        blockStart = write;
        double[] d = data;
        int w = write;
        for (int i = 0; i < frames; i++) {
            float v = input[i];
            d[w + 1] = v;
            if (w < 3) d[length + 1 + w] = v;
            if (w == length - 1) d[0] = v;
            w = (w + 1) & mask;
        }
        write = w;
    }

    @Override
    double fitLength(double length, double ratio) {
        double stretch = Math.abs(ratio - 1);
        double room = reach - NEWEST_MARGIN - 1;
        if (stretch * length > room) length = room / stretch;   // the grain must stay inside the buffer
        return length < SHORTEST ? SHORTEST : length;
    }

    @Override
    double firstRead(int n, double late, double length, double ratio, double position, double jitter, double u) {
        double minDelay = NEWEST_MARGIN + Math.max(0, (ratio - 1) * length);
        double maxDelay = reach - Math.max(0, (1 - ratio) * length);
        // the playhead's lag wraps around the buffer; jitter then spreads grains around that point, held inside
        // the buffer rather than wrapped (a grain jittered "before now" plays the newest sound, not the oldest)
        double delay = position * reach + playhead;
        delay -= Math.floor(delay / reach) * reach;
        delay += jitter * reach * u;
        delay = Math.max(minDelay, Math.min(maxDelay, delay));
        // at the exact onset time (late samples ago) the grain reads delay samples behind the then newest sample;
        // the onset's ring index is wrapped first, so a block straddling the ring's end rounds like any other
        return ((blockStart + n) & mask) - late - delay;
    }

    @Override
    double playheadStep(double scan) {
        return 1 - scan;
    }

    @Override
    double playheadWrap() {
        return reach;
    }

    @Override
    boolean fadesOnRelease() {
        return false;
    }

    @Override
    double tailSeconds(double longestGrain) {
        return bufferSeconds + 2 * longestGrain;
    }

    @Override
    void reset() {
        super.reset();
        Arrays.fill(data, 0);
        write = 0;
    }
}
