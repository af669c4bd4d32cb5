package dev.conch.engine.runtime;

/**
 * How many threads a network's measured work pays for, from its ops' costs and their dependencies: with {@code p}
 * threads a segment takes at least its critical path (the costliest chain of dependent ops) and at least its total
 * work over {@code p}; more threads pay only while that bound falls well below the serial time. A segment whose whole
 * work is small stays on one thread, since handing ops between cores costs microseconds per segment (the examples,
 * a few small nodes each, rendered up to 3× slower on 2 threads than on 1).
 *
 * <p>An op whose processor splits its block ({@link Processor#splitsWork}) counts, with {@code p} threads, as its
 * cost over p plus a hand-over per segment, on the critical path as in the total: a single chain whose work is
 * nearly all one such op (P3, a grain cloud alone) gains from a second thread although it has no branches.
 */
final class ThreadChoice {
    /** Work per segment below which a second thread is not tried: the hand-offs would cost as much as they save. */
    static final long LEAST_WORK_PER_SEGMENT_NANOS = 200_000;
    /** The least speed-up the bound must promise for more threads to be worth their hand-offs. */
    static final double LEAST_SPEEDUP = 1.3;
    /**
     * The least share of a core the measuring thread must have had: below it the machine is busy with other work,
     * and another thread would wait for a core too.
     */
    static final double LEAST_CORE_SHARE = 0.8;
    /**
     * Work per segment of one splitting op below which it is not split. Each part costs a hand-over (a publication,
     * a worker's compare-and-set, the wait for the last part), and on the 2-core VM these were measured on, the
     * parts of a small block also ran slower side by side than one after the other: P3's grain stream split on 2
     * threads, both at realtime priority, took 10 to 77 % longer than on 1 at block 512 (9 µs a segment), and 16 to
     * 32 % less at block 4096 (68 µs) in 5 pairs of 6 (benchmarks/README, "P3's grains on two threads"). So an
     * automatic count splits from 50 µs a segment: render's default block keeps P3 on one thread, {@code --block
     * 4096} splits it.
     */
    static final long LEAST_SPLIT_NANOS_PER_SEGMENT = 50_000;
    /** What splitting an op is counted to cost per segment, beyond its work over the threads. */
    static final long SPLIT_HANDOFF_NANOS = 1_500;

    private ThreadChoice() {
    }

    /**
     * @param costs      nanoseconds each op took over {@code segments} segments, in the schedule's order
     * @param successors per op, the ops that wait for it (each after it in that order)
     * @param coreShare  the measuring thread's CPU time over its wall time while the costs were taken: the costs
     *                   are wall times, stretched where other programs held the core
     * @return 1 to {@code cores}
     */
    static int threads(long[] costs, int[][] successors, long segments, int cores, double coreShare) {
        return threads(costs, successors, new boolean[costs.length], segments, cores, coreShare);
    }

    /** As above, where {@code splits[k]} says op k's processor splits its block across the threads it is given. */
    static int threads(long[] costs, int[][] successors, boolean[] splits, long segments, int cores, double coreShare) {
        if (cores < 2 || segments < 1 || costs.length == 0 || coreShare < LEAST_CORE_SHARE) return 1;
        long total = 0;
        for (long c : costs) total += c;
        double share = Math.min(1, coreShare);
        boolean branches = total * share / segments >= LEAST_WORK_PER_SEGMENT_NANOS;
        boolean[] divisible = new boolean[costs.length];
        boolean anyDivisible = false;
        for (int k = 0; k < costs.length; k++) {
            divisible[k] = splits[k] && costs[k] * share / segments >= LEAST_SPLIT_NANOS_PER_SEGMENT;
            anyDivisible |= divisible[k];
        }
        if (total == 0 || !(branches || anyDivisible)) return 1;
        int best = 1;
        double bestBound = total;
        for (int p = 2; p <= cores; p++) {
            double[] cost = new double[costs.length];
            double work = 0;
            for (int k = 0; k < costs.length; k++) {
                cost[k] = divisible[k] ? (double) costs[k] / p + SPLIT_HANDOFF_NANOS * segments : costs[k];
                work += cost[k];
            }
            // without branches worth sharing only the splitting ops use the other threads: the rest is serial
            double bound = branches ? Math.max(criticalPath(cost, successors), work / p) : work;
            if (total / bound >= LEAST_SPEEDUP && bound < bestBound) {
                best = p;
                bestBound = bound;
            }
        }
        return best;
    }

    /** The costliest chain of dependent ops. */
    private static double criticalPath(double[] costs, int[][] successors) {
        double critical = 0;
        double[] start = new double[costs.length];
        for (int k = 0; k < costs.length; k++) {
            double finish = start[k] + costs[k];
            critical = Math.max(critical, finish);
            for (int s : successors[k]) start[s] = Math.max(start[s], finish);
        }
        return critical;
    }
}
