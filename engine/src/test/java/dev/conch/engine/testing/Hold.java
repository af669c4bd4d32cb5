package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test node with a per-block param: its input plus {@code level}, read once per process call. */
@ProcessorInfo(name = "TestHold", category = "Test", description = "Adds a per-block level.")
public final class Hold extends Processor {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "signal plus level");
    private final Param level = param(ParamSpec.number("level", "", -1e9, 1e9, 0));

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        float l = (float) level.value();
        for (int i = 0; i < frames; i++) y[i] = x[i] + l;
    }
}
