package dev.conch.processors.mix;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Multiplies a signal by a linear factor: y = x · gain. {@link Gain} takes decibels; this one is for controls that
 * speak in factors (a 0..1 slider, an envelope, CLAM's AudioAmplifier), where a control into a dB param would mean
 * something else. A live change ramps linearly over 20 ms, so it does not click.
 */
@ProcessorInfo(name = "Amplifier", category = "Mixing", description = "Multiplies a signal by a linear gain factor (0.5 is half).")
public final class Amplifier extends Processor {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "signal times gain");
    private final Param gain = param(ParamSpec.number("gain", "x", -16, 16, 1).smoothed(20)
            .describe("linear factor: 1 leaves the signal as it is, 0.5 halves it, 0 silences it, -1 inverts its polarity"));

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        if (gain.steady()) {
            float g = (float) gain.value();
            for (int i = 0; i < frames; i++) y[i] = x[i] * g;
        } else {
            for (int i = 0; i < frames; i++) y[i] = x[i] * (float) gain.next();
        }
    }
}
