package dev.conch.engine.testing;

import dev.conch.engine.runtime.FeedbackBreaker;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/** Test delay line of a whole number of samples that may close a feedback loop. */
@ProcessorInfo(name = "TestLoopDelay", category = "Test", description = "Integer delay usable in loops.")
public final class LoopDelay extends Processor implements FeedbackBreaker {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "signal, later");
    private final Param samples = param(ParamSpec.integer("samples", "samples", 1, 100000, 64).asStructural());
    private float[] line;
    private int read, write;

    @Override
    public void prepare(ProcessContext ctx) {
        line = new float[samples.intValue()];
        read = 0;
        write = 0;
    }

    @Override
    public void process(int frames) {
        emit(frames);
        absorb(frames);
    }

    @Override
    public String closeLoop(double sampleRate, int lead) {
        return samples.intValue() < lead ? "its delay of " + samples.intValue()
                + " samples is shorter than the loop's lead (" + lead + " samples)" : null;
    }

    @Override
    public void emit(int frames) {
        float[] y = out.buffer();
        for (int i = 0; i < frames; i++) {
            y[i] = line[read];
            if (++read == line.length) read = 0;
        }
    }

    @Override
    public void absorb(int frames) {
        float[] x = in.buffer();
        for (int i = 0; i < frames; i++) {
            line[write] = x[i];
            if (++write == line.length) write = 0;
        }
    }
}
