package dev.conch.engine.runtime;

import java.util.Arrays;
import java.util.Map;

/**
 * Runs one processor outside a network: its inputs and outputs are plain arrays owned by the harness. For
 * processor unit tests and JMH benchmarks; a network runs processors through the compiled schedule instead.
 *
 * <pre>{@code
 * ProcessorHarness h = ProcessorHarness.create(Gain.class, Map.of("gain", "-6"), 48000, 256);
 * float[] y = h.run("in", x, "out");     // feeds x through in blocks of 256, returns all of out
 * }</pre>
 */
public final class ProcessorHarness {
    private final Processor processor;
    private final int maxFirings;

    private ProcessorHarness(Processor processor, double sampleRate, int maxFirings, double samplesPerFiring) {
        this.processor = processor;
        this.maxFirings = maxFirings;
        for (Input in : processor.inputs()) {
            in.readFrom(new float[in.floats(maxFirings)]);
            in.connected = true;
        }
        for (Output out : processor.outputs()) {
            out.writeTo(new float[out.floats(maxFirings)]);
            out.connected = true;
        }
        for (Param p : processor.params()) p.prepare(sampleRate);
        processor.prepare(new ProcessContext(sampleRate, maxFirings, maxFirings, samplesPerFiring));
    }

    /** Instantiates {@code type} with params given as file texts; a bad param is an IllegalArgumentException. */
    public static ProcessorHarness create(Class<? extends Processor> type, Map<String, String> params,
                                          double sampleRate, int maxFirings) {
        return create(type, params, sampleRate, maxFirings, 1);
    }

    /** As above, for a processor whose firing stands for {@code samplesPerFiring} samples (it drives a spectral node). */
    public static ProcessorHarness create(Class<? extends Processor> type, Map<String, String> params,
                                          double sampleRate, int maxFirings, double samplesPerFiring) {
        return create(type, params, sampleRate, maxFirings, samplesPerFiring, null);
    }

    /**
     * As above, for a spectral node whose every spectrum input reads frames of {@code spectrum} (what an STFT's
     * output would carry in a network; null for the default format).
     */
    public static ProcessorHarness create(Class<? extends Processor> type, Map<String, String> params,
                                          double sampleRate, int maxFirings, double samplesPerFiring,
                                          SpectrumFormat spectrum) {
        ProcessorRegistry registry = ProcessorRegistry.of(type);
        String name = type.getAnnotation(ProcessorInfo.class).name();
        Map<String, SpectrumFormat> formats = new java.util.HashMap<>();
        if (spectrum != null) {
            for (PortSpec in : registry.descriptor(name).inputs()) {
                if (in.kind() == PortKind.SPECTRUM) formats.put(in.name(), spectrum);
            }
        }
        ProcessorRegistry.Created c = registry.create(name, params, formats);
        if (!c.problems().isEmpty()) throw new IllegalArgumentException(c.problems().toString());
        return new ProcessorHarness(c.processor(), sampleRate, maxFirings, samplesPerFiring);
    }

    public Processor processor() {
        return processor;
    }

    public int maxFirings() {
        return maxFirings;
    }

    /** The input's buffer: write the next call's tokens here from index 0. */
    public float[] in(String port) {
        Input in = processor.input(port);
        if (in == null) throw new IllegalArgumentException("no input " + port);
        return in.buffer;
    }

    /** The output's buffer: the last call's tokens from index 0. */
    public float[] out(String port) {
        Output out = processor.output(port);
        if (out == null) throw new IllegalArgumentException("no output " + port);
        return out.buffer;
    }

    /** Marks an input as unconnected (the processor sees {@link Input#connected()} false and zeros). */
    public ProcessorHarness disconnect(String port) {
        Input in = processor.input(port);
        in.connected = false;
        Arrays.fill(in.buffer, 0f);
        return this;
    }

    /**
     * Makes the processor see {@code threads} threads for {@link Processor#runParts}, which then runs the parts on
     * this thread, the last first: a processor that splits its work ({@link Processor#splitsWork}) must still give
     * the bits it gives on one thread. For tests.
     */
    public ProcessorHarness splitParts(int threads) {
        processor.parts(threads == 1 ? Parts.SERIAL : Parts.backwards(threads));
        return this;
    }

    /** A live change, as the control queue would apply it (smoothed where the param is). */
    public void set(String param, double value) {
        processor.param(param).set(value);
    }

    public void process(int firings) {
        if (firings > maxFirings) throw new IllegalArgumentException(firings + " > max " + maxFirings);
        processor.process(firings);
    }

    /** Renders {@code frames} samples of a rate-1 output with all inputs left as they are (sources). */
    public float[] render(String outPort, int frames) {
        float[] result = new float[frames];
        for (int done = 0; done < frames; ) {
            int n = Math.min(maxFirings, frames - done);
            processor.process(n);
            System.arraycopy(out(outPort), 0, result, done, n);
            done += n;
        }
        return result;
    }

    /** Feeds {@code signal} to a rate-1 input in blocks and collects a rate-1 output of the same length. */
    public float[] run(String inPort, float[] signal, String outPort) {
        float[] result = new float[signal.length];
        float[] in = in(inPort);
        for (int done = 0; done < signal.length; ) {
            int n = Math.min(maxFirings, signal.length - done);
            System.arraycopy(signal, done, in, 0, n);
            processor.process(n);
            System.arraycopy(out(outPort), 0, result, done, n);
            done += n;
        }
        return result;
    }
}
