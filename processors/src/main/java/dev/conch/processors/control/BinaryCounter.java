package dev.conch.processors.control;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Counts ticks of a steady clock on eight controls, the bits of the count (bit0 the lowest), wrapping after 255, as
 * CLAM's BinaryCounter counted its executions. CLAM ran once per block (512 samples at 44.1 kHz: 86.13 times a
 * second, the default {@code rate}); Conch counts in time, tick k at sample floor(k · sampleRate / rate), so the
 * count does not depend on the block size.
 */
@ProcessorInfo(name = "BinaryCounter", category = "Control",
        description = "An 8-bit counter of clock ticks: eight controls, the bits of the count.")
public final class BinaryCounter extends Processor {
    private static final int BITS = 8;

    private final Output[] bits = new Output[BITS];
    private final Param rate = param(ParamSpec.number("rate", "Hz", 0.01, 1000, 44100.0 / 512).asStructural()
            .describe("ticks per second (CLAM's: one per 512-sample block at 44.1 kHz)"));

    private double sampleRate;
    /** Samples since the start, and the count at the last one. */
    private long sample;

    public BinaryCounter() {
        for (int b = 0; b < BITS; b++) bits[b] = controlOut("bit" + b, "bit " + b + " of the count (1 or 0)");
    }

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        sample = 0;
    }

    @Override
    public void reset() {
        sample = 0;
    }

    @Override
    public void process(int frames) {
        double ticksPerSample = rate.value() / sampleRate;
        for (int i = 0; i < frames; i++, sample++) {
            int count = (int) ((long) Math.floor(sample * ticksPerSample) & 0xFF);
            for (int b = 0; b < BITS; b++) bits[b].buffer()[i] = (count >> b) & 1;
        }
    }
}
