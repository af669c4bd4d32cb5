package dev.conch.processors.control;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * A control that holds {@code from} for {@code delay} seconds, ramps linearly to {@code to} over {@code seconds},
 * then holds {@code to}. Value at firing i, with t = i · secondsPerFiring − delay: from while t &lt; 0, to once
 * t ≥ seconds, from + (to − from) · t / seconds between.
 *
 * <p>A control connection makes its source fire once per firing of the node it drives: once per sample for an
 * audio node, once per hop for a spectral node. The engine says how long a firing lasts
 * ({@link ProcessContext#secondsPerFiring()}), so {@code seconds} stays in seconds whatever the Line drives.
 */
@ProcessorInfo(name = "Line", category = "Control",
        description = "A control ramping linearly from one value to another over some seconds, then holding.")
public final class Line extends Processor {
    private final Output out = controlOut("out", "the ramp");
    private final Param from = param(ParamSpec.number("from", "", -1e6, 1e6, 0).describe("value before and at the start"));
    private final Param to = param(ParamSpec.number("to", "", -1e6, 1e6, 1).describe("value at the end and after"));
    private final Param seconds = param(ParamSpec.number("seconds", "s", 0, 86400, 1).describe("length of the ramp"));
    private final Param delay = param(ParamSpec.number("delay", "s", 0, 86400, 0).describe("time before the ramp starts"));

    private double secondsPerFiring;
    private long firings;

    @Override
    public void prepare(ProcessContext ctx) {
        secondsPerFiring = ctx.secondsPerFiring();
        firings = 0;
    }

    @Override
    public void reset() {
        firings = 0;
    }

    @Override
    public void process(int count) {
        float[] y = out.buffer();
        double a = from.value(), b = to.value(), len = seconds.value(), wait = delay.value();
        double perFiring = secondsPerFiring;
        for (int i = 0; i < count; i++) {
            // from the firing count, not an accumulated sum: the same value at any block size, no drift
            double t = (firings + i) * perFiring - wait;
            double v;
            if (t < 0) v = a;
            else if (t >= len) v = b;
            else v = a + (b - a) * (t / len);
            y[i] = (float) v;
        }
        firings += count;
    }
}
