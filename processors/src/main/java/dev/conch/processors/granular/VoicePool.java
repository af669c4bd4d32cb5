package dev.conch.processors.granular;

import java.util.Arrays;

/**
 * The grains sounding, one slot per index of parallel primitive arrays (no object per grain: a pool of thousands
 * stays a handful of arrays, walked in order). A slot is free once its grain has ended; when none is, a new grain
 * is dropped or, stealing, replaces the grain started longest ago.
 *
 * <p>Grains are summed in slot order, so every output sample is the same float additions in the same order
 * whatever the block size, as long as the caller renders up to each onset before starting a grain there.
 *
 * <p><b>A block in parts.</b> A block may instead be rendered in parts on several threads ({@link #deferStarts},
 * {@link #renderPart}): the block's grains are started first, their starts kept in a list rather than written over
 * the slots, and then each part renders one stretch of the block's samples. Every sample is still summed by one
 * thread, from 0, over the grains sounding there in slot order: the same additions in the same order as above, so
 * the same bits whatever the number of parts (checked by {@code GrainStreamTest.partsOnTwoAndThreeThreadsAreBitIdentical}).
 * A part that starts at sample a first moves its own copy of the grains on to a without reading the source: its
 * read positions jump there (integers: exactly where the steps land) and its envelopes take the same steps as
 * rendering them would, so it reaches the same state.
 */
final class VoicePool {
    /** The most parts a block is rendered in: each part past the first repeats the position steps before it. */
    static final int MAX_PARTS = 4;

    private final boolean stereo;
    private final int voices;
    /** The grains' state, carried from block to block. */
    private final Voices live;
    /** First absolute sample at which the voice is silent (free when endAt <= now). */
    private final long[] endAt;
    /** Onset order, for stealing the oldest. */
    private final long[] serial;
    private long started, dropped, stolen;

    // ---- a block in parts ----
    /** True between {@link #deferStarts} and the block's parts: {@link #start} goes to {@link #starts}. */
    private boolean deferring;
    private long deferredBlock;
    private final Starts starts;
    /** {@link #endAt} as the deferred block began. */
    private final long[] endAtBefore;
    /** Per part but the last (which moves {@link #live} on), a copy of the grains as the block began. */
    private final Voices[] copies = new Voices[MAX_PARTS - 1];
    /** Per part, its view of {@link #endAt} as it applies the block's starts. */
    private final long[][] ends = new long[MAX_PARTS][];
    /** Per part count, the block samples the parts begin at (parts + 1 entries, the last the block's end). */
    private final int[] bounds = new int[MAX_PARTS + 1];

    /** A pool of {@code voices} slots rendering blocks of up to {@code maxBlock} samples, to one or two sums. */
    VoicePool(int voices, int maxBlock, boolean stereo) {
        this.stereo = stereo;
        this.voices = voices;
        endAt = new long[voices];
        live = new Voices(voices, maxBlock);
        serial = new long[voices];
        // at most two onsets a sample (OnsetClock's shortest interval), plus one
        starts = new Starts(2 * maxBlock + 2);
        endAtBefore = new long[voices];
        for (int k = 0; k < MAX_PARTS; k++) {
            ends[k] = new long[voices];
            if (k < MAX_PARTS - 1) copies[k] = new Voices(voices, maxBlock);
        }
    }

    /** Every slot free, the counters at 0. */
    void clear() {
        Arrays.fill(endAt, 0);
        Arrays.fill(serial, 0);
        started = dropped = stolen = 0;
        deferring = false;
    }

    /**
     * The slot for a grain starting at absolute sample {@code now}: the first free one; when every slot is busy,
     * with {@code stealOldest} the one started longest ago (counted as stolen), else -1 (counted as dropped).
     */
    int claim(long now, boolean stealOldest) {
        for (int v = 0; v < endAt.length; v++) if (endAt[v] <= now) return v;
        if (!stealOldest) {
            dropped++;
            return -1;
        }
        stolen++;
        int oldest = 0;
        for (int v = 1; v < serial.length; v++) if (serial[v] < serial[oldest]) oldest = v;
        return oldest;
    }

    /**
     * Starts a grain in slot {@code v} at absolute sample {@code now}, {@code late} samples after its exact onset:
     * {@code length} samples long in all, reading from {@code readFrom} in steps of {@code ratio}, with envelope
     * {@code shape} fading over {@code edgeFraction} of it at each end, and these pan gains. While starts are
     * deferred the slot's schedule ({@link #claim}'s view) changes at once and its sound at the sample in the parts.
     */
    void start(int v, long now, double late, double length, double readFrom, double ratio, int shape,
               double edgeFraction, double gainLeft, double gainRight) {
        long end = now + (long) Math.ceil(length - late);
        endAt[v] = end;
        serial[v] = ++started;
        Voices into = live;
        int slot = v;
        if (deferring) {
            slot = starts.count++;
            starts.voice[slot] = v;
            starts.at[slot] = (int) (now - deferredBlock);
            starts.end[slot] = end;
            into = starts.grains;
        }
        into.set(slot, late, length, readFrom, ratio, shape, edgeFraction, gainLeft, gainRight);
    }

    /**
     * Adds every sounding grain's samples {@code from} up to {@code to} (block samples; the block starts at absolute
     * sample {@code blockStart}) into {@code left} (and {@code right}, stereo), in slot order.
     */
    void render(long blockStart, int from, int to, GrainSource source, double[] left, double[] right) {
        render(live, endAt, blockStart, from, to, source, left, right);
    }

    // ---- a block in parts ----

    /**
     * From now until the block's parts have run, grains started are kept as a list of starts instead of being
     * rendered up to: the block of {@code frames} samples from absolute sample {@code blockStart} will be rendered in
     * {@code parts} parts by {@link #renderPart} (2 to {@link #MAX_PARTS}). {@code skipCost} is what moving a grain
     * on by a sample costs against rendering one, to even the parts out.
     */
    void deferStarts(long blockStart, int frames, int parts, double skipCost) {
        deferring = true;
        deferredBlock = blockStart;
        starts.count = 0;
        System.arraycopy(endAt, 0, endAtBefore, 0, voices);
        for (int k = 0; k < parts - 1; k++) {
            for (int v = 0; v < voices; v++) if (endAt[v] > blockStart) copies[k].copy(v, live, v);
        }
        // part k renders samples [a_k, a_k+1) after moving its grains over [0, a_k): equal work when each is
        // c - skipCost * a_k long, which the geometric sum below solves for; ends rounded to whole cache lines
        double c = skipCost == 0 ? (double) frames / parts : frames * skipCost / (1 - Math.pow(1 - skipCost, parts));
        bounds[0] = 0;
        for (int k = 1; k < parts; k++) {
            double a = skipCost == 0 ? c * k : c * (1 - Math.pow(1 - skipCost, k)) / skipCost;
            bounds[k] = Math.max(bounds[k - 1], Math.min(frames, (int) Math.round(a / 8) * 8));
        }
        bounds[parts] = frames;
    }

    /**
     * Part {@code k} of {@code parts} of the deferred block: renders its stretch of samples into {@code left} (and
     * {@code right}), applying the block's starts in order, each at its sample. The last part moves the pool's own
     * grains on to the block's end; the others work on copies. Any thread, beside the other parts.
     */
    void renderPart(int k, int parts, GrainSource source, double[] left, double[] right) {
        Voices grains = k == parts - 1 ? live : copies[k];
        long[] end = ends[k];
        System.arraycopy(endAtBefore, 0, end, 0, voices);
        long blockStart = deferredBlock;
        int a = bounds[k], b = bounds[k + 1];
        int at = 0;
        for (int i = 0; i < starts.count; i++) {
            int n = starts.at[i];
            if (n >= b) break;
            if (n > at) {
                moveOn(grains, end, blockStart, at, n, a, source, left, right);
                at = n;
            }
            int v = starts.voice[i];
            grains.copy(v, starts.grains, i);
            end[v] = starts.end[i];
        }
        moveOn(grains, end, blockStart, at, b, a, source, left, right);
    }

    /** The block sample part {@code k} of the deferred block begins at ({@code k} = parts: the block's end). */
    int partStart(int k) {
        return bounds[k];
    }

    /** The deferred block's parts have all run: starts go straight to the slots again. */
    void endDeferred() {
        deferring = false;
    }

    /** Moves the grains over block samples [from, to), silently before {@code a} and rendering from there. */
    private void moveOn(Voices grains, long[] end, long blockStart, int from, int to, int a, GrainSource source,
                        double[] left, double[] right) {
        int quiet = Math.min(to, a);
        if (from < quiet) skip(grains, end, blockStart, from, quiet, source);
        int loud = Math.max(from, a);
        if (loud < to) render(grains, end, blockStart, loud, to, source, left, right);
    }

    /**
     * Steps every sounding grain's read position and envelope over [from, to) as rendering would, reading nothing.
     * The read position jumps there at once (fixed point: exact); the envelope takes its steps one by one, each a
     * chain of dependent operations, Hann grains two at a time where they can be: two chains side by side take
     * little more time than one.
     */
    private void skip(Voices g, long[] end, long blockStart, int from, int to, GrainSource source) {
        long start = blockStart + from;
        int waiting = -1;
        for (int v = 0; v < voices; v++) {
            if (end[v] <= start) continue;
            int stop = (int) Math.min(to, end[v] - blockStart);
            g.readPos[v] = source.advanced(g.readPos[v], g.step[v], stop - from);
            if (g.shape[v] != GrainEnvelope.HANN) {
                double x = g.envPos[v], dx = g.envStep[v];
                for (int n = from; n < stop; n++) x += dx;
                g.envPos[v] = x;
            } else if (waiting < 0) {
                waiting = v;
            } else {
                int u = waiting;
                waiting = -1;
                int stopU = (int) Math.min(to, end[u] - blockStart);
                int both = Math.min(stopU, stop);
                skipHannPair(g, u, v, from, both);
                if (stopU > both) skipHann(g, u, both, stopU);
                if (stop > both) skipHann(g, v, both, stop);
            }
        }
        if (waiting >= 0) skipHann(g, waiting, from, (int) Math.min(to, end[waiting] - blockStart));
    }

    /** Steps Hann grains u and v over [from, to) as {@link #renderHann} does, side by side. */
    private static void skipHannPair(Voices g, int u, int v, int from, int to) {
        double y = g.hann[u], d = g.hannRise[u], z = g.hannNext[u], e = g.hannNextRise[u], k = g.hannBend[u];
        double y2 = g.hann[v], d2 = g.hannRise[v], z2 = g.hannNext[v], e2 = g.hannNextRise[v], k2 = g.hannBend[v];
        for (int n = from; n < to; n++) {
            d += k * y;
            double later = y + d;
            y = z;
            z = later;
            double rise = d;
            d = e;
            e = rise;
            d2 += k2 * y2;
            double later2 = y2 + d2;
            y2 = z2;
            z2 = later2;
            double rise2 = d2;
            d2 = e2;
            e2 = rise2;
        }
        g.setHann(u, y, d, z, e);
        g.setHann(v, y2, d2, z2, e2);
    }

    /** Steps Hann grain v over [from, to) as {@link #renderHann} does. */
    private static void skipHann(Voices g, int v, int from, int to) {
        double y = g.hann[v], d = g.hannRise[v], z = g.hannNext[v], e = g.hannNextRise[v], k = g.hannBend[v];
        for (int n = from; n < to; n++) {
            d += k * y;
            double later = y + d;
            y = z;
            z = later;
            double rise = d;
            d = e;
            e = rise;
        }
        g.setHann(v, y, d, z, e);
    }

    private void render(Voices g, long[] end, long blockStart, int from, int to, GrainSource source,
                        double[] left, double[] right) {
        long start = blockStart + from;
        for (int v = 0; v < voices; v++) {
            if (end[v] <= start) continue;
            int stop = (int) Math.min(to, end[v] - blockStart);
            if (g.shape[v] == GrainEnvelope.HANN) renderHann(g, v, from, stop, source, left, right);
            else renderVoice(g, v, from, stop, source, left, right);
        }
    }

    private void renderVoice(Voices g, int v, int from, int to, GrainSource source, double[] left, double[] right) {
        double[] env = g.envelope;
        g.envPos[v] = GrainEnvelope.fill(g.shape[v], g.edge[v], g.inverseEdge[v], g.envPos[v], g.envStep[v], env, from, to);
        double[] src = source.data;
        long len = source.fixedLength;
        long p = g.readPos[v], r = g.step[v];
        double gl = g.gainLeft[v], gr = g.gainRight[v];
        if (stereo) {
            for (int n = from; n < to; n++) {
                double y = env[n] * GrainSource.read(src, p);
                left[n] += y * gl;
                right[n] += y * gr;
                p += r;
                if (p >= len) p -= len;
            }
        } else {
            for (int n = from; n < to; n++) {
                left[n] += env[n] * GrainSource.read(src, p);
                p += r;
                if (p >= len) p -= len;
            }
        }
        g.readPos[v] = p;
    }

    /**
     * {@link #renderVoice} for a Hann grain, its envelope stepped by {@link GrainEnvelope}'s recurrence inside the
     * read loop (y is this sample's, z the next one's, each with its rise, d and e): two samples a turn, one from each
     * sequence, rather than swapping them every sample, which measured less steady from run to run (mono, JDK 17).
     * With the fixed-point read, Horner's cubic and a source of doubles, P3's grain went from 4.75 to 2.83 ns a
     * sample (benchmarks/README, "P3's grain, second pass").
     */
    private void renderHann(Voices g, int v, int from, int to, GrainSource source, double[] left, double[] right) {
        double[] src = source.data;
        long len = source.fixedLength;
        long p = g.readPos[v], r = g.step[v];
        double y = g.hann[v], d = g.hannRise[v], z = g.hannNext[v], e = g.hannNextRise[v], k = g.hannBend[v];
        double gl = g.gainLeft[v], gr = g.gainRight[v];
        if (stereo) {
            int n = from;
            for (; n + 1 < to; n += 2) {
                double s = (0.5 + y) * GrainSource.read(src, p);
                left[n] += s * gl;
                right[n] += s * gr;
                p += r;
                if (p >= len) p -= len;
                double u = (0.5 + z) * GrainSource.read(src, p);
                left[n + 1] += u * gl;
                right[n + 1] += u * gr;
                p += r;
                if (p >= len) p -= len;
                d += k * y;
                y += d;
                e += k * z;
                z += e;
            }
            if (n < to) {
                double s = (0.5 + y) * GrainSource.read(src, p);
                left[n] += s * gl;
                right[n] += s * gr;
                p += r;
                if (p >= len) p -= len;
                d += k * y;
                double later = y + d;
                y = z;
                z = later;
                double rise = d;
                d = e;
                e = rise;
            }
        } else {
            int n = from;
            for (; n + 1 < to; n += 2) {
                left[n] += (0.5 + y) * GrainSource.read(src, p);
                p += r;
                if (p >= len) p -= len;
                left[n + 1] += (0.5 + z) * GrainSource.read(src, p);
                p += r;
                if (p >= len) p -= len;
                d += k * y;
                y += d;
                e += k * z;
                z += e;
            }
            if (n < to) {
                left[n] += (0.5 + y) * GrainSource.read(src, p);
                p += r;
                if (p >= len) p -= len;
                d += k * y;
                double later = y + d;
                y = z;
                z = later;
                double rise = d;
                d = e;
                e = rise;
            }
        }
        g.readPos[v] = p;
        g.setHann(v, y, d, z, e);
    }

    /** Grains sounding at absolute sample {@code at}. */
    int activeAt(long at) {
        int n = 0;
        for (long e : endAt) if (e > at) n++;
        return n;
    }

    /** Grains started since the last clear (stolen ones included, dropped ones not). */
    long started() {
        return started;
    }

    /** Grains not started because every slot was busy. */
    long dropped() {
        return dropped;
    }

    /** Grains cut off to make room for a new one. */
    long stolen() {
        return stolen;
    }

    /** The grains' sound-making state, one slot per index, and a scratch envelope for one block. */
    private static final class Voices {
        /** Read positions and steps, fixed point ({@link GrainSource#fixed}). */
        final long[] readPos, step;
        /** A Hann grain's envelope recurrence: {@link GrainEnvelope#hannLow} at this sample and the next, their rises. */
        final double[] hann, hannRise, hannNext, hannNextRise, hannBend;
        /** Other shapes' envelope position x and its step. */
        final double[] envPos, envStep;
        final double[] gainLeft, gainRight, edge, inverseEdge;
        final int[] shape;
        final double[] envelope;

        Voices(int slots, int maxBlock) {
            readPos = new long[slots];
            step = new long[slots];
            hann = new double[slots];
            hannRise = new double[slots];
            hannNext = new double[slots];
            hannNextRise = new double[slots];
            hannBend = new double[slots];
            envPos = new double[slots];
            envStep = new double[slots];
            gainLeft = new double[slots];
            gainRight = new double[slots];
            edge = new double[slots];
            inverseEdge = new double[slots];
            shape = new int[slots];
            envelope = new double[maxBlock];
        }

        void set(int v, double late, double length, double readFrom, double ratio, int shape, double edgeFraction,
                 double gainLeft, double gainRight) {
            double dx = 1 / length, x = late / length;
            envStep[v] = dx;
            envPos[v] = x;
            if (shape == GrainEnvelope.HANN) {
                double next = (late + 1) / length;
                setHann(v, GrainEnvelope.hannLow(x), GrainEnvelope.hannRise(x, dx),
                        GrainEnvelope.hannLow(next), GrainEnvelope.hannRise(next, dx));
                hannBend[v] = GrainEnvelope.hannBend(dx);
            }
            readPos[v] = GrainSource.fixed(readFrom);
            step[v] = GrainSource.fixedStep(ratio);
            this.shape[v] = shape;
            edge[v] = edgeFraction;
            inverseEdge[v] = edgeFraction > 0 ? 1 / edgeFraction : 0;
            this.gainLeft[v] = gainLeft;
            this.gainRight[v] = gainRight;
        }

        void setHann(int v, double now, double nowRise, double next, double nextRise) {
            hann[v] = now;
            hannRise[v] = nowRise;
            hannNext[v] = next;
            hannNextRise[v] = nextRise;
        }

        /** Slot {@code v} becomes {@code from}'s slot {@code w}. */
        void copy(int v, Voices from, int w) {
            readPos[v] = from.readPos[w];
            step[v] = from.step[w];
            setHann(v, from.hann[w], from.hannRise[w], from.hannNext[w], from.hannNextRise[w]);
            hannBend[v] = from.hannBend[w];
            envPos[v] = from.envPos[w];
            envStep[v] = from.envStep[w];
            shape[v] = from.shape[w];
            edge[v] = from.edge[w];
            inverseEdge[v] = from.inverseEdge[w];
            gainLeft[v] = from.gainLeft[w];
            gainRight[v] = from.gainRight[w];
        }
    }

    /** A deferred block's starts in the order made: slot, block sample, end, and the grain's state in {@link #grains}. */
    private static final class Starts {
        final int[] voice, at;
        final long[] end;
        final Voices grains;
        int count;

        Starts(int capacity) {
            voice = new int[capacity];
            at = new int[capacity];
            end = new long[capacity];
            grains = new Voices(capacity, 0);
        }
    }
}
