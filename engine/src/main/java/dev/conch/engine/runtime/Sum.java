package dev.conch.engine.runtime;

import dev.conch.engine.model.NodeSpec;

import java.util.Arrays;

/**
 * Adds its inputs, in order: y = in1 + in2 + ... The copies of a cloned sub-network ({@code count="8"}) are summed
 * by one of these per output port; it adds audio or control, without gains, so a clone's sum is exact to rebuild.
 */
@ProcessorInfo(name = "Sum", category = "Mixing", description = "Adds its audio or control inputs, without gains.")
public final class Sum extends Processor {
    private final Param kind = param(ParamSpec.choice("kind", "audio", "audio", "control").asStructural()
            .describe("what it adds: audio or control"));
    private final Param inputs = param(ParamSpec.integer("inputs", "", 1, NodeSpec.MAX_COUNT, 2).asStructural()
            .describe("number of inputs (in1, in2, ...)"));
    private Input[] ins;
    private Output out;

    @Override
    protected void configure() {
        PortKind k = Inlet.kindOf(kind);
        ins = new Input[inputs.intValue()];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = input(new PortSpec("in" + (i + 1), k, 1, 1, true, "input " + (i + 1)));
        }
        out = output(new PortSpec("out", k, 1, 1, false, "the sum"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        Arrays.fill(y, 0, frames, 0f);
        for (Input in : ins) {
            if (!in.connected()) continue;
            float[] x = in.buffer();
            for (int i = 0; i < frames; i++) y[i] += x[i];
        }
    }
}
