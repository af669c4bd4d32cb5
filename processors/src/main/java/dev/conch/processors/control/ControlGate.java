package dev.conch.processors.control;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * A threshold with hysteresis (a Schmitt trigger), as CLAM's ControlGate: the output turns 1 when {@code in} rises
 * above threshold + width/2 and turns 0 again only when it falls below threshold − width/2, so a value wobbling
 * around the threshold does not chatter. {@code inverted} swaps 1 and 0. It starts off.
 */
@ProcessorInfo(name = "ControlGate", category = "Control",
        description = "1 or 0 from a control crossing a threshold, with hysteresis (a Schmitt trigger).")
public final class ControlGate extends Processor {
    private static final double LIMIT = 1e9;

    private final Output out = controlOut("out", "1 while the gate is on, else 0 (swapped when inverted)");
    private final Param in = param(ParamSpec.number("in", "", -LIMIT, LIMIT, 0).perSample()
            .describe("the control watched (drive it with a control connection)"));
    private final Param threshold = param(ParamSpec.number("threshold", "", -LIMIT, LIMIT, 0.5).perSample()
            .describe("centre of the switching band"));
    private final Param width = param(ParamSpec.number("width", "", 0, LIMIT, 0.1).perSample()
            .describe("hysteresis: on above threshold + width/2, off below threshold - width/2"));
    private final Param inverted = param(ParamSpec.bool("inverted", false).describe("output 0 while on and 1 while off"));

    private boolean on;

    @Override
    public void prepare(ProcessContext ctx) {
        on = false;
    }

    @Override
    public void reset() {
        on = false;
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        boolean invert = inverted.on();
        for (int i = 0; i < frames; i++) {
            double x = in.next(), t = threshold.next(), half = width.next() / 2;
            if (!on && x > t + half) on = true;
            else if (on && x < t - half) on = false;
            y[i] = on != invert ? 1 : 0;
        }
    }
}
