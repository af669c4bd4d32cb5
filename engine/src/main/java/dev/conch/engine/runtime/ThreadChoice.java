package dev.conch.engine.runtime;

/**
 * How many threads a network's measured work pays for, from its ops' costs and their dependencies: with {@code p}
 * threads a segment takes at least its critical path (the costliest chain of dependent ops) and at least its total
 * work over {@code p}; more threads pay only while that bound falls well below the serial time. A segment whose whole
 * work is small stays on one thread, since handing ops between cores costs microseconds per segment (the examples,
 * a few small nodes each, rendered up to 3× slower on 2 threads than on 1).
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
        if (cores < 2 || segments < 1 || costs.length == 0 || coreShare < LEAST_CORE_SHARE) return 1;
        long total = 0;
        long critical = 0;
        long[] finish = new long[costs.length]; // the costliest chain ending with each op
        long[] start = new long[costs.length];
        for (int k = 0; k < costs.length; k++) {
            finish[k] = start[k] + costs[k];
            total += costs[k];
            critical = Math.max(critical, finish[k]);
            for (int s : successors[k]) start[s] = Math.max(start[s], finish[k]);
        }
        if (total * Math.min(1, coreShare) / segments < LEAST_WORK_PER_SEGMENT_NANOS || critical == 0) return 1;
        int best = 1;
        for (int p = 2; p <= cores; p++) {
            double bound = Math.max(critical, (double) total / p);
            if (total / bound >= LEAST_SPEEDUP && bound < Math.max(critical, (double) total / best)) best = p;
        }
        return best;
    }
}
