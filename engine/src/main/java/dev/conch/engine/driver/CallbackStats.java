package dev.conch.engine.driver;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Callback durations as fractions of their deadline, recorded by the realtime thread without allocation or
 * locks (a fixed histogram of 1/1000-deadline buckets up to 4 deadlines, plus counters) and read by any thread.
 * Readers see each counter atomically; a snapshot taken while callbacks run may be off by the callback in flight.
 */
public final class CallbackStats {
    private static final int BUCKETS = 4000; // 0.1 % of the deadline each, up to 400 %
    private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS + 1);
    // count, misses, sum of per-mille, max per-mille, work misses, max work per-mille, work count, work sum
    private final AtomicLongArray counters = new AtomicLongArray(8);
    private static final int COUNT = 0, MISSES = 1, SUM = 2, MAX = 3, WORK_MISSES = 4, WORK_MAX = 5, WORK_COUNT = 6,
            WORK_SUM = 7;

    /**
     * Realtime thread: one callback took {@code nanos} against a deadline of {@code deadlineNanos}; running past
     * it is a miss (a driver with no buffer of its own, like JACK).
     */
    public void record(long nanos, long deadlineNanos) {
        recordLoad(nanos, deadlineNanos);
        if (nanos > deadlineNanos) counters.incrementAndGet(MISSES);
    }

    /**
     * Realtime thread: one callback took {@code nanos} of a period of {@code periodNanos}. Counts no miss: a
     * buffered device decides misses itself and calls {@link #recordMiss()}.
     */
    public void recordLoad(long nanos, long periodNanos) {
        long perMille = nanos * 1000 / Math.max(1, periodNanos);
        histogram.incrementAndGet((int) Math.min(BUCKETS, perMille));
        counters.incrementAndGet(COUNT);
        counters.addAndGet(SUM, perMille);
        if (perMille > counters.get(MAX)) counters.set(MAX, perMille);
    }

    /**
     * Realtime thread: the callback used {@code cpuNanos} of CPU time (not wall time: time the OS gave to other
     * threads is left out) against a period of {@code periodNanos}. More CPU than the period is a miss no host can
     * hide: the work itself does not fit.
     */
    public void recordWork(long cpuNanos, long periodNanos) {
        long perMille = cpuNanos * 1000 / Math.max(1, periodNanos);
        if (perMille > counters.get(WORK_MAX)) counters.set(WORK_MAX, perMille);
        if (cpuNanos > periodNanos) counters.incrementAndGet(WORK_MISSES);
        counters.incrementAndGet(WORK_COUNT);
        counters.addAndGet(WORK_SUM, perMille);
    }

    /** True once a callback's CPU time was recorded: the driver measures it (see {@link #recordWork}). */
    public boolean workMeasured() {
        return counters.get(WORK_COUNT) > 0;
    }

    /** The mean CPU time of one callback as a fraction of its period. */
    public double meanWork() {
        long n = counters.get(WORK_COUNT);
        return n == 0 ? 0 : counters.get(WORK_SUM) / 1000.0 / n;
    }

    /** Callbacks whose CPU time exceeded their period (see {@link #recordWork}). */
    public long workMisses() {
        return counters.get(WORK_MISSES);
    }

    /** The largest CPU time of one callback as a fraction of its period. */
    public double maxWork() {
        return counters.get(WORK_MAX) / 1000.0;
    }

    /** Realtime thread: a deadline was missed for a reason outside the callback (the device starved). */
    public void recordMiss() {
        counters.incrementAndGet(MISSES);
    }

    public long callbacks() {
        return counters.get(COUNT);
    }

    /** Callbacks that ran past their deadline (xruns). */
    public long misses() {
        return counters.get(MISSES);
    }

    /** Mean callback duration as a fraction of the deadline. */
    public double meanLoad() {
        long n = counters.get(COUNT);
        return n == 0 ? 0 : counters.get(SUM) / 1000.0 / n;
    }

    /** Worst callback as a fraction of the deadline. */
    public double maxLoad() {
        return counters.get(MAX) / 1000.0;
    }

    /** The {@code q}-quantile (0..1) of callback duration as a fraction of the deadline (0.1 % resolution). */
    public double quantile(double q) {
        long n = callbacks();
        if (n == 0) return 0;
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int b = 0; b <= BUCKETS; b++) {
            seen += histogram.get(b);
            if (seen >= rank) return b / 1000.0;
        }
        return BUCKETS / 1000.0;
    }
}
