package dev.conch.processors.control;

import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.conch.processors.control.ControlTesting.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Constant: its value, the range and unit it declares for it, the 20 ms glide of a live change. */
class ConstantTest {
    @Test
    void outputsItsValueAndDeclaresTheRangeAndUnit() {
        ProcessorHarness h = ControlTesting.harness(Constant.class,
                Map.of("min", "20", "max", "20000", "unit", "Hz", "value", "440"), 256);
        for (float v : h.render("out", 1000)) assertEquals(440f, v);
        ParamSpec spec = h.processor().param("value").spec();
        assertEquals("Hz", spec.unit());
        assertEquals(20, spec.min());
        assertEquals(20000, spec.max());
        assertTrue(spec.live(), "value must be live, so --set and control connections reach it");
        // with no value given: 0, or the end of the range nearest to it
        assertEquals(20f, ControlTesting.render(Constant.class, Map.of("min", "20", "max", "20000"), 10, 8)[0]);
        assertEquals(0f, ControlTesting.render(Constant.class, Map.of("min", "-1", "max", "1"), 10, 8)[0]);
        assertEquals(-3f, ControlTesting.render(Constant.class, Map.of("min", "-5", "max", "-3"), 10, 8)[0]);
        // the type's descriptor (conch describe, the editor) shows value too
        assertTrue(ProcessorRegistry.of(Constant.class).descriptor("Constant").params().stream()
                .anyMatch(p -> p.name().equals("value")));
    }

    @Test
    void valuesOutsideTheRangeAndUpsideDownRangesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessorHarness.create(
                Constant.class, Map.of("min", "0", "max", "1", "value", "2"), SR, 64));
        assertTrue(e.getMessage().contains("value") && e.getMessage().contains("out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProcessorHarness.create(
                Constant.class, Map.of("min", "5", "max", "1"), SR, 64));
        assertTrue(e.getMessage().contains("min 5 is larger than max 1"), e.getMessage());
    }

    @Test
    void aLiveChangeGlidesLinearlyOver20msAndIsClampedToTheRange() {
        ProcessorHarness h = ControlTesting.harness(Constant.class, Map.of("min", "0", "max", "1", "value", "0.2"), 64);
        float[] y = ControlTesting.run(h, null, null, 4000, 64, 1000, x -> x.set("value", 0.8));
        int ramp = (int) Math.round(0.020 * SR);   // 960 samples
        for (int k = 0; k < ramp; k++) assertEquals(0.2 + 0.6 * (k + 1) / ramp, y[1000 + k], 1e-6, "glide sample " + k);
        assertEquals(0.8f, y[1000 + ramp - 1]);
        assertEquals(0.2f, y[999]);
        h.set("value", 7);
        float[] z = h.render("out", 2000);
        assertEquals(1f, z[1999], "clamped to max");
    }

    @Test
    void outputIsBitIdenticalAtBlockSizes1And64And997() {
        float[] reference = null;
        for (int block : new int[]{1, 64, 997}) {
            ProcessorHarness h = ControlTesting.harness(Constant.class, Map.of("max", "10", "value", "3"), block);
            float[] y = ControlTesting.run(h, null, null, 5000, block, 1234, x -> x.set("value", 9.5));
            if (reference == null) reference = y;
            else assertArrayEquals(reference, y, "block " + block);
        }
    }

    @Test
    void allocatesNothingWhileRunning() {
        ProcessorHarness h = ControlTesting.harness(Constant.class, Map.of("value", "0.5"), 256);
        assertEquals(0, ControlTesting.bytesPer10000Calls(h, 256));
    }
}
