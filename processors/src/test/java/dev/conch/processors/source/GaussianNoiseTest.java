package dev.conch.processors.source;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GaussianNoise: mean and deviation as asked, the normal distribution's shape (the share within 1, 2 and 3
 * deviations: 68.27 %, 95.45 %, 99.73 %), white (no correlation between neighbours), and the same at any block size.
 */
class GaussianNoiseTest {
    private static final double SR = 48000;
    private static final int N = 400_000;

    private static float[] render(Map<String, String> params, int block) {
        return ProcessorHarness.create(GaussianNoise.class, params, SR, block).render("out", N);
    }

    @Test
    void meanDeviationAndTheNormalShape() {
        float[] y = render(Map.of("mean", "0.3", "deviation", "0.2", "seed", "9"), 512);
        double mean = Signals.mean(y, 0, N);
        double var = 0;
        for (float v : y) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / N);
        // the standard error of the mean is 0.2/sqrt(N) = 0.0003
        assertEquals(0.3, mean, 0.0015);
        assertEquals(0.2, sd, 0.002);
        double[] within = new double[3];
        for (float v : y) for (int k = 1; k <= 3; k++) if (Math.abs(v - 0.3) <= 0.2 * k) within[k - 1]++;
        assertEquals(0.6827, within[0] / N, 0.004);
        assertEquals(0.9545, within[1] / N, 0.002);
        assertEquals(0.9973, within[2] / N, 0.0006);
        double lag1 = 0;
        for (int i = 1; i < N; i++) lag1 += (y[i] - mean) * (y[i - 1] - mean);
        assertTrue(Math.abs(lag1 / var) < 0.01, "neighbours uncorrelated: " + lag1 / var);
    }

    /**
     * Nothing allocated per block. Box-Muller's StrictMath.sin and cos did on Java 21 and newer, whose fdlibm port
     * reduces the angle into a new double[2] per call (found by the generated networks on JDK 25: 64 bytes a sample).
     */
    @Test
    void itAllocatesNothingOnTheAudioThread() {
        ProcessorHarness h = ProcessorHarness.create(GaussianNoise.class, Map.of("deviation", "0.5"), SR, 256);
        Runnable callback = () -> h.process(256);
        AllocationMeter.warmUp(callback, 5000, 100_000);
        long bytes = AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < 2000; i++) callback.run();
        });
        assertEquals(0, bytes, "bytes allocated by 2000 blocks");
    }

    @Test
    void sameSeedSameNoiseAtAnyBlockSizeAndDifferentSeedsDiffer() {
        float[] a = render(Map.of("seed", "4"), 64), b = render(Map.of("seed", "4"), 1000);
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, render(Map.of("seed", "5"), 64)));
    }
}
