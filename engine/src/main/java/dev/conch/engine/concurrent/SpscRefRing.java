package dev.conch.engine.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer/single-consumer ring of references, preallocated: handing an object to another thread
 * (a retired network to the thread that closes it) without allocating or locking.
 *
 * <p>Ordering as in JCTools' SpscArrayQueue: the producer stores the element, then publishes it with a release
 * store of {@code tail}; the consumer's acquire load of {@code tail} makes the element visible, and it clears the
 * slot before a release store of {@code head} gives it back.
 */
public final class SpscRefRing<T> {
    private static final VarHandle HEAD, TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(SpscRefRing.class, "head", long.class);
            TAIL = l.findVarHandle(SpscRefRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    @SuppressWarnings("unused") // through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // through TAIL
    private volatile long tail;

    /** @param capacity rounded up to a power of two */
    public SpscRefRing(int capacity) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        slots = new Object[size];
        mask = size - 1;
    }

    /** Producer: false, without blocking, when full. */
    public boolean offer(T item) {
        long t = (long) TAIL.getOpaque(this);
        if (t - (long) HEAD.getAcquire(this) > mask) return false;
        slots[(int) t & mask] = item;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Consumer: the oldest element, or null when empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        long h = (long) HEAD.getOpaque(this);
        if (h == (long) TAIL.getAcquire(this)) return null;
        int i = (int) h & mask;
        T item = (T) slots[i];
        slots[i] = null;
        HEAD.setRelease(this, h + 1);
        return item;
    }
}
