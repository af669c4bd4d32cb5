package dev.conch.processors.mix;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Amplifier: y = x · gain with the gain a plain factor, and a linear 20 ms ramp on a live change. */
class AmplifierTest {
    private static final double SR = 48000;

    @Test
    void theGainIsAFactorNotDecibels() {
        float[] x = Signals.noise(1000, 3, 1);
        for (double g : new double[] {0, 0.25, 0.5, 1, 2, 16}) {
            float[] y = ProcessorHarness.create(Amplifier.class, Map.of("gain", Double.toString(g)), SR, 64).run("in", x, "out");
            for (int i = 0; i < x.length; i++) assertEquals(x[i] * (float) g, y[i], 0, "gain " + g);
        }
    }

    @Test
    void aLiveChangeRampsLinearlyOver20ms() {
        ProcessorHarness h = ProcessorHarness.create(Amplifier.class, Map.of(), SR, 64);
        float[] dc = new float[4800];
        Arrays.fill(dc, 1f);
        h.set("gain", 0.2);
        float[] y = h.run("in", dc, "out");
        int ramp = (int) Math.round(0.020 * SR);
        for (int i = 0; i < ramp; i++) assertEquals(1 - 0.8 * (i + 1) / ramp, y[i], 1e-6, "sample " + i);
        assertEquals(0.2, y[y.length - 1], 1e-7);
    }
}
