package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Test multi-rate node: each firing takes 3 tokens and makes 5 — the first three copied, then their sum and a
 * firing counter — so a dropped, repeated or reordered token shows in the output.
 */
@ProcessorInfo(name = "TestThreeToFive", category = "Test", description = "Consumes 3, produces 5.")
public final class ThreeToFive extends Processor {
    private final Input in = input(PortSpec.audio("in", "3 per firing").withRate(3));
    private final Output out = output(PortSpec.audio("out", "5 per firing").withRate(5));
    private int firing;

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        for (int f = 0; f < firings; f++) {
            float a = x[3 * f], b = x[3 * f + 1], c = x[3 * f + 2];
            y[5 * f] = a;
            y[5 * f + 1] = b;
            y[5 * f + 2] = c;
            y[5 * f + 3] = a + b + c;
            y[5 * f + 4] = firing++;
        }
    }
}
