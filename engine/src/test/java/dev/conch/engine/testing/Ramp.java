package dev.conch.engine.testing;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test source: emits 0, 1, 2, ... times {@code scale}: every sample says where it came from. */
@ProcessorInfo(name = "TestRamp", category = "Test", description = "Counts samples.")
public final class Ramp extends Processor {
    private final Output out = audioOut("out", "sample index x scale");
    private final Param scale = param(ParamSpec.number("scale", "", -1e6, 1e6, 1).perSample());
    private long n;

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        for (int i = 0; i < frames; i++) y[i] = (float) (n++ * scale.next());
    }

    @Override
    public void reset() {
        n = 0;
    }
}
