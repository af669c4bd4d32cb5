package dev.conch.engine.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The processor SPI. A processor is a small final class annotated with {@link ProcessorInfo}, with a public
 * no-argument constructor, listed in {@code META-INF/services/dev.conch.engine.runtime.Processor}. Its ports
 * and params are fields; {@link #prepare} allocates, {@link #process} only computes.
 *
 * <pre>{@code
 * @ProcessorInfo(name = "Gain", category = "Mixing", description = "Multiplies a signal by a gain in dB.")
 * public final class Gain extends Processor {
 *     private final Input in = audioIn("in", "signal");
 *     private final Output out = audioOut("out", "signal times gain");
 *     private final Param gain = param(ParamSpec.number("gain", "dB", -120, 24, 0).smoothed(20));
 *
 *     public void prepare(ProcessContext ctx) { }
 *
 *     public void process(int frames) {
 *         float[] x = in.buffer(), y = out.buffer();
 *         for (int i = 0; i < frames; i++) y[i] = x[i] * (float) Math.pow(10, gain.next() / 20);
 *     }
 * }
 * }</pre>
 *
 * <p>Lifecycle: constructor (declares static ports and params) → params set from the network file →
 * {@link #configure()} (declare ports that depend on structural params) → {@link #prepare} → {@link #open()}
 * → many {@link #process} calls on the audio thread → {@link #close()}.
 *
 * <p>{@link #process} runs on the audio thread: no allocation, no locks, no I/O, no logging.
 *
 * <p>A param that names a file is declared {@link ParamSpec#fileToRead} or {@link ParamSpec#fileToWrite}: the compiler
 * then resolves a relative path from the folder of the network file it was written in (a path typed on the command
 * line from the current folder), so the processor's {@link Param#text()} is already absolute. A processor never
 * resolves paths itself.
 *
 * <p><b>Splitting a block across threads</b> (opt-in; off for a processor that does not override
 * {@link #splitsWork}). A processor whose block is costly and can be cut into independent parts, such as a grain
 * cloud, returns true from {@link #splitsWork}; its {@link #process} does the serial work, calls {@link #runParts},
 * which runs {@link #part} for each part (on the workers of a parallel schedule, {@code --threads 2}, and on the
 * calling thread), and merges. Each part may touch only state no other part touches (its own output range, its own
 * scratch), and the bits must not depend on how many parts there are: the engine's output is the same at every
 * thread count.
 * <pre>{@code
 * private int frames;
 *
 * public boolean splitsWork() { return true; }
 *
 * public void process(int frames) {
 *     this.frames = frames;             // written before runParts: every part sees it
 *     if (partThreads() > 1 && frames >= 256) runParts(partThreads()); else part(0, 1);
 *     // merge here: runParts returns once every part has run, and their writes are seen here
 * }
 *
 * protected void part(int k, int count) {   // any thread, at the same time as the other parts
 *     float[] x = in.buffer(), y = out.buffer();
 *     for (int i = frames * k / count; i < frames * (k + 1) / count; i++) y[i] = slowFunction(x[i]);
 * }
 * }</pre>
 */
public abstract class Processor {
    private final List<Input> inputs = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private Map<String, SpectrumFormat> inputFormats = Map.of();
    /** Who runs {@link #runParts}' parts: set by the engine off the audio thread (a runner's workers), else serial. */
    private Parts parts = Parts.SERIAL;

    // ---- declarations (constructor / configure) ----

    protected final Input audioIn(String name, String description) {
        return input(PortSpec.audio(name, description));
    }

    protected final Input controlIn(String name, String description) {
        return input(PortSpec.control(name, description).asOptional());
    }

    protected final Input input(PortSpec spec) {
        Input in = new Input(spec);
        inputs.add(in);
        return in;
    }

    protected final Output audioOut(String name, String description) {
        return output(PortSpec.audio(name, description));
    }

    protected final Output controlOut(String name, String description) {
        return output(PortSpec.control(name, description));
    }

    protected final Output output(PortSpec spec) {
        Output out = new Output(spec);
        outputs.add(out);
        return out;
    }

    protected final Param param(ParamSpec spec) {
        for (Param p : params) {
            if (p.name().equals(spec.name())) throw new IllegalStateException("param declared twice: " + spec.name());
        }
        Param p = new Param(spec);
        params.add(p);
        return p;
    }

    /**
     * The framing of the spectrum stream connected to input {@code name}, for {@link #configure()}: a spectral node
     * declares its ports and sizes its work from it instead of repeating the STFT's params. Before the node is
     * connected (a descriptor, an editor palette, an unconnected input, which the compiler reports) it is
     * {@link SpectrumFormat#DEFAULT}.
     */
    protected final SpectrumFormat inputFormat(String name) {
        return inputFormats.getOrDefault(name, SpectrumFormat.DEFAULT);
    }

    /** Whether input {@code name} was handed the format of a stream (false: {@link #inputFormat} is the default). */
    protected final boolean hasInputFormat(String name) {
        return inputFormats.containsKey(name);
    }

    // ---- lifecycle ----

    /** Structural params have their values: declare the ports that depend on them (a mixer's N inputs). */
    protected void configure() {
    }

    /** Allocate every buffer {@link #process} will need. Runs off the audio thread. */
    public abstract void prepare(ProcessContext ctx);

    /** Computes {@code firings} firings (for rate-1 audio ports: {@code firings} samples). Audio thread. */
    public abstract void process(int firings);

    /** Clears state (delay lines, filter memories, phases) to what it was right after prepare. */
    public void reset() {
    }

    /** Samples by which this processor delays its input (an STFT's window, an oversampler's filter). */
    public int latency() {
        return 0;
    }

    /**
     * Seconds this processor keeps sounding after its input falls silent (a spectral delay's ring-down). A render
     * with no explicit length adds the network's longest tail.
     */
    public double tailSeconds() {
        return 0;
    }

    /**
     * The network's duration ends at sample {@code atFrame} of this processor's output: the tail begins. A source
     * makes no new sound from there (a file reader stops, a bell is struck no more, a grain stream starts no grain)
     * and what it still sounds fades to silence within 10 ms ({@link Release}; a struck bell's partials may instead
     * decay as they would); an effect ignores this and keeps running, so its echoes ring out.
     * Off the audio thread, after prepare and before the first callback.
     */
    public void release(long atFrame) {
    }

    /**
     * The file this processor writes when the network runs (absolute), or null. The compiler refuses two
     * processors writing one file, and a render refuses one writing its {@code -o} file: one output would be lost.
     */
    public java.nio.file.Path writesFile() {
        return null;
    }

    /** Off the audio thread, before the first callback: open files, start helper threads. */
    public void open() throws IOException {
    }

    /** Off the audio thread, after the last callback: finish files. */
    public void close() throws IOException {
    }

    /**
     * Off the audio thread, instead of {@link #close()} when the run did not finish (an interrupted or failed
     * render): drop what was only half made, so a file keeps what it held before. By default {@link #close()}, for a
     * processor that writes nothing.
     */
    public void abort() throws IOException {
        close();
    }

    /**
     * Offline rendering only, between callbacks: block until the next callback can run without losing data
     * (a file writer's ring has room). Never called on a realtime thread.
     */
    public void awaitCapacity() throws InterruptedException {
    }

    // ---- splitting a block across threads (see the class comment) ----

    /**
     * True for a processor whose {@link #process} may split its block with {@link #runParts}: a parallel schedule then
     * lets its workers run the parts, and an automatic thread count counts this processor's work as divisible. False
     * unless overridden.
     */
    public boolean splitsWork() {
        return false;
    }

    /**
     * Threads that may run parts of this block at once, the calling one included: 1 when the network runs on one
     * thread (then splitting only costs). Audio thread, from {@link #process}.
     */
    protected final int partThreads() {
        return parts.threads();
    }

    /**
     * Runs {@link #part}{@code (k, count)} for every k below {@code count} and returns once all have run, their writes
     * seen by the caller; what {@link #process} wrote before the call is seen by every part. Parts are taken by
     * whichever thread comes first, the calling one included, in no fixed order. Audio thread, from {@link #process}:
     * no allocation, no locks. A part's exception is thrown here, on the calling thread.
     */
    protected final void runParts(int count) {
        parts.run(this, count);
    }

    /**
     * Part {@code k} of {@code count} of the block {@link #process} is splitting (see {@link #runParts}). Any thread,
     * at the same time as the other parts: no allocation, no locks.
     */
    protected void part(int k, int count) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not split its work");
    }

    /** Installed by a runner with workers (and back to {@link Parts#SERIAL} when it stops); off the audio thread. */
    final void parts(Parts runner) {
        parts = runner;
    }

    // ---- introspection ----

    public final List<Input> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public final List<Output> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public final List<Param> params() {
        return Collections.unmodifiableList(params);
    }

    public final Input input(String name) {
        for (Input in : inputs) if (in.name().equals(name)) return in;
        return null;
    }

    public final Output output(String name) {
        for (Output out : outputs) if (out.name().equals(name)) return out;
        return null;
    }

    public final Param param(String name) {
        for (Param p : params) if (p.name().equals(name)) return p;
        return null;
    }

    public final ProcessorInfo info() {
        return getClass().getAnnotation(ProcessorInfo.class);
    }

    // ---- engine access (package-private) ----

    final void runConfigure() {
        configure();
    }

    /** Set before {@link #runConfigure()}: the formats of the spectrum streams the inputs will read. */
    final void inheritFormats(Map<String, SpectrumFormat> formats) {
        inputFormats = Map.copyOf(formats);
    }
}
