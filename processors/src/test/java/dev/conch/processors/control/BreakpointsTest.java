package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.conch.processors.control.ControlTesting.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakpoints against the formulas of its Javadoc: values at the breakpoints, mid-segment, looping, errors. */
class BreakpointsTest {
    private static float[] render(String points, boolean loop, int frames, int block) {
        return ControlTesting.render(Breakpoints.class, Map.of("points", points, "loop", Boolean.toString(loop)),
                frames, block);
    }

    private static int at(double seconds) {
        return (int) Math.round(seconds * SR);
    }

    @Test
    void linearSegmentsPassThroughTheirPointsAndHoldAfterTheLast() {
        float[] y = render("0:0 2:1 10:0.3", false, at(11), 512);
        assertEquals(0f, y[0]);
        assertEquals(1f, y[at(2)]);
        assertEquals(0.3f, y[at(10)]);
        assertEquals(0.3f, y[at(11) - 1]);
        assertEquals(0.5f, y[at(1)], 1e-7, "halfway up the first segment");
        assertEquals(0.65f, y[at(6)], 1e-7, "halfway down the second");
        for (int n = 0; n < y.length; n++) {
            double t = n / SR;
            double e = t < 2 ? t / 2 : t < 10 ? 1 + (0.3 - 1) * (t - 2) / 8 : 0.3;
            assertEquals(e, y[n], 1e-6, "sample " + n);
        }
    }

    @Test
    void exponentialSegmentsAreConstantRatiosBetweenValuesOfTheSameSign() {
        float[] y = render("0:0.1 2:1@exp 10:0.3", false, at(10.5), 256);
        assertEquals(0.1f, y[0]);
        assertEquals(Math.sqrt(0.1), y[at(1)], 1e-7, "halfway in time is the geometric mean");
        assertEquals(1f, y[at(2)], 1e-7);
        assertEquals(0.65f, y[at(6)], 1e-7, "the next segment is linear again");
        for (int n = 0; n < at(2); n++) assertEquals(0.1 * Math.pow(10, n / SR / 2), y[n], 1e-6, "sample " + n);
        // negative to negative: still exponential
        float[] neg = render("0:-0.1 1:-10@exp", false, at(1.5), 256);
        assertEquals(-1f, neg[at(0.5)], 1e-6);
        // a zero or a change of sign: linear
        assertEquals(0.5f, render("0:0 1:1@exp", false, at(1), 64)[at(0.5)], 1e-7);
        assertEquals(0f, render("0:-1 1:1@exp", false, at(1), 64)[at(0.5)], 1e-7);
    }

    @Test
    void holdsTheFirstValueBeforeTheFirstPointAndJumpsAtRepeatedTimes() {
        float[] y = render("1:5 2:6", false, at(3), 64);
        assertEquals(5f, y[0]);
        assertEquals(5f, y[at(1)]);
        assertEquals(5.5f, y[at(1.5)], 1e-6);
        y = render("0:0 1:1 1:3 2:3", false, at(2), 64);
        assertEquals(1 - 1 / SR, y[at(1) - 1], 1e-6);
        assertEquals(3f, y[at(1)]);
    }

    @Test
    void loopRepeatsWithTheLastPointsTimeAsPeriod() {
        float[] y = render("0:0 1:1", true, at(3.5), 333);
        for (int n = 0; n < y.length; n++) {
            double t = n / SR;
            assertEquals(t - Math.floor(t), y[n], 1e-6, "sample " + n);
        }
        y = render("0.5:2 1:4", true, at(2), 333);
        assertEquals(2f, y[at(1.25)], "before the first point of each cycle: its value");
        assertEquals(3f, y[at(1.75)], 1e-6);
        assertEquals(2f, y[at(1)], "wrapped back");
    }

    @Test
    void outputIsBitIdenticalAtBlockSizes1And64And997() {
        for (boolean loop : new boolean[]{false, true}) {
            String pts = "0:0.1 0.3:1@exp 0.7:-0.5 0.7:0.25 1.1:0.2@exp";
            float[] reference = render(pts, loop, 150000, 1);
            assertArrayEquals(reference, render(pts, loop, 150000, 64), "block 64, loop " + loop);
            assertArrayEquals(reference, render(pts, loop, 150000, 997), "block 997, loop " + loop);
        }
    }

    private static String problem(String points) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessorHarness.create(Breakpoints.class, Map.of("points", points), SR, 64));
        return e.getMessage();
    }

    @Test
    void malformedPointsAreRefusedWithASentenceNamingTheToken() {
        assertTrue(problem("0:0 2-1").contains("'2-1' is not a time:value pair"), problem("0:0 2-1"));
        assertTrue(problem("0:0 2:x").contains("the value 'x' is not a number"), problem("0:0 2:x"));
        assertTrue(problem("0:0 2:1 1:0").contains("time order"), problem("0:0 2:1 1:0"));
        assertTrue(problem("0:0 1:1@cubic").contains("the curves are lin and exp"), problem("0:0 1:1@cubic"));
        assertTrue(problem("0:0@exp 1:1").contains("first point"), problem("0:0@exp 1:1"));
        assertTrue(problem("-1:0 1:1").contains("negative"), problem("-1:0 1:1"));
        assertTrue(problem("  ").contains("no points"), problem("  "));
        for (String p : List.of("0:0 2-1", "  ")) assertTrue(problem(p).contains("points:"), "names the param");
        // commas separate points too
        assertEquals(1f, render("0:0, 1:1, 2:1", false, at(1.5), 64)[at(1.2)]);
    }

    @Test
    void registeredByServiceLoaderAsAControl() {
        ProcessorRegistry registry = ProcessorRegistry.load();
        for (String type : new String[]{"LFO", "Envelope", "Breakpoints", "Constant", "Scale", "Smooth",
                "EnvelopeFollower"}) {
            assertTrue(registry.has(type), type + " is not in META-INF/services");
            assertEquals("Control", registry.descriptor(type).category(), type);
            assertEquals("control", registry.descriptor(type).outputs().get(0).typeLabel(), type);
        }
    }

    @Test
    void timesStayInSecondsWhenEachFiringIsAHop() {
        ProcessorHarness h = ControlTesting.harness(Breakpoints.class, Map.of("points", "0:0 2:1"), 64);
        h.processor().prepare(new ProcessContext(SR, 64, 64, 256));   // 187.5 firings per second
        float[] y = h.render("out", 400);
        assertEquals(0.5f, y[375 / 2], 0.003f, "one second in");
        assertEquals(1f, y[375], "two seconds in");
    }

    @Test
    void allocatesNothingWhileRunning() {
        ProcessorHarness h = ControlTesting.harness(Breakpoints.class,
                Map.of("points", "0:0.1 0.01:1@exp 0.02:0", "loop", "true"), 256);
        assertEquals(0, ControlTesting.bytesPer10000Calls(h, 256));
    }
}
