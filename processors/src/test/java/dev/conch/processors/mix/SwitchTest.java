package dev.conch.processors.mix;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Switch: the selected input passes bit-exact, a fraction truncates, and a change takes effect at its sample. */
class SwitchTest {
    private static final double SR = 48000;

    private static float[][] inputs(ProcessorHarness h, int n, int frames) {
        float[][] x = new float[n][];
        for (int k = 0; k < n; k++) {
            x[k] = Signals.noise(frames, 10 + k, 1);
            System.arraycopy(x[k], 0, h.in("in" + (k + 1)), 0, frames);
        }
        return x;
    }

    @Test
    void eachSelectPassesItsInputExactly() {
        for (String select : new String[] {"1", "2", "3", "2.7"}) {
            ProcessorHarness h = ProcessorHarness.create(Switch.class, Map.of("inputs", "3", "select", select), SR, 256);
            float[][] x = inputs(h, 3, 256);
            h.process(256);
            int chosen = (int) Double.parseDouble(select) - 1;
            assertArrayEquals(x[chosen], h.out("out").clone(), "select " + select);
        }
    }

    @Test
    void aChangeSwitchesAtTheSampleItArrives() {
        ProcessorHarness h = ProcessorHarness.create(Switch.class, Map.of("inputs", "2"), SR, 128);
        float[][] x = inputs(h, 2, 128);
        h.process(128);
        assertArrayEquals(x[0], h.out("out").clone());
        h.set("select", 2); // not smoothed: the next block is in2 from its first sample
        h.process(128);
        for (int i = 0; i < 128; i++) assertEquals(x[1][i], h.out("out")[i], 0, "sample " + i);
    }
}
