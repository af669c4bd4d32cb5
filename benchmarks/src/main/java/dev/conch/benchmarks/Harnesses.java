package dev.conch.benchmarks;

import java.util.Map;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;

/** Setting up a processor for a benchmark: found by its type name through the registry, inputs full of noise. */
final class Harnesses {
    static final double SAMPLE_RATE = 48000;

    /**
     * Samples processed per JMH operation. Every block size measured divides it, so one operation is always the
     * same amount of audio and {@code @OperationsPerInvocation(SAMPLES_PER_OP)} turns the score into ns per sample.
     */
    static final int SAMPLES_PER_OP = 4096;

    private Harnesses() {
    }

    /** A harness for {@code type}; fails loudly when the type is not on the class path. */
    static ProcessorHarness create(String type, Map<String, String> params, int block) {
        ProcessorRegistry registry = ProcessorRegistry.load();
        if (!registry.has(type)) {
            throw new IllegalStateException("processor type " + type + " is not registered; the registry has "
                    + registry.descriptors().stream().map(d -> d.type()).toList());
        }
        // the registry knows types by name only; an instance tells us the class the harness wants
        Class<? extends Processor> cls = registry.create(type, Map.of()).processor().getClass();
        ProcessorHarness h = ProcessorHarness.create(cls, params, SAMPLE_RATE, block);
        fillInputs(h, 0x5eed);
        return h;
    }

    /** Uniform noise in [-1, 1) from a fixed seed in every input buffer (audio, control and spectrum alike). */
    static void fillInputs(ProcessorHarness h, long seed) {
        long s = seed;
        for (Input in : h.processor().inputs()) {
            float[] buf = h.in(in.name());
            for (int i = 0; i < buf.length; i++) {
                s = s * 6364136223846793005L + 1442695040888963407L;
                buf[i] = (float) ((s >>> 40) / (double) (1L << 24)) * 2f - 1f;
            }
        }
    }

    /** Runs {@code samples} frames through the harness in blocks of {@code block}. */
    static void run(ProcessorHarness h, int block, int samples) {
        for (int done = 0; done < samples; done += block) h.process(block);
    }
}
