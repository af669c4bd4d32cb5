package dev.conch.engine.testing;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test control source: 0.5, 1.5, 2.5, ... one value per frame. */
@ProcessorInfo(name = "TestControlRamp", category = "Test", description = "A counting control signal.")
public final class ControlRamp extends Processor {
    private final Output out = controlOut("out", "frame index + 0.5");
    private long n;

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        for (int i = 0; i < frames; i++) y[i] = n++ + 0.5f;
    }
}
