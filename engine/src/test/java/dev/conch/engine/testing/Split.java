package dev.conch.engine.testing;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Test processor that splits its block ({@link Processor#runParts}) into as many parts as it is offered threads:
 * out = 2·in + 1, each part its own stretch of the block. It counts the parts another thread than the one calling
 * {@link #process} ran, and with {@code fail} set its last part throws.
 */
@ProcessorInfo(name = "TestSplit", category = "Test", description = "2 in + 1, in parts.")
public final class Split extends Processor {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "2 in + 1");
    private final Param fail = param(ParamSpec.number("fail", "", 0, 1, 0));
    private int frames;
    private Thread caller;
    private volatile long elsewhere;
    private volatile long blocksSplit;

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public boolean splitsWork() {
        return true;
    }

    @Override
    public void process(int frames) {
        this.frames = frames;
        caller = Thread.currentThread();
        if (partThreads() > 1 && frames >= 2) {
            blocksSplit = blocksSplit + 1;
            runParts(partThreads());
        } else {
            part(0, 1);
        }
    }

    @Override
    protected void part(int k, int count) {
        if (fail.value() > 0 && k == count - 1 && count > 1) throw new IllegalStateException("part " + k + " fails");
        if (Thread.currentThread() != caller) elsewhere = elsewhere + 1; // one part a block at most runs elsewhere here
        float[] x = in.buffer(), y = out.buffer();
        for (int i = frames * k / count; i < frames * (k + 1) / count; i++) y[i] = 2 * x[i] + 1;
    }

    /** Parts another thread than the caller's ran. */
    public long partsElsewhere() {
        return elsewhere;
    }

    /** Blocks split into parts. */
    public long blocksSplit() {
        return blocksSplit;
    }
}
