package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test decimator: each firing takes 3 tokens and makes 1, their sum. */
@ProcessorInfo(name = "TestThreeToOne", category = "Test", description = "Consumes 3, produces 1.")
public final class ThreeToOne extends Processor {
    private final Input in = input(PortSpec.audio("in", "3 per firing").withRate(3));
    private final Output out = audioOut("out", "their sum");

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        for (int f = 0; f < firings; f++) y[f] = x[3 * f] + x[3 * f + 1] + x[3 * f + 2];
    }
}
