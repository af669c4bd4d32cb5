package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test node that delays its input by {@code samples} and declares it, like an STFT or an oversampler would. */
@ProcessorInfo(name = "TestLatent", category = "Test", description = "Declares and applies a latency.")
public final class Latent extends Processor {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "signal, late");
    private final Param samples = param(ParamSpec.integer("samples", "samples", 0, 100000, 0).asStructural());
    private float[] line;
    private int pos;

    @Override
    public void prepare(ProcessContext ctx) {
        line = new float[Math.max(1, samples.intValue())];
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        int n = samples.intValue();
        for (int i = 0; i < frames; i++) {
            if (n == 0) {
                y[i] = x[i];
                continue;
            }
            y[i] = line[pos];
            line[pos] = x[i];
            if (++pos == n) pos = 0;
        }
    }

    @Override
    public int latency() {
        return samples.intValue();
    }
}
