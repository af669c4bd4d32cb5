package dev.conch.processors.mix;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Passes one of N inputs: y = x_select. {@code select} is read every sample and truncated to a whole input number
 * (a control at 2.7 selects in2), so a control sweeping it steps through the inputs; the change is immediate, as a
 * patch bay's (and CLAM's AudioSwitch's) is, so switch between sounds that meet, or where a click does not matter.
 */
@ProcessorInfo(name = "Switch", category = "Mixing", description = "Passes one of up to 32 inputs, chosen by select (1, 2, ...).")
public final class Switch extends Processor {
    private final Param inputs = param(ParamSpec.integer("inputs", "", 2, Mixer.MAX_INPUTS, 2).asStructural()
            .describe("number of inputs (in1, in2, ...)"));
    private final Output out = audioOut("out", "the selected input");
    private Param select;
    private Input[] ins;

    @Override
    protected void configure() {
        int n = inputs.intValue();
        ins = new Input[n];
        for (int k = 0; k < n; k++) ins[k] = input(PortSpec.audio("in" + (k + 1), "input " + (k + 1)).asOptional());
        select = param(ParamSpec.number("select", "", 1, n, 1).perSample()
                .describe("the input passed, 1 to " + n + "; a fraction is truncated (2.7 passes in2)"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        if (select.steady()) {
            float[] x = ins[index(select.value())].buffer();
            System.arraycopy(x, 0, y, 0, frames);
        } else {
            for (int i = 0; i < frames; i++) y[i] = ins[index(select.next())].buffer()[i];
        }
    }

    private int index(double s) {
        return Math.max(0, Math.min(ins.length - 1, (int) s - 1));
    }
}
