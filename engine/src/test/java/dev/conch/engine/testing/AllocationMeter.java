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
        long id = Thread.currentThread().getId();
        long a = THREADS.getThreadAllocatedBytes(id);
        long b = THREADS.getThreadAllocatedBytes(id);
        long overhead = b - a;
        long before = THREADS.getThreadAllocatedBytes(id);
        work.run();
        long after = THREADS.getThreadAllocatedBytes(id);
        return after - before - overhead;
    }
}
