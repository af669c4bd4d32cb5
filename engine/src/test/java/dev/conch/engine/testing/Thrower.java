package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Test node that passes its input through until frame {@code after}, then throws, or emits NaN if asked; with
 * {@code refuse} its prepare throws.
 */
@ProcessorInfo(name = "TestThrower", category = "Test", description = "Fails on purpose.")
public final class Thrower extends Processor {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "signal until it fails");
    private final Param after = param(ParamSpec.integer("after", "samples", 0, Integer.MAX_VALUE, 1000));
    private final Param nan = param(ParamSpec.bool("nan", false));
    private final Param refuse = param(ParamSpec.bool("refuse", false));
    private final IllegalStateException failure = new IllegalStateException("deliberate failure");
    private long n;

    @Override
    public void prepare(ProcessContext ctx) {
        if (refuse.on()) throw new IllegalArgumentException("refuses to prepare, on purpose");
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        for (int i = 0; i < frames; i++, n++) {
            if (n >= after.value()) {
                if (!nan.on()) throw failure;
                y[i] = Float.NaN;
            } else {
                y[i] = x[i];
            }
        }
    }
}
