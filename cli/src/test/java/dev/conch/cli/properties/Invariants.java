package dev.conch.cli.properties;

import dev.conch.cli.CliRun;
import dev.conch.cli.properties.NetworkGenerator.Generated;
import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.driver.OfflineRenderer;
import dev.conch.engine.driver.PacedNullDriver;
import dev.conch.engine.driver.AudioCallback;
import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.driver.RenderOptions;
import dev.conch.engine.driver.RenderResult;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.LiveCapture;
import dev.conch.engine.xml.NetworkXml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every network must satisfy, checked one network at a time; a failed check throws an AssertionError that
 * names the invariant and shows the network as XML. Counts of what was checked are kept for the run's summary.
 *
 * <ul>
 *   <li>{@code round trip}: {@code NetworkXml.read(write(spec))} equals the spec;</li>
 *   <li>{@code validate}: {@code conch validate --block B} (B the largest block drawn) exits 0 exactly when the
 *       compiler accepts the network; the compiler throws nothing but a NetworkException;</li>
 *   <li>{@code refusal}: every problem of a refused network names one of its nodes in a sentence, and a network
 *       broken on purpose is refused, naming the node broken;</li>
 *   <li>{@code render}: an offline render (OfflineRenderer, 32-bit float WAV, read back) at each of the three block
 *       sizes ends without a processor failure and without a sample the engine had to guard;</li>
 *   <li>{@code finite}: every sample rendered is finite;</li>
 *   <li>{@code block sizes}: the three renders are bit-identical;</li>
 *   <li>{@code reuse}: a compiled network rendered once with another input (where it has an AudioInput) and another
 *       length, so its sources are released elsewhere, then rendered again as the first render, gives that render's
 *       bits: a batch job renders its files one after another on one compiled network ({@code BatchRenderer});</li>
 *   <li>{@code threads}: a render on 2 threads ({@code --threads 2}: the parallel schedule) at the second block size
 *       is bit-identical to the serial renders; and a network with a node that splits its blocks across threads
 *       (GrainStream: {@code Processor.splitsWork}) run on 3 threads at random block sizes, so that its parts go to
 *       the workers even where the network is a single chain, gives the same bits;</li>
 *   <li>{@code pipeline}: run as a two-stage pipeline ({@code Engine.pipeline}) cut at the middle one of its cuts,
 *       at the third block size, the same bits (networks whose schedule has no frame-locked tail have no cut);</li>
 *   <li>{@code sub-network}: the network with one of its nodes moved into a sub-network file ({@link SubNetworkWrap})
 *       renders the same bits at the first block size;</li>
 *   <li>{@code live}: a LiveSession run by an unpaced callback loop at the third block size records exactly the
 *       offline render; every {@value #PACED_EVERY}th network also plays through the PacedNullDriver;</li>
 *   <li>{@code bench}: {@code conch bench} exits 0 (every {@value #BENCH_EVERY}rd accepted network: it runs the
 *       network twice more);</li>
 *   <li>{@code allocation}: every {@value #ALLOCATION_EVERY}th accepted network allocates zero bytes on the audio
 *       thread over its length (AllocationMeter.fewestBytesOver, after a warm-up).</li>
 * </ul>
 */
final class Invariants {
    private static final float[][] NO_INPUT = new float[0][];
    static final int PACED_EVERY = 10;
    static final int ALLOCATION_EVERY = 5;
    static final int BENCH_EVERY = 3;
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    static final AtomicLong generated = new AtomicLong();
    static final AtomicLong accepted = new AtomicLong();
    static final AtomicLong refused = new AtomicLong();
    static final AtomicLong brokenOnPurpose = new AtomicLong();
    static final Map<String, AtomicLong> checks = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> traits = new ConcurrentHashMap<>();
    /** Milliseconds spent per step, to see where a run's time goes. */
    static final Map<String, AtomicLong> millis = new ConcurrentHashMap<>();
    /** Refusals of networks the generator meant to be valid, by first message: where the generator or a check is off. */
    static final Map<String, AtomicLong> unexpectedRefusals = new ConcurrentHashMap<>();

    private Invariants() {
    }

    /** Checks every invariant; an exception other than an invariant's becomes one that shows the network. */
    static void check(Generated g) throws Exception {
        try {
            checkAll(g);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new AssertionError("internal error: " + e + "\n" + g, e);
        }
    }

    private static void checkAll(Generated g) throws Exception {
        if (generated.incrementAndGet() % 250 == 0) {
            System.out.printf(Locale.ROOT, "%d networks so far: %d accepted, %d refused%n", generated.get(), accepted.get(),
                    refused.get());
        }
        if (g.mutation() != null) brokenOnPurpose.incrementAndGet();
        for (String t : g.traits()) count(traits, t);
        NetworkSpec spec = g.spec();
        String xml = NetworkXml.write(spec);
        NetworkSpec back = NetworkXml.read(xml, "generated.xml");
        expect(spec.equals(back), "round trip", "read(write(spec)) differs from spec: read back\n" + NetworkXml.write(back), g);

        NetworkException refusal = null;
        try {
            NetworkCompiler.compile(spec, REGISTRY, g.maxBlock());
        } catch (NetworkException e) {
            refusal = e;
        }
        Path file = SampleFiles.scratch().resolve("generated.xml");
        Files.writeString(file, xml);
        long t0 = System.nanoTime();
        CliRun validate = CliRun.of("validate", "--block", Integer.toString(g.maxBlock()), file.toString());
        t0 = time("validate", t0);
        expect((validate.exit() == 0) == (refusal == null), "validate",
                "conch validate and the compiler disagree: compiler " + (refusal == null ? "accepts" : refusal.getMessage())
                        + "\nvalidate: " + validate, g);
        if (refusal != null) {
            refused(g, refusal, validate);
            return;
        }
        accepted.incrementAndGet();
        expect(g.mutation() == null, "refusal", "broken on purpose (" + g.mutation() + ") but accepted", g);

        float[][][] renders = new float[3][][];
        for (int i = 0; i < 3; i++) renders[i] = offline(g, g.blocks()[i], 1, i);
        t0 = time("render x3", t0);
        for (float[][] r : renders) finite(r, g);
        for (int i = 1; i < 3; i++) identical(renders[0], renders[i], "block sizes", "block " + g.blocks()[0] + " and block "
                + g.blocks()[i], g);
        identical(renders[0], reused(g, g.blocks()[0]), "reuse", "a fresh network and the same network rendered "
                + "again after a render of another input and length, at block " + g.blocks()[0], g);
        t0 = time("reuse", t0);
        identical(renders[0], offline(g, g.blocks()[1], 2, 3), "threads", "1 thread at block " + g.blocks()[0]
                + " and 2 threads at block " + g.blocks()[1], g);
        t0 = time("render on 2 threads", t0);
        float[][] pipelined = pipelined(g, g.blocks()[2]);
        if (pipelined != null) {
            identical(renders[0], pipelined, "pipeline", "1 thread at block " + g.blocks()[0]
                    + " and a two-stage pipeline at block " + g.blocks()[2], g);
        }
        t0 = time("pipeline", t0);
        float[][] split = split(g, g.blocks()[2]);
        if (split != null) {
            identical(renders[0], split, "threads", "1 thread at block " + g.blocks()[0] + " and 3 threads, blocks "
                    + "split into parts, at random block sizes up to " + g.blocks()[2], g);
        }
        t0 = time("split", t0);
        NetworkSpec wrapped = SubNetworkWrap.wrap(spec, REGISTRY, SampleFiles.scratch(), (int) accepted.get());
        if (wrapped != null) {
            String which = wrapped.nodes().stream().filter(NodeSpec::isSubNetwork).findFirst().orElseThrow().id();
            identical(renders[0], offline(new Generated(wrapped, g.blocks(), g.frames(), null, null, g.traits()),
                    g.blocks()[0], 1, 4), "sub-network", "the network and the same with node '" + which
                    + "' in a sub-network (at block " + g.blocks()[0] + ")", g);
            t0 = time("sub-network", t0);
        }
        identical(renders[0], live(g, g.blocks()[2]), "live", "offline and unpaced live", g);
        t0 = time("live", t0);
        if (accepted.get() % PACED_EVERY == 0) identical(renders[0], paced(g, g.blocks()[1]), "live", "offline and paced live", g);
        t0 = time("paced", t0);
        if (accepted.get() % BENCH_EVERY == 0) {
            List<String> args = new ArrayList<>(List.of("bench", file.toString(), "--seconds",
                    Double.toString(spec.duration()), "--warmup", "0", "--block", Integer.toString(g.blocks()[1])));
            args.addAll(inputArgs(g));
            CliRun bench = CliRun.of(args.toArray(new String[0]));
            expect(bench.exit() == 0, "bench", "conch bench failed: " + bench, g);
            t0 = time("bench", t0);
        }
        if (accepted.get() % ALLOCATION_EVERY == 0) allocation(g);
        time("allocation", t0);
    }

    private static long time(String step, long since) {
        long now = System.nanoTime();
        millis.computeIfAbsent(step, k -> new AtomicLong()).addAndGet((now - since) / 1_000_000);
        return now;
    }

    private static void refused(Generated g, NetworkException refusal, CliRun validate) {
        refused.incrementAndGet();
        for (Problem p : refusal.problems()) {
            expect(p.node() != null && g.spec().node(p.node()).isPresent() && p.message() != null
                    && !p.message().isBlank(), "refusal", "a problem that names no node of the network: " + p.describe(), g);
        }
        expect(!validate.err().contains("Exception") && validate.err().contains("node '"), "refusal",
                "validate's message is not a sentence naming a node: " + validate.err(), g);
        if (g.mutation() != null) {
            expect(refusal.problems().stream().anyMatch(p -> g.mutatedNode().equals(p.node())), "refusal",
                    "broken on purpose (" + g.mutation() + ") but the problems name other nodes: " + refusal.getMessage(), g);
        } else {
            String first = refusal.problems().get(0).message().replaceAll("[0-9.]+", "#");
            count(unexpectedRefusals, first.length() > 140 ? first.substring(0, 140) : first);
        }
    }

    /**
     * What a network with an AudioInput hears: the mono sample file on every channel, at the network's rate, looped
     * (generated networks last longer than it); null for a network without one.
     */
    private static RecordedInput input(CompiledNetwork net) throws Exception {
        return input(net, 0);
    }

    /** As {@link #input(CompiledNetwork)}, with sample file {@code sample}'s first channel. */
    private static RecordedInput input(CompiledNetwork net, int sample) throws Exception {
        if (net.inputChannels() == 0) return null;
        float[][] file = RecordedInput.read(SampleFiles.all().get(sample).path(), net.sampleRate());
        List<float[][]> channels = new ArrayList<>();
        for (int c = 0; c < net.inputChannels(); c++) channels.add(file);
        return RecordedInput.of(channels, true);
    }

    /** The same sample file once per input channel, as -i options for the CLI. */
    private static List<String> inputArgs(Generated g) throws Exception {
        int channels = NetworkCompiler.compile(g.spec(), REGISTRY, g.maxBlock()).inputChannels();
        List<String> args = new ArrayList<>();
        for (int c = 0; c < channels; c++) args.addAll(List.of("-i", SampleFiles.all().get(0).path().toString()));
        return args;
    }

    private static float[][] offline(Generated g, int block, int threads, int index) throws Exception {
        return offline(NetworkCompiler.compile(g.spec(), REGISTRY, block), g, block, threads, index);
    }

    /**
     * A batch job's plain files on one compiled network: first one with another input (the short float sample) and
     * about half the length, then this network's own, as {@link #offline} renders it.
     */
    private static float[][] reused(Generated g, int block) throws Exception {
        CompiledNetwork net = NetworkCompiler.compile(g.spec(), REGISTRY, block);
        long frames = g.frames() / 2 + 17;
        RenderResult other = OfflineRenderer.render(net, new RenderOptions(SampleFiles.scratch().resolve("other.wav"),
                frames, block, SampleFormat.FLOAT32, 0, input(net, 2), 1), f -> { });
        expect(other.failure() == null, "render", "a processor failed at block " + block + " rendering " + frames
                + " frames of another input: " + other.failure(), g);
        return offline(net, g, block, 1, 5);
    }

    /** {@code net} rendered for {@code g}'s length at {@code block} on {@code threads}, its input the first sample's. */
    private static float[][] offline(CompiledNetwork net, Generated g, int block, int threads, int index) throws Exception {
        Path wav = SampleFiles.scratch().resolve("render" + index + ".wav");
        RenderResult r = OfflineRenderer.render(net, new RenderOptions(wav, g.frames(), block, SampleFormat.FLOAT32, 0,
                input(net), threads), f -> { });
        expect(r.failure() == null, "render", "a processor failed at block " + block + " on " + threads + " threads: "
                + r.failure(), g);
        expect(r.guardedSamples() == 0, "finite", r.guardedSamples() + " samples were NaN or infinite at block " + block, g);
        float[][] data = AudioFileLoader.load(wav).channels();
        expect(data[0].length == g.frames(), "render", "rendered " + data[0].length + " frames, not " + g.frames(), g);
        return data;
    }

    /**
     * The play path without the clock: a LiveSession called back block after block as a device would. Unpaced, it
     * would outrun a file streamed from disk; between callbacks it waits for the streams as a render does (a device's
     * period gives them that time).
     */
    private static float[][] live(Generated g, int block) throws Exception {
        CompiledNetwork net = NetworkCompiler.compile(g.spec(), REGISTRY, block);
        Engine engine = new Engine(net);
        int channels = Math.max(1, engine.outputChannels());
        engine.open();
        // the render releases its sources at the duration, and through an STFT chain a release reaches a hop back
        // into the output: the live run releases them at the same frame, so the two compare sample for sample
        engine.release(g.frames());
        LiveCapture capture = new LiveCapture(new LiveSession(engine, 10), channels, (int) g.frames());
        RecordedInput input = input(net);
        AudioCallback device = input == null ? capture : input.feeding(capture);
        device.configure(g.spec().sampleRate(), 0, channels, block);
        float[][] out = new float[channels][block];
        do {
            engine.awaitCapacity();
        } while (device.process(NO_INPUT, out, block));
        device.shutdown();
        expect(engine.failure() == null, "live", "a processor failed live: " + engine.failure(), g);
        return capture.kept();
    }

    /**
     * The network run as a two-stage pipeline ({@link Engine#pipeline}) cut at the middle one of its cuts, in pieces
     * of a third of the block (at least 8 frames), as an offline render runs it; null when its schedule has no cut.
     */
    private static float[][] pipelined(Generated g, int block) throws Exception {
        CompiledNetwork net = NetworkCompiler.compile(g.spec(), REGISTRY, block);
        Engine engine = new Engine(net);
        int[] cuts = engine.pipelineCuts();
        if (cuts.length == 0) return null;
        int channels = Math.max(1, engine.outputChannels());
        RecordedInput input = input(net);
        float[][] in = new float[engine.inputChannels()][block];
        float[][] buffer = new float[channels][block];
        float[][] out = new float[channels][(int) g.frames()];
        engine.release(g.frames());
        engine.open();
        try {
            engine.pipeline(cuts[cuts.length / 2], Math.max(8, block / 3));
            pump(engine, g, input, in, buffer, out, () -> block);
        } finally {
            engine.close();
        }
        expect(engine.failure() == null, "pipeline", "a processor failed in the pipeline: " + engine.failure(), g);
        count(checks, "pipeline (networks with a cut)");
        return out;
    }

    /** Runs an opened engine over the generated network's frames, {@code sizes} frames a call, into {@code out}. */
    private static void pump(Engine engine, Generated g, RecordedInput input, float[][] in, float[][] buffer,
                             float[][] out, java.util.function.IntSupplier sizes) throws InterruptedException {
        for (int done = 0; done < g.frames(); ) {
            int n = (int) Math.min(sizes.getAsInt(), g.frames() - done);
            engine.awaitCapacity();
            if (input != null) input.fill(in, n);
            engine.process(in, buffer, n);
            for (int c = 0; c < out.length; c++) System.arraycopy(buffer[c], 0, out[c], done, n);
            done += n;
        }
    }

    /**
     * A network with a node that splits its blocks, on 3 threads at random block sizes up to {@code block}: the
     * engine's workers run the node's parts (a render on 2 threads would keep a single chain on one thread while
     * it measures, longer than a generated network lasts). Null for a network without such a node.
     */
    private static float[][] split(Generated g, int block) throws Exception {
        CompiledNetwork net = NetworkCompiler.compile(g.spec(), REGISTRY, block);
        if (net.processors().values().stream().noneMatch(p -> p.splitsWork())) return null;
        Engine engine = new Engine(net).threads(3);
        int channels = Math.max(1, engine.outputChannels());
        RecordedInput input = input(net);
        float[][] in = new float[engine.inputChannels()][block];
        float[][] buffer = new float[channels][block];
        float[][] out = new float[channels][(int) g.frames()];
        java.util.SplittableRandom random = new java.util.SplittableRandom(g.frames());
        engine.release(g.frames());
        engine.open();
        try {
            pump(engine, g, input, in, buffer, out, () -> 1 + random.nextInt(block));
        } finally {
            engine.close();
        }
        expect(engine.failure() == null, "threads", "a processor failed on 3 threads: " + engine.failure(), g);
        count(checks, "threads with blocks split into parts (networks with a GrainStream)");
        return out;
    }

    private static float[][] paced(Generated g, int block) throws Exception {
        CompiledNetwork net = NetworkCompiler.compile(g.spec(), REGISTRY, block);
        Engine engine = new Engine(net);
        int channels = Math.max(1, engine.outputChannels());
        engine.open();
        engine.release(g.frames()); // as in live()
        LiveCapture capture = new LiveCapture(new LiveSession(engine, 10), channels, (int) g.frames());
        PacedNullDriver driver = new PacedNullDriver(g.spec().sampleRate(), channels, block, 4);
        RecordedInput input = input(net);
        driver.start(input == null ? capture : input.feeding(capture));
        driver.awaitEnd(30_000);
        driver.stop();
        expect(capture.filled() == g.frames(), "live", "the paced run ended early: " + capture.filled() + " frames", g);
        count(checks, "live (paced null driver)");
        return capture.kept();
    }

    private static void allocation(Generated g) throws Exception {
        int block = g.blocks()[1];
        CompiledNetwork net = NetworkCompiler.compile(g.spec(), REGISTRY, block);
        Engine engine = new Engine(net);
        float[][] out = new float[Math.max(1, engine.outputChannels())][block];
        RecordedInput input = input(net);
        float[][] in = new float[engine.inputChannels()][block];
        engine.open();
        try {
            long callbacks = (g.frames() + block - 1) / block;
            Runnable run = () -> {
                try {
                    for (long i = 0; i < callbacks; i++) {
                        engine.awaitCapacity();
                        if (input != null) input.fill(in, block);
                        engine.process(in, out, block);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            run.run();
            AllocationMeter.warmUp(() -> engine.process(in, out, block), 200, 20_000);
            long bytes = AllocationMeter.fewestBytesOver(3, run);
            expect(bytes == 0, "allocation", bytes + " bytes allocated on the audio thread over " + callbacks
                    + " callbacks of " + block + " frames", g);
        } finally {
            engine.close();
        }
    }

    private static void finite(float[][] r, Generated g) {
        for (int c = 0; c < r.length; c++) {
            for (int i = 0; i < r[c].length; i++) {
                expect(Float.isFinite(r[c][i]), "finite", "channel " + (c + 1) + " frame " + i + " is " + r[c][i], g);
            }
        }
    }

    private static void identical(float[][] a, float[][] b, String invariant, String what, Generated g) {
        expect(a.length == b.length, invariant, what + ": " + a.length + " against " + b.length + " channels", g);
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < a[c].length; i++) {
                if (Float.floatToRawIntBits(a[c][i]) != Float.floatToRawIntBits(b[c][i])) {
                    expect(false, invariant, String.format(Locale.ROOT, "%s differ first at channel %d frame %d: %s against %s",
                            what, c + 1, i, a[c][i], b[c][i]), g);
                }
            }
        }
    }

    private static void expect(boolean ok, String invariant, String message, Generated g) {
        if (!ok) throw new AssertionError(invariant + ": " + message + "\n" + g);
        count(checks, invariant);
    }

    private static void count(Map<String, AtomicLong> map, String key) {
        map.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** The run's figures, for the summary printed after the property. */
    static String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "generated networks: %d (%d broken on purpose); accepted %d, refused %d%n",
                generated.get(), brokenOnPurpose.get(), accepted.get(), refused.get()));
        sb.append("invariant checks passed:\n");
        new TreeMap<>(checks).forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        sb.append(String.format(Locale.ROOT, "  (on a subset of the accepted networks, to keep the run short: allocation on "
                + "every %dth (warm-up), paced live on every %dth (real time), conch bench on every %drd)%n",
                ALLOCATION_EVERY, PACED_EVERY, BENCH_EVERY));
        sb.append("milliseconds spent: ").append(new TreeMap<>(millis)).append('\n');
        sb.append("features generated (networks):\n");
        new TreeMap<>(traits).forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        java.util.EnumSet<Feature> off = java.util.EnumSet.allOf(Feature.class);
        off.removeAll(Feature.enabled());
        sb.append("features off (bugs being fixed): ").append(off).append('\n');
        if (!unexpectedRefusals.isEmpty()) {
            sb.append("refusals of networks meant to be valid, by first problem:\n");
            new TreeMap<>(unexpectedRefusals).forEach((k, v) -> sb.append("  ").append(v).append(" x ").append(k).append('\n'));
        }
        return sb.toString();
    }
}
