package dev.conch.processors.control;

import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.AllocationMeter;

import java.util.Map;
import java.util.function.Consumer;

/** Running the control processors in tests: any block size, live changes at exact samples, allocation counts. */
final class ControlTesting {
    static final double SR = 48000;

    private ControlTesting() {
    }

    static ProcessorHarness harness(Class<? extends Processor> type, Map<String, String> params, int block) {
        return ProcessorHarness.create(type, params, SR, block);
    }

    /** Renders {@code frames} of a source's output in blocks of {@code block}. */
    static float[] render(Class<? extends Processor> type, Map<String, String> params, int frames, int block) {
        return harness(type, params, block).render("out", frames);
    }

    /**
     * Runs {@code frames} samples in blocks of at most {@code block}, feeding {@code input} (or nothing, when
     * {@code inPort} is null) and applying {@code change} just before sample {@code at} (a block ends there, as the
     * engine splits a callback at a timed change). Returns the whole of {@code out}.
     */
    static float[] run(ProcessorHarness h, String inPort, float[] input, int frames, int block,
                       int at, Consumer<ProcessorHarness> change) {
        float[] result = new float[frames];
        for (int done = 0; done < frames; ) {
            if (done == at && change != null) change.accept(h);
            int n = Math.min(block, frames - done);
            if (at > done) n = Math.min(n, at - done);
            if (inPort != null) System.arraycopy(input, done, h.in(inPort), 0, n);
            h.process(n);
            System.arraycopy(h.out("out"), 0, result, done, n);
            done += n;
        }
        return result;
    }

    static float[] run(ProcessorHarness h, String inPort, float[] input, int block) {
        return run(h, inPort, input, input.length, block, -1, null);
    }

    /** Bytes allocated by 10,000 calls of {@code block} frames, after the JIT has settled (fewest over 3 runs). */
    static long bytesPer10000Calls(ProcessorHarness h, int block) {
        AllocationMeter.warmUp(() -> h.process(block), 5000, 100_000);
        return AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < 10_000; i++) h.process(block);
        });
    }

    /** Index of the first sample at or after {@code from} where x reaches {@code level} going up (or -1). */
    static int firstAtOrAbove(float[] x, int from, double level) {
        for (int i = from; i < x.length; i++) if (x[i] >= level) return i;
        return -1;
    }

    /** Index of the first sample at or after {@code from} where x falls to {@code level} or below (or -1). */
    static int firstAtOrBelow(float[] x, int from, double level) {
        for (int i = from; i < x.length; i++) if (x[i] <= level) return i;
        return -1;
    }

    /** Time in samples, with linear interpolation, when x first crosses {@code level} after {@code from}. */
    static double crossing(float[] x, int from, double level) {
        boolean above = x[from] >= level;
        for (int i = from + 1; i < x.length; i++) {
            boolean now = x[i] >= level;
            if (now != above) {
                double a = x[i - 1], b = x[i];
                return (i - 1) + (level - a) / (b - a);
            }
        }
        return Double.NaN;
    }
}
