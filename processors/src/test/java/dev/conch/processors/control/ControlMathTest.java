package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ControlMath: each op on a grid of operands against Java's own arithmetic, and operands followed every sample. */
class ControlMathTest {
    private static final double[] VALUES = {-3.5, -2.5, -1, -0.4, 0, 0.5, 1, 2.5, 7.25};

    private static float result(String op, double a, double b, boolean integers) {
        ProcessorHarness h = ControlTesting.harness(ControlMath.class, Map.of("op", op, "a", Double.toString(a),
                "b", Double.toString(b), "integers", Boolean.toString(integers)), 16);
        h.process(16);
        float first = h.out("out")[0];
        for (int i = 1; i < 16; i++) assertEquals(first, h.out("out")[i], 0, "a steady result");
        return first;
    }

    @Test
    void everyOpMatchesItsDefinition() {
        for (double a : VALUES) {
            for (double b : VALUES) {
                String at = a + ", " + b;
                assertEquals((float) (a + b), result("add", a, b, false), at);
                assertEquals((float) (a - b), result("subtract", a, b, false), at);
                assertEquals((float) (a * b), result("multiply", a, b, false), at);
                assertEquals((float) Math.min(a, b), result("min", a, b, false), at);
                assertEquals((float) Math.max(a, b), result("max", a, b, false), at);
                assertEquals(a == b ? 1f : 0f, result("equal", a, b, false), at);
                assertEquals(a > b ? 1f : 0f, result("greater", a, b, false), at);
                // C's round: halves away from zero
                long ra = a < 0 ? -Math.round(-a) : Math.round(a), rb = b < 0 ? -Math.round(-b) : Math.round(b);
                assertEquals((float) ra, result("round", a, b, false), at);
                assertEquals(ra == rb ? 1f : 0f, result("equal", a, b, true), at);
                assertEquals((float) (ra + rb), result("add", a, b, true), at);
            }
        }
    }

    @Test
    void aChangedOperandTakesEffectAtItsSample() {
        ProcessorHarness h = ControlTesting.harness(ControlMath.class, Map.of("op", "add", "a", "1", "b", "2"), 64);
        float[] y = ControlTesting.run(h, null, null, 256, 64, 100, x -> x.set("a", 10));
        for (int i = 0; i < 256; i++) assertEquals(i < 100 ? 3f : 12f, y[i], 0, "sample " + i);
    }
}
