package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Line against its formula: hold, linear ramp, hold; in firings of {@code step} samples. */
class LineTest {
    private static double expected(long firing, int step, double from, double to, double seconds, double delay) {
        double t = firing * (double) step / 48000 - delay;
        if (t < 0) return from;
        if (t >= seconds) return to;
        return from + (to - from) * t / seconds;
    }

    @Test
    void rampsLinearlyAfterItsDelayThenHolds() {
        Map<String, String> p = Map.of("from", "2", "to", "-1", "seconds", "0.5", "delay", "0.25");
        float[] y = ProcessorHarness.create(Line.class, p, 48000, 480).render("out", 48000);
        for (int i = 0; i < y.length; i++) assertEquals(expected(i, 1, 2, -1, 0.5, 0.25), y[i], 1e-6, "sample " + i);
        assertEquals(2, y[12000 - 1], 0);
        assertEquals(0.5, y[12000 + 12000], 1e-6);   // halfway through the ramp
        assertEquals(-1, y[47999], 0);
        // any block size: the same values
        assertArrayEquals(y, ProcessorHarness.create(Line.class, p, 48000, 1).render("out", 48000));
        assertArrayEquals(y, ProcessorHarness.create(Line.class, p, 48000, 997).render("out", 48000));
    }

    @Test
    void firingsOfAHopKeepSecondsInSeconds() {
        // driving a spectral node of hop 256 the engine says each firing is 256 samples: 187.5 firings per second
        Map<String, String> p = Map.of("from", "0", "to", "1", "seconds", "2");
        float[] y = ProcessorHarness.create(Line.class, p, 48000, 64, 256).render("out", 500);
        for (int i = 0; i < y.length; i++) assertEquals(expected(i, 256, 0, 1, 2, 0), y[i], 1e-6, "firing " + i);
        assertEquals(0.5, y[188 - 1] + (y[188] - y[187]) * 0.5, 0.01); // one second in: about halfway
        assertEquals(1, y[375], 0);                                    // two seconds = 375 firings
    }
}
