package dev.conch.processors.mix;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;

import java.util.Arrays;

/**
 * Sums N inputs, each through its own gain, then a master gain: y = m · Σ g_k · x_k, gains in dB.
 *
 * <p>The inputs {@code in1..inN} and their gains {@code gain1..gainN} are declared in {@link #configure()} from
 * the structural param {@code inputs} (unconnected inputs read silence).
 */
@ProcessorInfo(name = "Mixer", category = "Mixing", description = "Sums up to 32 inputs, each with its own gain in dB.")
public final class Mixer extends Processor {
    public static final int MAX_INPUTS = 32;

    private final Param inputs = param(ParamSpec.integer("inputs", "", 1, MAX_INPUTS, 2).asStructural()
            .describe("number of inputs (in1, in2, ...)"));
    private final Param master = param(ParamSpec.number("master", "dB", -120, 24, 0).smoothed(20)
            .describe("gain applied to the sum"));
    private final Output out = audioOut("out", "the weighted sum");
    private Param[] gains;
    private Input[] ins;

    @Override
    protected void configure() {
        int n = inputs.intValue();
        ins = new Input[n];
        gains = new Param[n];
        for (int k = 0; k < n; k++) {
            ins[k] = input(PortSpec.audio("in" + (k + 1), "input " + (k + 1)).asOptional());
            gains[k] = param(ParamSpec.number("gain" + (k + 1), "dB", -120, 24, 0).smoothed(20)
                    .describe("gain of in" + (k + 1)));
        }
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        Arrays.fill(y, 0, frames, 0f);
        for (int k = 0; k < ins.length; k++) {
            Param g = gains[k];
            float[] x = ins[k].buffer();
            if (!ins[k].connected()) {
                // still advance its ramp so a later connection sees the right gain
                if (!g.steady()) for (int i = 0; i < frames; i++) g.next();
                continue;
            }
            if (g.steady()) {
                float gk = (float) Dsp.dbToGain(g.value());
                for (int i = 0; i < frames; i++) y[i] += x[i] * gk;
            } else {
                for (int i = 0; i < frames; i++) y[i] += x[i] * (float) Dsp.dbToGain(g.next());
            }
        }
        if (master.steady()) {
            float m = (float) Dsp.dbToGain(master.value());
            if (m != 1f) for (int i = 0; i < frames; i++) y[i] *= m;
        } else {
            for (int i = 0; i < frames; i++) y[i] *= (float) Dsp.dbToGain(master.next());
        }
    }
}
