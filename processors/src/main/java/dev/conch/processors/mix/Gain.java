package dev.conch.processors.mix;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;

/**
 * Multiplies a signal by a gain given in dB: y = x · 10^(gain/20). A live change ramps linearly in dB over
 * 20 ms (an exponential ramp in amplitude, which sounds even), so it does not click.
 */
@ProcessorInfo(name = "Gain", category = "Mixing", description = "Multiplies a signal by a gain in dB.")
public final class Gain extends Processor {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "signal times gain");
    private final Param gain = param(ParamSpec.number("gain", "dB", -120, 24, 0).smoothed(20)
            .describe("gain in decibels"));

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        if (gain.steady()) {
            float g = (float) Dsp.dbToGain(gain.value());
            for (int i = 0; i < frames; i++) y[i] = x[i] * g;
        } else {
            for (int i = 0; i < frames; i++) y[i] = x[i] * (float) Dsp.dbToGain(gain.next());
        }
    }
}
