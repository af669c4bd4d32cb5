package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test multi-rate node, the inverse shape of {@link ThreeToFive}: keeps tokens 0, 2 and 4 of every five. */
@ProcessorInfo(name = "TestFiveToThree", category = "Test", description = "Consumes 5, produces 3.")
public final class FiveToThree extends Processor {
    private final Input in = input(PortSpec.audio("in", "5 per firing").withRate(5));
    private final Output out = output(PortSpec.audio("out", "3 per firing").withRate(3));

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        for (int f = 0; f < firings; f++) {
            y[3 * f] = x[5 * f];
            y[3 * f + 1] = x[5 * f + 2];
            y[3 * f + 2] = x[5 * f + 4];
        }
    }
}
