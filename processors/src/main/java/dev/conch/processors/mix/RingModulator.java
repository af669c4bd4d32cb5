package dev.conch.processors.mix;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Multiplies two signals sample by sample, y = a · b: ring modulation (two sines give their sum and difference
 * frequencies), or one signal as the other's amplitude envelope. An unconnected input reads silence, so the output
 * is silent until both are wired.
 */
@ProcessorInfo(name = "RingModulator", category = "Mixing", description = "Multiplies two audio signals (ring modulation).")
public final class RingModulator extends Processor {
    private final Input a = audioIn("a", "first signal");
    private final Input b = audioIn("b", "second signal (the modulator)");
    private final Output out = audioOut("out", "a times b");

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] x = a.buffer(), z = b.buffer(), y = out.buffer();
        for (int i = 0; i < frames; i++) y[i] = x[i] * z[i];
    }
}
