package dev.conch.processors.granular;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where grains read, from the definitions in {@link FileGrainSource} and {@link LiveGrainSource}: a file grain at
 * position·length + playhead + jitter·length, wrapped round the file; a live grain position·buffer behind the
 * newest input sample plus the playhead's lag, held inside the buffer; the reads checked against the samples
 * written (a ramp, so a sample's value says which one it is) and the Catmull-Rom cubic of the neighbours.
 */
class GrainSourceTest {
    private static final double SR = 48000;

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    // ---- file ----

    @Test
    void aFileGrainStartsAtPositionPlusPlayheadPlusJitterWrappedRoundTheFile() {
        FileGrainSource file = new FileGrainSource(ramp(1000));
        // 0.25·1000 + 0 + 0.1·1000·0.5
        assertEquals(300, file.start(0, 0, 80, 1, 0.25, 0.1, 0.5), 1e-9);
        assertEquals(300, readAt(file, 300), 0, "the sample at 300 is 300");
        file.advance(400, 1.5);                     // the playhead at 600
        assertEquals(900, file.start(0, 0, 80, 1, 0.25, 0.1, 0.5), 1e-9);
        file.advance(100, 1.5);                     // 750: 1050 wraps to 50
        assertEquals(50, file.start(0, 0, 80, 1, 0.25, 0.1, 0.5), 1e-9);
        // half a sample late at twice the speed: it has read one sample already
        assertEquals(51, file.start(0, 0.5, 80, 2, 0.25, 0.1, 0.5), 1e-9);
        file.reset();
        file.advance(1000, -0.25);                  // backwards: -250 wraps to 750
        assertEquals(950, file.start(0, 0, 80, 1, 0.2, 0, 0), 1e-9, "750 + 200");
        assertEquals(0, file.start(0, 0, 80, 1, 0.25, 0, 0), 1e-9, "750 + 250: exactly the end wraps to 0");
        assertEquals(2, file.fitLength(1.2, 1), "at least two samples");
        assertEquals(37.5, file.fitLength(37.5, 16), "a file never shortens a grain");
    }

    /**
     * The read at every position held, against the Catmull-Rom spline written in its Hermite form: within 10^-12 (a
     * few roundings of the Horner form; the values are up to 1). Positions are fixed point, so the spline is taken at
     * the fraction the position holds, which is within 2^-31 of the double asked for.
     */
    @Test
    void aFileIsReadCyclicallyByTheCatmullRomCubic() {
        float[] x = new float[50];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(0.37 * i * i);
        FileGrainSource file = new FileGrainSource(x);
        double worst = 0;
        for (double q = 0; q < x.length; q += 0.37) {
            long p = GrainSource.fixed(q);
            int i = (int) (p >>> 32);
            double t = GrainSource.fraction(p);
            assertEquals(q - Math.floor(q), t, 0x1p-31, "the fraction held at " + q);
            double a = x[Math.floorMod(i - 1, 50)], b = x[i], c = x[(i + 1) % 50], d = x[(i + 2) % 50];
            // the Catmull-Rom spline through b and c: Hermite with slopes (c - a)/2 and (d - b)/2
            double m0 = (c - a) / 2, m1 = (d - b) / 2, t2 = t * t, t3 = t2 * t;
            double expected = (2 * t3 - 3 * t2 + 1) * b + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * c + (t3 - t2) * m1;
            assertEquals(expected, GrainSource.read(file.data, p), 1e-12, "at " + q);
            worst = Math.max(worst, Math.abs(expected - GrainSource.read(file.data, p)));
        }
        System.out.printf("Catmull-Rom read: worst %.2g off the Hermite form%n", worst);
    }

    /** Moving a grain on by k samples at once lands exactly where k steps wrapped one at a time do, round the end. */
    @Test
    void aReadPositionMovedOnAtOnceIsExactlyWhereItsStepsLand() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int length : new int[]{64, 1000, 48000 * 60}) {
            GrainSource file = new FileGrainSource(new float[length]);
            int wrapped = 0;
            for (int trial = 0; trial < 2000; trial++) {
                // anywhere, or close enough to the end for the steps to cross it
                long p = file.fixedLength - 1 - GrainSource.fixed(random.nextDouble(random.nextBoolean() ? length : Math.min(length, 20000)));
                long step = GrainSource.fixedStep(Math.pow(2, random.nextDouble(-4, 4)));
                int samples = random.nextInt(1, 4097);
                long stepped = p;
                for (int n = 0; n < samples; n++) {
                    stepped += step;
                    if (stepped >= file.fixedLength) {
                        stepped -= file.fixedLength;
                        wrapped++;
                    }
                }
                assertEquals(stepped, file.advanced(p, step, samples), length + " samples long, " + samples + " steps");
            }
            assertTrue(wrapped > 100, "only " + wrapped + " wraps in a file of " + length + ": the end was hardly tested");
        }
    }

    /** Reads {@code source} at {@code p} samples, held in fixed point. */
    private static double readAt(GrainSource source, double p) {
        return GrainSource.read(source.data, GrainSource.fixed(p));
    }

    // ---- live ----

    /** A live source for 0.01 s (480 samples) fed {@code blocks} blocks of 64 of the ramp 1, 2, 3 …. */
    private static LiveGrainSource fed(int blocks) {
        LiveGrainSource live = LiveGrainSource.of(0.01, SR, 64);
        live.reset();
        float[] block = new float[64];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < 64; i++) block[i] = b * 64 + i + 1;
            live.beginBlock(block, 64);
        }
        return live;
    }

    @Test
    void aLiveGrainReadsPositionTimesTheBufferBehindTheNewestSamplePlusThePlayheadsLag() {
        LiveGrainSource live = fed(20);             // 1280 samples through a ring of 1024: it has wrapped
        assertEquals(1024, live.length);
        int onset = 19 * 64 + 10;                   // block sample 10 of the last block; its value is onset + 1
        double start = live.start(10, 0, 100, 1, 0.5, 0, 0);
        assertEquals(onset + 1 - 240, readAt(live, start), 0, "240 samples back");
        live.advance(100, 0.5);                     // the lag grows by 1 - 0.5 a sample: 50
        start = live.start(10, 0, 100, 1, 0.5, 0, 0);
        assertEquals(onset + 1 - 290, readAt(live, start), 0, "290 samples back");
        // a quarter sample late: it started reading 290 behind the onset's exact time and has read a quarter since
        start = live.start(10, 0.25, 100, 1, 0.5, 0, 0);
        assertEquals(onset + 1 - 290, readAt(live, start), 1e-4);
    }

    @Test
    void aLiveGrainIsHeldInsideTheWrittenSamplesAndShortenedToFit() {
        LiveGrainSource live = fed(20);
        int onset = 19 * 64 + 10;
        int margin = LiveGrainSource.NEWEST_MARGIN;
        // jittered past now: held at the newest sample the interpolator can read (it reads two ahead)
        assertEquals(onset + 1 - margin, readAt(live, live.start(10, 0, 100, 1, 0, 1, -1)), 0);
        // an octave up it reads 100 samples ahead in 100: held that much further back
        assertEquals(onset + 1 - margin - 100, readAt(live, live.start(10, 0, 100, 2, 0, 1, -1)), 0);
        // jittered past the oldest sample: held at the buffer's far end, 480 back
        assertEquals(onset + 1 - 480, readAt(live, live.start(10, 0, 100, 1, 0.9, 1, 0.99)), 0);
        // an octave down it reads 50 samples behind its start in 100: held that much closer
        assertEquals(onset + 1 - 430, readAt(live, live.start(10, 0, 100, 0.5, 0.9, 1, 0.99)), 0);
        // grains stretching further than the buffer allows are shortened: 480 - 3 - 1 samples of room
        assertEquals(476, live.fitLength(1000, 2), 1e-9);
        assertEquals(952, live.fitLength(5000, 0.5), 1e-9);
        assertEquals(5000, live.fitLength(5000, 1), "at the original pitch it stays where it is");
        assertEquals(2, live.fitLength(0.5, 1));
    }

    @Test
    void resetSilencesTheRing() {
        LiveGrainSource live = fed(3);
        live.reset();
        for (int p = 0; p < live.length; p += 17) assertEquals(0, readAt(live, p), 0);
        assertEquals(0, live.playhead);
    }

    @Test
    void aFileFadesOnReleaseAndLiveInputRingsOnForItsBuffer() {
        assertEquals(true, new FileGrainSource(ramp(64)).fadesOnRelease());
        assertEquals(0, new FileGrainSource(ramp(64)).tailSeconds(2));
        LiveGrainSource live = LiveGrainSource.of(1.5, SR, 64);
        assertEquals(false, live.fadesOnRelease());
        assertEquals(1.5 + 2 * 2, live.tailSeconds(2), 1e-12);
    }
}
