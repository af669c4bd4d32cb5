package dev.conch.engine.runtime;

/**
 * A fixed delay the compiler inserts where paths of different latency meet, so they stay aligned (as JUCE's
 * AudioProcessorGraph does). Never written in a network file; it shows in the schedule as {@code from->to+N}.
 */
@ProcessorInfo(name = "LatencyCompensation", category = "Internal", description = "Fixed delay aligning paths of unequal latency.")
public final class LatencyDelay extends Processor {
    private final Input in;
    private final Output out;
    private final int samples;
    private float[] line;
    private int pos;

    /** The registry's describe pass only. */
    public LatencyDelay() {
        this(0, PortSpec.audio("in", "signal"));
    }

    public LatencyDelay(int samples, PortSpec kind) {
        this.samples = samples;
        this.in = input(new PortSpec("in", kind.kind(), 1, 1, false, "signal"));
        this.out = output(new PortSpec("out", kind.kind(), 1, 1, false, "signal, later"));
    }

    public int samples() {
        return samples;
    }

    @Override
    public void prepare(ProcessContext ctx) {
        line = new float[Math.max(1, samples)];
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        if (samples == 0) {
            System.arraycopy(x, 0, y, 0, frames);
            return;
        }
        for (int i = 0; i < frames; i++) {
            y[i] = line[pos];
            line[pos] = x[i];
            if (++pos == samples) pos = 0;
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(line, 0f);
        pos = 0;
    }

    @Override
    public int latency() {
        return samples;
    }
}
