package dev.conch.engine.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free ring of multichannel float frames for exactly one producer thread and one consumer thread (the
 * audio thread feeding a file writer, a meter feeding a display). Storage is allocated once
 * ({@code channels × capacity} floats); {@link #offer} and {@link #poll} never allocate, lock or block.
 *
 * <p>Memory ordering, as in JCTools' SPSC queues. Two monotonically growing sequence counters, in frames:
 * {@code tail} (frames ever written; only the producer stores it) and {@code head} (frames ever read; only the
 * consumer stores it).
 * <ul>
 *   <li>The producer writes the samples with plain stores, then publishes them with a <em>release</em> store of
 *       {@code tail} (StoreStore + LoadStore before it). The consumer loads {@code tail} with <em>acquire</em>
 *       (LoadLoad + LoadStore after it), so every sample store before the publish is visible to the consumer's
 *       reads after it.</li>
 *   <li>Symmetrically the consumer copies the samples out, then frees the slots with a release store of
 *       {@code head}; the producer loads {@code head} with acquire before overwriting, so it never overwrites a
 *       slot the consumer is still reading.</li>
 *   <li>Each side keeps a plain cache of the other side's counter and reloads it (acquire) only when the cache
 *       says the ring is full/empty, to keep cache-line traffic down.</li>
 * </ul>
 * The counters are 64-bit and never wrap in practice (2^63 frames is three million years at 96 kHz).
 * Hot fields are padded apart so the two threads do not false-share a cache line.
 */
public final class SpscAudioRing {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(SpscAudioRing.class, "head", long.class);
            TAIL = l.findVarHandle(SpscAudioRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final float[][] data;
    private final int channels;
    private final int capacity;

    // padding: keep the producer's and the consumer's fields on different cache lines
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    /** Frames ever written and published. Stored by the producer only (release), read by the consumer (acquire). */
    private long tail;
    /** Producer-private cache of {@link #head}. */
    private long headCache;
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17;
    /** Frames ever consumed. Stored by the consumer only (release), read by the producer (acquire). */
    private long head;
    /** Consumer-private cache of {@link #tail}. */
    private long tailCache;
    @SuppressWarnings("unused")
    private long p20, p21, p22, p23, p24, p25, p26, p27;

    public SpscAudioRing(int channels, int capacityFrames) {
        if (channels < 1) throw new IllegalArgumentException("a ring needs at least one channel, not " + channels);
        if (capacityFrames < 1) throw new IllegalArgumentException("a ring needs room for at least one frame");
        this.channels = channels;
        this.capacity = capacityFrames;
        this.data = new float[channels][capacityFrames];
    }

    public int channels() {
        return channels;
    }

    public int capacity() {
        return capacity;
    }

    // ---- producer side ----

    /**
     * Appends {@code frames} frames ({@code src[c][offset .. offset+frames)}) if they all fit, else nothing.
     * Producer thread only. Never blocks, never allocates.
     *
     * @return false when there was not room for all of them (nothing was written)
     */
    public boolean offer(float[][] src, int offset, int frames) {
        long t = tail; // own counter: a plain read suffices, the producer is its only writer
        if (t + frames - headCache > capacity) {
            headCache = (long) HEAD.getAcquire(this);
            if (t + frames - headCache > capacity) return false;
        }
        int start = (int) (t % capacity);
        int first = Math.min(frames, capacity - start);
        for (int c = 0; c < channels; c++) {
            float[] from = src[c];
            float[] to = data[c];
            System.arraycopy(from, offset, to, start, first);
            if (first < frames) System.arraycopy(from, offset + first, to, 0, frames - first);
        }
        TAIL.setRelease(this, t + frames); // publish: the copies above happen-before a consumer's acquire of tail
        return true;
    }

    /** Room for at least this many frames right now (the consumer may free more at any time). Producer thread. */
    public int freeFrames() {
        return (int) (capacity - (tail - (long) HEAD.getAcquire(this)));
    }

    // ---- consumer side ----

    /**
     * Moves up to {@code maxFrames} frames into {@code dst[c][0 ..)}. Consumer thread only. Never blocks.
     *
     * @return the number of frames moved (0 when empty)
     */
    public int poll(float[][] dst, int maxFrames) {
        long h = head; // own counter: plain read, the consumer is its only writer
        if (tailCache - h < maxFrames) {
            tailCache = (long) TAIL.getAcquire(this);
        }
        int n = (int) Math.min(maxFrames, tailCache - h);
        if (n <= 0) return 0;
        int start = (int) (h % capacity);
        int first = Math.min(n, capacity - start);
        for (int c = 0; c < channels; c++) {
            float[] from = data[c];
            float[] to = dst[c];
            System.arraycopy(from, start, to, 0, first);
            if (first < n) System.arraycopy(from, 0, to, first, n - first);
        }
        HEAD.setRelease(this, h + n); // free the slots only after the copies above are done
        return n;
    }

    /** Frames ready to poll right now (the producer may add more at any time). Consumer thread. */
    public int availableFrames() {
        return (int) ((long) TAIL.getAcquire(this) - head);
    }
}
