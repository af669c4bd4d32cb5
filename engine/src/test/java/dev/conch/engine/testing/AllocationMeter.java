package dev.conch.engine.testing;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running a piece of code, from the JVM's own per-thread counter. */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Runs {@code work} and returns the bytes this thread allocated meanwhile, less the meter's own cost. */
    public static long bytesAllocatedBy(Runnable work) {
        if (!THREADS.isThreadAllocatedMemorySupported()) throw new IllegalStateException("JVM cannot count allocations");
        THREADS.setThreadAllocatedMemoryEnabled(true);
        // getCurrentThreadAllocatedBytes reads the counter directly; getThreadAllocatedBytes(id) allocates id arrays,
        // which escape analysis removes only sometimes, so its cost cannot be subtracted reliably
        long a = THREADS.getCurrentThreadAllocatedBytes();
        long b = THREADS.getCurrentThreadAllocatedBytes();
        long overhead = b - a;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();
        long after = THREADS.getCurrentThreadAllocatedBytes();
        return after - before - overhead;
    }

    /**
     * Runs {@code callback} until {@code quiet} calls in a row allocate nothing (or {@code max} calls have run).
     * The JVM itself allocates a few bytes on a thread when the JIT swaps interpreted code for compiled code
     * (seen with a loop of nothing but Math.sin); that happens during the first few thousand callbacks and is not
     * the code under test. Code that allocates per callback never becomes quiet, and the measured run that follows
     * still fails.
     */
    public static void warmUp(Runnable callback, int quiet, int max) {
        int calm = 0;
        for (int i = 0; i < max && calm < quiet; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            callback.run();
            calm = THREADS.getCurrentThreadAllocatedBytes() == before ? calm + 1 : 0;
        }
    }

    /**
     * The fewest bytes any of {@code runs} runs of {@code work} allocated. With C2 (not with -Xint, not with C1
     * alone: checked), HotSpot now and then allocates a few dozen bytes on a thread when it recompiles or
     * deoptimizes code that thread runs, at moments that depend on what other threads do. Code that allocates per
     * callback allocates in every run; a JIT event lands in one run at most, so the minimum is the code's own.
     */
    public static long fewestBytesOver(int runs, Runnable work) {
        long min = Long.MAX_VALUE;
        for (int r = 0; r < runs && min != 0; r++) min = Math.min(min, bytesAllocatedBy(work));
        return min;
    }
}
