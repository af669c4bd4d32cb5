package dev.conch.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The choice against the bound worked out by hand for shapes whose critical path is obvious. */
class ThreadChoiceTest {
    private static final long MS = 1_000_000;

    /** {@code n} independent ops of {@code cost} each, all feeding one last op of cost 0 (the mix). */
    private static int[][] fan(int n) {
        int[][] successors = new int[n + 1][];
        for (int k = 0; k < n; k++) successors[k] = new int[] {n};
        successors[n] = new int[0];
        return successors;
    }

    private static long[] costs(int n, long each) {
        long[] c = new long[n + 1];
        java.util.Arrays.fill(c, 0, n, each);
        return c;
    }

    @Test
    void eightEqualBranchesTakeEveryCoreUpToEight() {
        assertEquals(2, ThreadChoice.threads(costs(8, MS), fan(8), 1, 2, 1));
        assertEquals(4, ThreadChoice.threads(costs(8, MS), fan(8), 1, 4, 1));
        assertEquals(8, ThreadChoice.threads(costs(8, MS), fan(8), 1, 16, 1), "no more threads than branches");
    }

    @Test
    void aChainStaysOnOneThreadHoweverCostly() {
        int[][] chain = new int[6][];
        for (int k = 0; k < 5; k++) chain[k] = new int[] {k + 1};
        chain[5] = new int[0];
        long[] c = {MS, MS, MS, MS, MS, MS};
        assertEquals(1, ThreadChoice.threads(c, chain, 1, 8, 1));
    }

    @Test
    void oneBranchCarryingMostOfTheWorkLeavesLittleToShare() {
        // 10 ms on one branch, 1 ms on another: the bound with 2 threads is 10 of 11 ms, a 1.1x speed-up
        long[] c = {10 * MS, MS, 0};
        assertEquals(1, ThreadChoice.threads(c, fan(2), 1, 2, 1));
        // 6 and 5 ms: the bound is 6 of 11 ms, 1.83x
        assertEquals(2, ThreadChoice.threads(new long[] {6 * MS, 5 * MS, 0}, fan(2), 1, 2, 1));
    }

    @Test
    void smallWorkPerSegmentStaysOnOneThread() {
        // 8 branches of 20 us each per segment: 160 us a segment, below the hand-off threshold
        assertEquals(1, ThreadChoice.threads(costs(8, 20_000 * 1000L), fan(8), 1000, 2, 1));
        // the same per segment at 30 us: 240 us a segment, worth two threads
        assertEquals(2, ThreadChoice.threads(costs(8, 30_000 * 1000L), fan(8), 1000, 2, 1));
    }

    @Test
    void aBusyMachineKeepsOneThread() {
        assertEquals(1, ThreadChoice.threads(costs(8, MS), fan(8), 1, 2, 0.6), "60 % of a core while measuring");
        assertEquals(2, ThreadChoice.threads(costs(8, MS), fan(8), 1, 2, 0.9));
        // 8 x 30 us measured at 82 % of a core: 240 us of wall, 197 us of work a segment, below the threshold
        assertEquals(1, ThreadChoice.threads(costs(8, 30_000 * 1000L), fan(8), 1000, 2, 0.82));
    }

    /**
     * P3 at block 4096: a source of 2 us a segment, a grain stream of 68 us that splits its block, the output 1 us. A
     * chain, so no branch to share; split on 2 threads the bound is 2 + 34 + the hand-over 1.5 + 1 = 38.5 of 71 us,
     * 1.84x. At block 512 (9 us a segment) it is too little to split.
     */
    @Test
    void aChainCarriedByASplittingNodeTakesASecondThread() {
        int[][] chain = {{1}, {2}, {}};
        long segments = 1000;
        long us = 1000 * segments;
        boolean[] splits = {false, true, false};
        long[] p3 = {2 * us, 68 * us, us};
        assertEquals(2, ThreadChoice.threads(p3, chain, splits, segments, 2, 1));
        assertEquals(1, ThreadChoice.threads(p3, chain, new boolean[3], segments, 2, 1), "the same chain, no split");
        assertEquals(1, ThreadChoice.threads(p3, chain, splits, segments, 2, 0.6), "a busy machine");
        assertEquals(1, ThreadChoice.threads(new long[] {us / 4, 9 * us, 0}, chain, splits, segments, 2, 1), "block 512");
        // 100 us of serial work beside 68 us split: 168 of 100 + 34 + 1.5 us, 1.24x
        assertEquals(1, ThreadChoice.threads(new long[] {100 * us, 68 * us, 0}, chain, splits, segments, 2, 1));
        // four cores: 2 + 17 + 1.5 + 1 us with 4, better than with 3 or 2
        assertEquals(4, ThreadChoice.threads(p3, chain, splits, segments, 4, 1));
    }

    @Test
    void oneCoreOrNothingMeasuredIsOneThread() {
        assertEquals(1, ThreadChoice.threads(costs(8, MS), fan(8), 1, 1, 1));
        assertEquals(1, ThreadChoice.threads(costs(8, MS), fan(8), 0, 4, 1));
        assertEquals(1, ThreadChoice.threads(new long[0], new int[0][], 1, 4, 1));
    }
}
