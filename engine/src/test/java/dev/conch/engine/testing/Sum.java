package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test mixer: a + b, b optional. */
@ProcessorInfo(name = "TestSum", category = "Test", description = "Adds two signals.")
public final class Sum extends Processor {
    private final Input a = audioIn("a", "first");
    private final Input b = input(dev.conch.engine.runtime.PortSpec.audio("b", "second").asOptional());
    private final Output out = audioOut("out", "a + b");

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] x = a.buffer(), y = b.buffer(), z = out.buffer();
        for (int i = 0; i < frames; i++) z[i] = x[i] + y[i];
    }
}
