package dev.conch.processors.source;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ModOscillator against CLAM's Oscillator recursion written out here (phase in radians, advanced by 2πf/fs times
 * the fm sample, pm times the index added inside the sine), with both inputs driven and with neither.
 */
class ModOscillatorTest {
    private static final double SR = 44100;

    @Test
    void followsCLAMsOscillatorWithBothModulations() {
        int n = 20000;
        ProcessorHarness h = ProcessorHarness.create(ModOscillator.class,
                Map.of("frequency", "440", "amplitude", "0.8", "index", "2"), SR, 128);
        double phase = 0, delta = 2 * Math.PI * 440 / SR;
        for (int done = 0; done < n; done += 128) {
            for (int i = 0; i < 128; i++) {
                h.in("fm")[i] = (float) Math.sin(2 * Math.PI * 10 * (done + i) / SR);  // through-zero FM
                h.in("pm")[i] = (float) (0.5 * Math.sin(2 * Math.PI * 97 * (done + i) / SR));
            }
            h.process(128);
            for (int i = 0; i < 128; i++) {
                double want = 0.8 * Math.sin(phase + 2 * h.in("pm")[i]);
                phase += delta * h.in("fm")[i];
                assertEquals(want, h.out("out")[i], 2e-4, "sample " + (done + i));
            }
        }
    }

    @Test
    void withoutInputsItIsAPlainSine() {
        ProcessorHarness h = ProcessorHarness.create(ModOscillator.class, Map.of("frequency", "1000", "phase", "0.25"), SR, 64)
                .disconnect("fm").disconnect("pm");
        float[] y = h.render("out", 4410);
        for (int i = 0; i < y.length; i++) assertEquals(Math.cos(2 * Math.PI * 1000 * i / SR), y[i], 1e-5, "sample " + i);
    }
}
