package dev.conch.engine.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Parameter changes on their way into the audio thread: a bounded ring of (time, target, value) records in
 * preallocated primitive arrays, so neither side allocates.
 *
 * <p>One consumer: the audio thread ({@link #peekTime}, {@link #target}, {@link #value}, {@link #pop}), which
 * never blocks or locks. Producers (a CLI reader, the editor, MIDI) serialise among themselves on this object's
 * monitor inside {@link #offer} — the lock is on the producer side only, so the ring stays single-producer as far
 * as the consumer is concerned.
 *
 * <p>Memory ordering, as in JCTools' SpscArrayQueue: the producer writes a slot's fields with plain stores, then
 * publishes it with a release store of {@code tail}; the consumer reads {@code tail} with an acquire load before
 * reading the slot, so it sees the fields written before the publish. Symmetrically the consumer frees a slot with a
 * release store of {@code head} after reading it, and the producer's acquire load of {@code head} guarantees the
 * slot is no longer being read when it overwrites it.
 */
public final class ControlQueue {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(ControlQueue.class, "head", long.class);
            TAIL = l.findVarHandle(ControlQueue.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Time value meaning "at the start of the next callback". */
    public static final long NOW = Long.MIN_VALUE;

    private final int mask;
    private final long[] times;
    private final int[] targets;
    private final double[] values;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile long tail;

    /** @param capacity rounded up to a power of two */
    public ControlQueue(int capacity) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        times = new long[size];
        targets = new int[size];
        values = new double[size];
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Queues a change. {@code time} is the engine's absolute sample frame at which it applies ({@link #NOW} for
     * the next callback). Returns false, without blocking, when the ring is full.
     */
    public synchronized boolean offer(long time, int target, double value) {
        long t = (long) TAIL.getOpaque(this);
        if (t - (long) HEAD.getAcquire(this) > mask) return false;
        int i = (int) t & mask;
        times[i] = time;
        targets[i] = target;
        values[i] = value;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Consumer: is there a change waiting? */
    public boolean isEmpty() {
        return (long) HEAD.getOpaque(this) == (long) TAIL.getAcquire(this);
    }

    /** Consumer: time of the oldest change; call only when {@link #isEmpty()} is false. */
    public long peekTime() {
        return times[(int) (long) HEAD.getOpaque(this) & mask];
    }

    public int peekTarget() {
        return targets[(int) (long) HEAD.getOpaque(this) & mask];
    }

    public double peekValue() {
        return values[(int) (long) HEAD.getOpaque(this) & mask];
    }

    /** Consumer: drops the oldest change after reading it. */
    public void pop() {
        HEAD.setRelease(this, (long) HEAD.getOpaque(this) + 1);
    }
}
