package dev.conch.processors.mix;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

import java.util.Arrays;

/**
 * Sums N inputs, each through its own gain, then a master gain: y = m · Σ g_k · x_k, gains in dB.
 *
 * <p>The inputs {@code in1..inN} are declared in {@link #configure()} from the structural param {@code inputs}
 * (unconnected ones read silence). The gain params {@code gain1..gain32} are all declared in the constructor,
 * because the registry applies a file's params before {@code configure()} runs: a param declared there could
 * not be set from the file. configure() rejects a changed gain for an input the mixer does not have.
 */
@ProcessorInfo(name = "Mixer", category = "Mixing", description = "Sums up to 32 inputs, each with its own gain in dB.")
public final class Mixer extends Processor {
    public static final int MAX_INPUTS = 32;

    private final Param inputs = param(ParamSpec.integer("inputs", "", 1, MAX_INPUTS, 2).asStructural()
            .describe("number of inputs (in1, in2, ...)"));
    private final Param master = param(ParamSpec.number("master", "dB", -120, 24, 0).smoothed(20)
            .describe("gain applied to the sum"));
    private final Param[] gains = new Param[MAX_INPUTS];
    private final Output out = audioOut("out", "the weighted sum");
    private Input[] ins;

    public Mixer() {
        for (int k = 0; k < MAX_INPUTS; k++) {
            gains[k] = param(ParamSpec.number("gain" + (k + 1), "dB", -120, 24, 0).smoothed(20)
                    .describe("gain of in" + (k + 1)));
        }
    }

    @Override
    protected void configure() {
        int n = inputs.intValue();
        ins = new Input[n];
        for (int k = 0; k < n; k++) {
            ins[k] = input(PortSpec.audio("in" + (k + 1), "input " + (k + 1)).asOptional());
        }
        for (int k = n; k < MAX_INPUTS; k++) {
            if (gains[k].value() != gains[k].spec().defaultValue()) {
                throw new IllegalArgumentException("gain" + (k + 1) + " is set but the mixer has only " + n
                        + " input" + (n == 1 ? "" : "s") + ": set inputs to " + (k + 1) + " or more, or remove gain" + (k + 1));
            }
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
                float gk = (float) Gain.dbToGain(g.value());
                for (int i = 0; i < frames; i++) y[i] += x[i] * gk;
            } else {
                for (int i = 0; i < frames; i++) y[i] += x[i] * (float) Gain.dbToGain(g.next());
            }
        }
        if (master.steady()) {
            float m = (float) Gain.dbToGain(master.value());
            if (m != 1f) for (int i = 0; i < frames; i++) y[i] *= m;
        } else {
            for (int i = 0; i < frames; i++) y[i] *= (float) Gain.dbToGain(master.next());
        }
    }
}
