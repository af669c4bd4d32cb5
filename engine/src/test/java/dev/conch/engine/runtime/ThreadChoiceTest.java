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
     * P3 at block 512: a source of 1 us a segment, a grain stream of 9 us that splits its block, the output 0.2 us. A
     * chain, so no branch to share; split on 2 threads the bound is 1 + 4.5 + the hand-over 1.5 + 0.2 = 7.2 of 10.2
     * us, 1.42x.
     */
    @Test
    void aChainCarriedByASplittingNodeTakesASecondThread() {
        int[][] chain = {{1}, {2}, {}};
        long segments = 1000;
        boolean[] splits = {false, true, false};
        long[] p3 = {1_000 * segments, 9_000 * segments, 200 * segments};
        assertEquals(2, ThreadChoice.threads(p3, chain, splits, segments, 2, 1));
        assertEquals(1, ThreadChoice.threads(p3, chain, new boolean[3], segments, 2, 1), "the same chain, no split");
        assertEquals(1, ThreadChoice.threads(p3, chain, splits, segments, 2, 0.6), "a busy machine");
        // 4 us a segment is below what is worth splitting
        assertEquals(1, ThreadChoice.threads(new long[] {1_000 * segments, 4_000 * segments, 0}, chain, splits, segments, 2, 1));
        // 10 us of serial work beside 6 us split: 16 of 10 + 3 + 1.5 us, 1.10x
        assertEquals(1, ThreadChoice.threads(new long[] {10_000 * segments, 6_000 * segments, 0}, chain, splits, segments, 2, 1));
        // four cores: 1 + 2.25 + 1.5 + 0.2 = 4.95 of 10.2 us with 4, better than with 3 (5.7) or 2
        assertEquals(4, ThreadChoice.threads(p3, chain, splits, segments, 4, 1));
    }

    @Test
    void oneCoreOrNothingMeasuredIsOneThread() {
        assertEquals(1, ThreadChoice.threads(costs(8, MS), fan(8), 1, 1, 1));
        assertEquals(1, ThreadChoice.threads(costs(8, MS), fan(8), 0, 4, 1));
        assertEquals(1, ThreadChoice.threads(new long[0], new int[0][], 1, 4, 1));
    }
}
