package dev.conch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;


import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.JsonText;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code conch bench NET.xml}: how much of the machine a network needs. Runs {@link Engine#process} in this thread
 * as fast as it can (after a warm-up that lets the JIT compile), and reports the realtime factor, each callback's
 * time as a share of its deadline, and each node's share of the work.
 *
 * <p>The factor and the callback distribution come from passes with per-node timing off, because timing adds two
 * clock reads per node per callback; the node shares come from one further pass with it on. The output buffers are
 * overwritten and discarded; file writers inside the network still write their files (between callbacks the loop
 * waits for their buffers, as a render does, and that wait counts in the wall time but not in the callback times).
 */
@Command(name = "bench", sortOptions = false,
        description = "Measure how fast a network runs: realtime factor, callback times against the deadline, "
                + "and each node's share of the work.",
        footer = {"", "Example:", "  conch bench networks/glass-drone.xml --seconds 30 --block 256",
                "  conch bench networks/glass-drone.xml --repeat 5 --json > drone-bench.json",
                "  conch bench networks/spectral-echo.xml -i voice.wav"})
final class BenchCommand extends CliCommand {
    @Mixin
    NetworkArgs network;

    @Option(names = {"-i", "--input"}, paramLabel = "IN",
            description = "sound file for the network's AudioInput, looped for as long as the bench runs; repeat to "
                    + "fill more channels, in order")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
            description = "audio seconds to time in each run (default: ${DEFAULT-VALUE})")
    double seconds;

    /**
     * Measured on glass-drone.xml: after 10 s the JIT had not finished (103-190x, and runs still speeding up one after
     * another); after 60 s the factor stays put from run to run (209-248x on a quiet 2-core VM).
     */
    @Option(names = "--warmup", paramLabel = "S", defaultValue = "60",
            description = "audio seconds to run first, untimed, so the JIT has compiled the hot code (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--block", paramLabel = "N", defaultValue = "512",
            description = "frames per engine callback, 1..8192 (default: ${DEFAULT-VALUE}); the deadline is N / sample rate")
    int block;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "threads running each callback's independent branches, the callback's own and N-1 workers, "
                    + "1..64 (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
            description = "time K runs of S seconds and report the median one, plus every run's factor (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--json", description = "print the numbers as one JSON object, for scripts")
    boolean json;

    /** One timed run: its wall time and its callbacks' times in percent of their deadlines, sorted. */
    private record Run(long frames, long wallNanos, double[] percents) {
        double factor(double sampleRate) {
            return frames / sampleRate / (wallNanos / 1e9);
        }

        /** Nearest-rank quantile, so p50 <= p99 <= p99.9 <= max always holds. */
        double quantile(double q) {
            int rank = (int) Math.ceil(q * percents.length);
            return percents[Math.max(0, Math.min(percents.length - 1, rank - 1))];
        }
    }

    /**
     * The engine as a driver calls it: with {@code -i}, each callback first takes the input's next frames (a copy,
     * as a device's driver would make, so it counts in the callback's time).
     */
    private static final class Callback {
        final Engine engine;
        private final RecordedInput input;
        private final float[][] in;

        Callback(Engine engine, RecordedInput input, int block) {
            this.engine = engine;
            this.input = input;
            this.in = new float[input == null ? 0 : engine.inputChannels()][block];
        }

        void process(float[][] out, int frames) {
            if (input != null) input.fill(in, frames);
            engine.process(in, out, frames);
        }

        void awaitCapacity() throws InterruptedException {
            engine.awaitCapacity();
        }

        void open() throws IOException {
            engine.open();
        }

        void close() throws IOException {
            engine.close();
        }

        int outputChannels() {
            return engine.outputChannels();
        }

        String failure() {
            return engine.failure();
        }

        Map<String, Long> nodeNanos() {
            return engine.nodeNanos();
        }

        void measureNodes(boolean on) {
            engine.measureNodes(on);
        }
    }

    /** One row of the node table. */
    private record NodeShare(String id, String type, double nsPerFrame, double share) {
    }

    @Override
    int run() throws Exception {
        checkBlock(block);
        checkThreads(threads);
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new UserError("--seconds " + Messages.number(seconds) + ": give audio seconds above 0 and at most 3600");
        }
        if (!(warmup >= 0 && warmup <= 3600)) {
            throw new UserError("--warmup " + Messages.number(warmup) + ": give audio seconds from 0 to 3600");
        }
        if (repeat < 1 || repeat > 100) throw new UserError("--repeat " + repeat + ": give a number of runs from 1 to 100");

        NetworkSpec spec = network.load(err(), inputs);
        CompiledNetwork net = NetworkFiles.compile(network.file, spec, ProcessorRegistry.load(), block, err());
        double sampleRate = net.sampleRate();
        long frames = Math.max(1, Math.round(seconds * sampleRate));
        if ((frames + block - 1) / block > Integer.MAX_VALUE - 8) {
            throw new UserError("--seconds " + Messages.number(seconds) + " at --block " + block
                    + " is too many callbacks to record; give fewer seconds or a larger block");
        }

        Callback engine = new Callback(new Engine(net).threads(threads), InputFiles.load(network.file, net, inputs, true, "-i"), block);
        List<Run> runs = new ArrayList<>();
        List<NodeShare> nodes;
        engine.open();
        try {
            float[][] buffer = new float[Math.max(1, engine.outputChannels())][block];
            long[] callbackNanos = new long[(int) ((frames + block - 1) / block)];
            runUntimed(engine, buffer, Math.round(warmup * sampleRate));
            for (int k = 0; k < repeat; k++) runs.add(timed(engine, buffer, frames, callbackNanos, sampleRate));
            nodes = nodeShares(engine, buffer, frames, net);
        } finally {
            engine.close();
        }

        List<Run> byFactor = new ArrayList<>(runs);
        byFactor.sort(Comparator.comparingDouble(r -> r.factor(sampleRate)));
        Run median = byFactor.get((byFactor.size() - 1) / 2); // the lower middle when even: a run that happened
        if (json) printJson(net, median, runs, nodes);
        else printText(net, median, runs, nodes, NetworkFiles.writesFiles(spec));

        if (engine.failure() != null) {
            err().println("error: a processor failed during the bench and was silenced from then on, so the "
                    + "numbers understate the network: " + engine.failure());
            return FAILED;
        }
        return OK;
    }

    /** Warm-up: the same loop without clocks. */
    private static void runUntimed(Callback engine, float[][] buffer, long frames) throws InterruptedException {
        int block = buffer[0].length;
        for (long done = 0; done < frames; ) {
            int n = (int) Math.min(block, frames - done);
            engine.awaitCapacity();
            engine.process(buffer, n);
            done += n;
            if (Thread.interrupted()) throw new InterruptedException("bench interrupted");
        }
    }

    /** One timed run: a clock read around each callback, kept in a preallocated array so the loop allocates nothing. */
    private static Run timed(Callback engine, float[][] buffer, long frames, long[] callbackNanos, double sampleRate)
            throws InterruptedException {
        int block = buffer[0].length;
        int calls = 0;
        long start = System.nanoTime();
        for (long done = 0; done < frames; ) {
            int n = (int) Math.min(block, frames - done);
            engine.awaitCapacity(); // only file writers ever wait here
            long t0 = System.nanoTime();
            engine.process(buffer, n);
            callbackNanos[calls++] = System.nanoTime() - t0;
            done += n;
        }
        long wall = System.nanoTime() - start;
        if (Thread.interrupted()) throw new InterruptedException("bench interrupted");
        // every callback but perhaps the last has a full block; each is measured against its own deadline
        double[] percents = new double[calls];
        for (int i = 0; i < calls; i++) {
            long n = Math.min(block, frames - (long) i * block);
            double deadlineNanos = n * 1e9 / sampleRate;
            percents[i] = 100.0 * callbackNanos[i] / deadlineNanos;
        }
        Arrays.sort(percents);
        return new Run(frames, wall, percents);
    }

    /**
     * A further pass of the same length with per-node timing on. Shares are of the summed node time, so they add up
     * to 100 %; the engine's own work between nodes (copying the output, applying queued changes) is not in them.
     */
    private static List<NodeShare> nodeShares(Callback engine, float[][] buffer, long frames, CompiledNetwork net)
            throws InterruptedException {
        Map<String, Long> before = engine.nodeNanos();
        engine.measureNodes(true);
        try {
            runUntimed(engine, buffer, frames);
        } finally {
            engine.measureNodes(false);
        }
        Map<String, Long> after = engine.nodeNanos();
        Map<String, Long> spent = new LinkedHashMap<>();
        // every node of the file appears, even one the compiler left out of the schedule (it never runs)
        for (NodeSpec n : net.spec().nodes()) spent.put(n.id(), 0L);
        after.forEach((id, ns) -> spent.put(id, ns - before.getOrDefault(id, 0L)));
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        List<NodeShare> rows = new ArrayList<>();
        spent.forEach((id, ns) -> rows.add(new NodeShare(id, typeOf(net, id), (double) ns / frames,
                total == 0 ? 100.0 / spent.size() : 100.0 * ns / total)));
        rows.sort(Comparator.comparingDouble(NodeShare::share).reversed());
        return rows;
    }

    /** The node's type; the steps the compiler adds have none in the file, so they are named for what they are. */
    private static String typeOf(CompiledNetwork net, String step) {
        String type = net.typeOf(step);
        return type != null ? type : net.spec().node(step).map(NodeSpec::type).orElseThrow();
    }


    /**
     * The JVM that ran the timing, since the figures depend on it ({@code ./conch} picks a JDK 25 for bench when one is
     * installed): "25.0.3+9-LTS, Eclipse Adoptium, serial collector".
     */
    static String java() {
        String gc = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).findFirst().orElse("");
        String collector = gc.startsWith("Copy") || gc.startsWith("MarkSweep") ? "serial collector"
                : gc.startsWith("G1") ? "G1 collector" : gc.startsWith("ZGC") ? "ZGC" : gc.isEmpty() ? "" : gc;
        return System.getProperty("java.runtime.version") + ", " + System.getProperty("java.vendor")
                + (collector.isEmpty() ? "" : ", " + collector);
    }

    private void printText(CompiledNetwork net, Run median, List<Run> runs, List<NodeShare> nodes, boolean writes) {
        double rate = net.sampleRate();
        double audio = median.frames() / rate;
        out().println("network   " + network.file);
        out().println(String.format(Locale.ROOT, "rate      %s Hz, block %d (deadline %.3f ms), %s",
                Messages.number(rate), block, block * 1000.0 / rate, threads == 1 ? "1 thread" : threads + " threads"));
        out().println(String.format(Locale.ROOT, "timed     %s of audio in %.3f s wall, after %s warm-up",
                Messages.duration(audio), median.wallNanos() / 1e9, Messages.duration(warmup)));
        out().println("java      " + java());
        out().println(String.format(Locale.ROOT, "speed     %.1fx realtime, %.1f ns per frame",
                median.factor(rate), (double) median.wallNanos() / median.frames()));
        out().println(String.format(Locale.ROOT,
                "callback  p50 %.2f %%, p99 %.2f %%, p99.9 %.2f %%, max %.2f %% of the deadline (%d callbacks)",
                median.quantile(0.5), median.quantile(0.99), median.quantile(0.999), median.quantile(1.0),
                median.percents().length));
        if (runs.size() > 1) {
            StringBuilder factors = new StringBuilder();
            for (Run r : runs) factors.append(String.format(Locale.ROOT, " %.1fx", r.factor(rate)));
            out().println("runs      median of " + runs.size() + ":" + factors);
        }
        if (writes) {
            out().println("files     the network's file writers wrote real files; waiting for them counts in the "
                    + "wall time, not in the callback times");
        }
        out().println();
        TextTable table = new TextTable("node", "type", "ns/frame", "share");
        for (NodeShare n : nodes) {
            table.row(n.id(), n.type(), String.format(Locale.ROOT, "%.1f", n.nsPerFrame()),
                    String.format(Locale.ROOT, "%.1f %%", n.share()));
        }
        table.print(out(), "");
        out().println("(node times from a further pass with per-node timing on, which slows it a little)");
    }

    private void printJson(CompiledNetwork net, Run median, List<Run> runs, List<NodeShare> nodes) throws IOException {
        double rate = net.sampleRate();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("network", network.file);
        o.put("sampleRate", rate);
        o.put("block", block);
        o.put("threads", threads);
        o.put("seconds", median.frames() / rate);
        o.put("warmupSeconds", warmup);
        o.put("wallSeconds", median.wallNanos() / 1e9);
        o.put("realtimeFactor", median.factor(rate));
        o.put("nsPerFrame", (double) median.wallNanos() / median.frames());
        o.put("java", java());
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("p50", median.quantile(0.5));
        callback.put("p99", median.quantile(0.99));
        callback.put("p999", median.quantile(0.999));
        callback.put("max", median.quantile(1.0));
        o.put("callback", callback);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NodeShare n : nodes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", n.id());
            row.put("type", n.type());
            row.put("nsPerFrame", n.nsPerFrame());
            row.put("share", n.share());
            rows.add(row);
        }
        o.put("nodes", rows);
        o.put("runs", runs.stream().map(r -> r.factor(rate)).toList());
        out().println(JsonText.of(o));
    }
}
