package dev.conch.processors.granular;

import dev.conch.processors.random.SplitMix64;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The onset clock against its definition: onset k at t_k = the sum of the intervals before it, each
 * max(sampleRate / density · (1 + jitter·u), 0.5) with u drawn from the JDK's SplittableRandom (the same SplitMix64
 * from the same seed), due at sample ceil(t_k), late by ceil(t_k) - t_k; and skipping from onset to onset makes the
 * very onsets ticking sample by sample makes.
 */
class OnsetClockTest {
    private static final double SR = 48000;
    private static final int FRAMES = 5 * 48000;
    /** {density, jitter, seed}: regular, with jitter, dense enough for two onsets in one sample, an odd interval. */
    private static final double[][] CASES = {{40, 0, 1}, {137.5, 0.5, 7}, {30000, 1, 3}, {7.3, 0.9, 42}};

    /** An onset: the sample it is due at and how late that is. */
    private record Onset(int frame, double late) {
    }

    private static List<Onset> ticking(double density, double jitter, long seed) {
        OnsetClock clock = new OnsetClock(new SplitMix64(seed));
        clock.prepare(SR);
        clock.reset();
        List<Onset> onsets = new ArrayList<>();
        for (int n = 0; n < FRAMES; n++) {
            while (clock.due()) {
                onsets.add(new Onset(n, clock.late()));
                clock.next(density, jitter);
            }
            clock.tick();
        }
        return onsets;
    }

    @Test
    void onsetsAreDueAtTheCeilingOfTheRunningSumOfDrawnIntervals() {
        for (double[] c : CASES) {
            double density = c[0], jitter = c[1];
            List<Onset> onsets = ticking(density, jitter, (long) c[2]);
            SplittableRandom reference = new SplittableRandom((long) c[2]);
            int k = 0, sharedSamples = 0;
            for (double t = 0; Math.ceil(t) < FRAMES; k++) {
                Onset o = onsets.get(k);
                assertEquals((long) Math.ceil(t), o.frame(), "density " + density + ", onset " + k + " at " + t);
                assertEquals(Math.ceil(t) - t, o.late(), 1e-6, "density " + density + ", onset " + k);
                if (k > 0 && onsets.get(k - 1).frame() == o.frame()) sharedSamples++;
                double u = 2 * ((reference.nextLong() >>> 11) * 0x1.0p-53) - 1;
                t += Math.max(SR / density * (1 + jitter * u), 0.5);
            }
            assertEquals(k, onsets.size(), "density " + density + ": onsets counted");
            assertTrue(k >= 36, "density " + density + ": only " + k + " onsets");
            if (jitter == 1) assertTrue(sharedSamples > 0, "no sample started two grains");
        }
    }

    @Test
    void skippingFromOnsetToOnsetGivesTheBitsOfTickingAtAnyBlockSize() {
        for (double[] c : CASES) {
            List<Onset> reference = ticking(c[0], c[1], (long) c[2]);
            for (int block : new int[]{1, 97, 512, 4096}) {
                OnsetClock clock = new OnsetClock(new SplitMix64((long) c[2]));
                clock.prepare(SR);
                clock.reset();
                List<Onset> onsets = new ArrayList<>();
                for (int start = 0; start < FRAMES; start += block) {
                    int frames = Math.min(block, FRAMES - start);
                    for (int n = 0; n < frames; ) {
                        while (clock.due()) {
                            onsets.add(new Onset(start + n, clock.late()));
                            clock.next(c[0], c[1]);
                        }
                        n += clock.skip(frames - n);
                    }
                }
                assertEquals(reference, onsets, "density " + c[0] + ", block " + block);
            }
        }
    }
}
