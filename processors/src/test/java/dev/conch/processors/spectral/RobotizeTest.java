package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Robotize: each bin keeps its magnitude and its phase becomes phase · (1 - amount), for several amounts. */
class RobotizeTest {
    @Test
    void magnitudesStayAndPhasesScaleTowardsZero() {
        int n = 256, width = n + 2, frames = 3;
        for (double amount : new double[] {0, 0.3, 1}) {
            ProcessorHarness h = Frames.harness(Robotize.class, Map.of("fftSize", "256", "amount", Double.toString(amount)), frames);
            float[] x = h.in("in");
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < frames * width; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
            h.process(frames);
            float[] y = h.out("out");
            for (int i = 0; i < frames * width; i += 2) {
                double mag = Math.hypot(x[i], x[i + 1]), phase = Math.atan2(x[i + 1], x[i]) * (1 - amount);
                assertEquals(mag * Math.cos(phase), y[i], 1e-5, "amount " + amount + ", re at " + i);
                assertEquals(mag * Math.sin(phase), y[i + 1], 1e-5, "amount " + amount + ", im at " + i);
            }
        }
    }
}
