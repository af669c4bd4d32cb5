package dev.conch.benchmarks;

import java.util.Map;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;

/** Setting up a processor for a benchmark: found by its type name through the registry, inputs full of noise. */
public final class Harnesses {
    public static final double SAMPLE_RATE = 48000;

    /**
     * Samples processed per JMH operation. Every block size measured divides it, so one operation is always the
     * same amount of audio and {@code @OperationsPerInvocation(SAMPLES_PER_OP)} turns the score into ns per sample.
     */
    public static final int SAMPLES_PER_OP = 4096;

    private Harnesses() {
    }

    /** A harness for {@code type} at audio rate; fails loudly when the type is not on the class path. */
    public static ProcessorHarness create(String type, Map<String, String> params, int block) {
        return create(type, params, block, 1);
    }

    /**
     * A harness for {@code type} that fires at most {@code maxFirings} times per call, each firing standing for
     * {@code samplesPerFiring} samples (the hop, for a spectral node), with every input buffer full of noise.
     * Checks first that every registered type has a benchmark ({@link Coverage#check()}).
     */
    public static ProcessorHarness create(String type, Map<String, String> params, int maxFirings,
                                          double samplesPerFiring) {
        return create(type, params, maxFirings, samplesPerFiring, null);
    }

    /** As above, for a spectral node reading frames of {@code spectrum} (what its STFT would hand it). */
    public static ProcessorHarness create(String type, Map<String, String> params, int maxFirings,
                                          double samplesPerFiring, SpectrumFormat spectrum) {
        Coverage.check();
        ProcessorRegistry registry = ProcessorRegistry.load();
        if (!registry.has(type)) {
            throw new IllegalStateException("processor type " + type + " is not registered; the registry has "
                    + registry.descriptors().stream().map(d -> d.type()).toList());
        }
        // the registry knows types by name only; an instance tells us the class the harness wants
        Class<? extends Processor> cls = registry.create(type, Map.of()).processor().getClass();
        ProcessorHarness h = ProcessorHarness.create(cls, params, SAMPLE_RATE, maxFirings, samplesPerFiring, spectrum);
        fillInputs(h, 0x5eed);
        return h;
    }

    /** Uniform noise in [-1, 1) from a fixed seed in every input buffer (audio, control and spectrum alike). */
    public static void fillInputs(ProcessorHarness h, long seed) {
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

    /** The first output's buffer, or a one-element stand-in for a sink without outputs (AudioOutput). */
    static float[] firstOutput(ProcessorHarness h) {
        return h.processor().outputs().isEmpty() ? new float[Math.max(1, h.maxFirings())]
                : h.out(h.processor().outputs().get(0).name());
    }
}
