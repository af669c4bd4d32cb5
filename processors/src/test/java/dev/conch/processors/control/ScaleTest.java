package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.conch.processors.control.ControlTesting.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scale against its formulas, to the float rounding of the result. */
class ScaleTest {
    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** -0.5 … 1.5 in 2001 steps: inside and outside the input range. */
    private static float[] sweep() {
        float[] x = new float[2001];
        for (int i = 0; i < x.length; i++) x[i] = (float) (-0.5 + i / 1000.0);
        return x;
    }

    private static float[] scale(Map<String, String> p, float[] x) {
        return ControlTesting.run(ControlTesting.harness(Scale.class, p, 256), "in", x, 256);
    }

    private static void assertWithinRounding(double expected, float actual, String what) {
        assertEquals(expected, actual, 2 * Math.ulp((float) expected), what);
    }

    @Test
    void linearAndExponentialMappingsFollowTheirFormulas() {
        float[] x = sweep();
        for (String mode : new String[]{"linear", "exponential"}) {
            for (boolean clamp : new boolean[]{true, false}) {
                float[] y = scale(params("mode", mode, "inMin", "0", "inMax", "1", "outMin", "80", "outMax", "8000",
                        "clamp", Boolean.toString(clamp)), x);
                for (int i = 0; i < x.length; i++) {
                    double u = x[i];
                    if (clamp) u = Math.max(0, Math.min(1, u));
                    double e = mode.equals("linear") ? 80 + 7920 * u : 80 * Math.pow(100, u);
                    assertWithinRounding(e, y[i], mode + " clamp=" + clamp + " in=" + x[i]);
                }
            }
        }
        // the midpoint of an exponential 80…8000 is the geometric mean
        float[] mid = scale(params("mode", "exponential", "outMin", "80", "outMax", "8000"), new float[]{0.5f});
        assertWithinRounding(800, mid[0], "0.5 -> 800 Hz");
    }

    @Test
    void reversedAndOffsetRangesMapEndToEnd() {
        float[] y = scale(params("inMin", "-2", "inMax", "6", "outMin", "10", "outMax", "-30"),
                new float[]{-2, 6, 2, -10, 10});
        assertArrayEquals(new float[]{10, -30, -10, 10, -30}, y);
    }

    @Test
    void impossibleRangesAreRefusedWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessorHarness.create(
                Scale.class, params("mode", "exponential", "outMin", "0", "outMax", "1"), SR, 64));
        assertTrue(e.getMessage().contains("exponential needs outMin and outMax above 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProcessorHarness.create(
                Scale.class, params("inMin", "3", "inMax", "3"), SR, 64));
        assertTrue(e.getMessage().contains("two different ends"), e.getMessage());
    }

    @Test
    void aLiveChangeThatBreaksTheRulesGivesNoNaN() {
        ProcessorHarness h = ControlTesting.harness(Scale.class,
                params("mode", "exponential", "outMin", "1", "outMax", "100"), 64);
        h.set("outMin", -5);
        h.in("in")[0] = 0.5f;
        h.process(1);
        assertEquals(47.5f, h.out("out")[0], "exponential falls back to linear while outMin <= 0");
        h.set("inMax", 0);
        h.process(1);
        assertEquals(-5f, h.out("out")[0], "an empty input range maps everything to outMin");
    }

    @Test
    void outputIsBitIdenticalAtBlockSizes1And64And997() {
        float[] x = new float[20000];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.001) * 1.2f;
        float[] reference = null;
        for (int block : new int[]{1, 64, 997}) {
            ProcessorHarness h = ControlTesting.harness(Scale.class, params("mode", "exponential", "inMin", "-1",
                    "outMin", "80", "outMax", "8000", "clamp", "false"), block);
            float[] y = ControlTesting.run(h, "in", x, x.length, block, 7777, s -> s.set("outMax", 4000));
            if (reference == null) reference = y;
            else assertArrayEquals(reference, y, "block " + block);
        }
    }

    @Test
    void allocatesNothingWhileRunning() {
        ProcessorHarness h = ControlTesting.harness(Scale.class, params("mode", "exponential", "outMin", "80",
                "outMax", "8000"), 256);
        assertEquals(0, ControlTesting.bytesPer10000Calls(h, 256));
    }
}
