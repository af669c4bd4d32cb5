package dev.conch.processors.granular;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The voice pool worked out by hand: which slot a grain gets (the first free one, else the oldest or none), what
 * it counts, and that a grain sounds from its onset for ceil(length - late) samples at its pan gains, the same
 * whether its block is rendered in one piece or several.
 */
class VoicePoolTest {
    private static final int RECTANGLE = GrainEnvelope.TRAPEZOID;   // with no fade: 1 over the whole grain

    /** A grain of {@code length} samples from slot {@code v} at {@code now}, not late, reading a constant. */
    private static void start(VoicePool pool, int v, long now, double length) {
        pool.start(v, now, 0, length, 0, 1, RECTANGLE, 0, 1, 0);
    }

    @Test
    void aNewGrainTakesTheFirstFreeSlotElseTheOldestOrNone() {
        VoicePool pool = new VoicePool(3, 64, false);
        pool.clear();
        assertEquals(0, pool.claim(0, false));
        start(pool, 0, 0, 1000);
        assertEquals(1, pool.claim(10, false));
        start(pool, 1, 10, 1000);
        assertEquals(2, pool.claim(20, false));
        start(pool, 2, 20, 15);                       // sounds for samples 20..34

        assertEquals(-1, pool.claim(30, false), "every slot busy: dropped");
        assertEquals(0, pool.claim(30, true), "stealing takes the grain started first");
        start(pool, 0, 30, 1000);
        assertEquals(2, pool.claim(35, true), "slot 2's grain ended at 35: free, nothing stolen");
        start(pool, 2, 35, 1000);
        assertEquals(1, pool.claim(40, true), "now slot 1's grain is the oldest");
        start(pool, 1, 40, 1000);
        assertEquals(0, pool.claim(41, true), "then slot 0's, started at 30");

        assertEquals(6, pool.started());
        assertEquals(1, pool.dropped());
        assertEquals(3, pool.stolen());
        assertEquals(3, pool.activeAt(41));
        pool.clear();
        assertEquals(0, pool.activeAt(41));
        assertEquals(0, pool.started() + pool.dropped() + pool.stolen());
        assertEquals(0, pool.claim(41, false));
    }

    @Test
    void aGrainSoundsForCeilOfLengthMinusLateSamplesAtItsPanGains() {
        float[] half = new float[100];
        Arrays.fill(half, 0.5f);
        GrainSource source = new FileGrainSource(half);
        double gl = Math.cos(0.3), gr = Math.sin(0.3);
        double[][] whole = grain(source, gl, gr, new int[]{32});
        for (int n = 0; n < 32; n++) {
            // onset at sample 5, 0.25 late, 10.5 samples long: 10.25 left to play, so it sounds at 5..15
            boolean sounding = n >= 5 && n <= 15;
            assertEquals(sounding ? 0.5 * gl : 0, whole[0][n], 1e-15, "left " + n);
            assertEquals(sounding ? 0.5 * gr : 0, whole[1][n], 1e-15, "right " + n);
        }
        double[][] pieces = grain(source, gl, gr, new int[]{7, 8, 11, 12, 16, 32});
        assertArrayEquals(whole[0], pieces[0]);
        assertArrayEquals(whole[1], pieces[1]);
    }

    /**
     * A Hann grain of a constant 1 (which the cubic reads exactly) is its envelope: against 0.5 - 0.5·cos(2π(late +
     * n)/length) within 10^-12 from 2.5 samples to 3 072 000 (a 2 s grain lengthened by duration jitter, at 768 kHz),
     * whole grains and grains started late, rendered in blocks and in random pieces. (The table it replaced was
     * 1.5·10^-7 off.)
     */
    @Test
    void aHannGrainIsTheHannWindowWithin1e12AtAnyLength() {
        float[] one = new float[64];
        Arrays.fill(one, 1f);
        GrainSource source = new FileGrainSource(one);
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        double worst = 0;
        for (double length : new double[]{2.5, 7.3, 3840, 48000.7, 3_072_000}) {
            for (double late : new double[]{0, 0.37, 0.999}) {
                VoicePool pool = new VoicePool(1, 4096, false);
                pool.clear();
                pool.start(0, 0, late, length, 0, 1.7, GrainEnvelope.HANN, 0, 1, 0);
                long samples = (long) Math.ceil(length - late);
                double[] out = new double[4096];
                for (long block = 0; block < samples; block += 4096) {
                    Arrays.fill(out, 0);
                    for (int from = 0; from < 4096; ) {
                        int to = late == 0.37 ? Math.min(4096, from + 1 + random.nextInt(700)) : 4096;
                        pool.render(block, from, to, source, out, null);
                        from = to;
                    }
                    for (int n = 0; n < 4096; n++) {
                        long at = block + n;
                        double hann = at < samples ? 0.5 - 0.5 * Math.cos(2 * Math.PI * (late + at) / length) : 0;
                        worst = Math.max(worst, Math.abs(out[n] - hann));
                        if (Math.abs(out[n] - hann) > 1e-12) {
                            assertEquals(hann, out[n], 1e-12, "length " + length + ", late " + late + ", sample " + at);
                        }
                    }
                }
            }
        }
        System.out.printf("Hann grain: worst %.2g off the window%n", worst);
    }

    /** One grain started at sample 5 of a 32-sample block, the block rendered up to each of {@code ends}. */
    private static double[][] grain(GrainSource source, double gl, double gr, int[] ends) {
        VoicePool pool = new VoicePool(2, 32, true);
        pool.clear();
        double[] left = new double[32], right = new double[32];
        pool.render(0, 0, 5, source, left, right);
        pool.start(pool.claim(5, false), 5, 0.25, 10.5, 10, 1, RECTANGLE, 0, gl, gr);
        int from = 5;
        for (int end : ends) {
            pool.render(0, from, end, source, left, right);
            from = end;
        }
        assertEquals(0, pool.activeAt(16));
        assertEquals(1, pool.activeAt(15));
        return new double[][]{left, right};
    }
}
