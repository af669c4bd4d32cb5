package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ControlGate: a ramp up and down through threshold 0.5 with width 0.1 switches on at the first value above 0.55 and
 * off at the first below 0.45; a wobble inside the band never switches; inverted swaps the two values.
 */
class ControlGateTest {
    /** The gate's output for {@code x}, one sample per call (the param follows x as a control would drive it). */
    private static float[] gate(double[] x, boolean inverted) {
        ProcessorHarness h = ControlTesting.harness(ControlGate.class,
                Map.of("threshold", "0.5", "width", "0.1", "inverted", Boolean.toString(inverted)), 1);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            h.set("in", x[i]);
            h.process(1);
            y[i] = h.out("out")[0];
        }
        return y;
    }

    @Test
    void aRampSwitchesAtTheEdgesOfTheBandAndAWobbleInsideNever() {
        // 0, 0.01, ..., 1 and back down: up at 0.56 (index 56), down at 0.44 (index 200 - 44 = 156)
        double[] ramp = new double[201];
        for (int i = 0; i <= 200; i++) ramp[i] = Math.round((i <= 100 ? i : 200 - i)) / 100.0;
        float[] y = gate(ramp, false), inv = gate(ramp, true);
        for (int i = 0; i <= 200; i++) {
            float expected = i >= 56 && i < 156 ? 1 : 0;
            assertEquals(expected, y[i], 0, "sample " + i + " at " + ramp[i]);
            assertEquals(1 - expected, inv[i], 0, "inverted, sample " + i);
        }
        double[] wobble = new double[500];
        for (int i = 0; i < 500; i++) wobble[i] = (i < 100 ? 0.6 : 0.5) + 0.049 * Math.sin(i * 0.3);
        float[] w = gate(wobble, false);
        for (int i = 0; i < 500; i++) assertEquals(1, w[i], 0, "switched on by 0.6 and held in the band: sample " + i);
    }
}
