package dev.conch.engine.driver;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.io.AsyncAudioWriter;
import dev.conch.engine.io.Clipping;
import dev.conch.engine.runtime.Engine;

import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Runs the realtime callback as fast as the machine allows and writes the output node to a file. The render
 * thread plays the audio thread's part (only {@link Engine#process} and ring writes inside the loop); the file is
 * written by the writer's own thread. Between callbacks the renderer waits for ring space, so nothing is dropped,
 * and a {@link StreamedInput} reads its next block there.
 *
 * <p>Nothing half-written: the output goes to a temporary file beside the target and is moved into place only when
 * complete. If the render fails or is interrupted the target is left as it was.
 *
 * <p>The tail: at {@link RenderOptions#frames()} (the network's duration) the sources are released
 * ({@link Engine#release}) and the effects ring out until every output channel has stayed below
 * {@value #QUIET_DBFS} dBFS for {@value #QUIET_SECONDS} s, or {@link RenderOptions#tailFrames()} have passed.
 */
public final class OfflineRenderer {
    /** The level under which the output counts as silent for ending the tail. */
    public static final double QUIET_DBFS = -90;
    /** How long the output must stay silent for the tail to end. */
    public static final double QUIET_SECONDS = 0.1;
    private static final float QUIET_LEVEL = (float) Math.pow(10, QUIET_DBFS / 20);

    private OfflineRenderer() {
    }

    /** The quiet stretch after {@code n} more frames: frames since the last one any channel reached the level. */
    private static int quietRun(float[][] buffer, int n, int quiet) {
        for (int i = 0; i < n; i++) {
            boolean loud = false;
            for (float[] channel : buffer) loud |= Math.abs(channel[i]) >= QUIET_LEVEL;
            quiet = loud ? 0 : quiet + 1;
        }
        return quiet;
    }

    /**
     * An automatic render's first frames run on one thread untimed while the JIT compiles the nodes: until their
     * loops are compiled a node's cost says little about its cost later, nor about its share (2^17 frames, 2.7 s at
     * 48 kHz; a cold measurement sent glass-drone, 51 µs a block once compiled, to 2 threads).
     */
    static final long UNMEASURED_FRAMES = 1 << 17;
    /**
     * The blocks after those, on one thread with each node timed, from which an automatic render chooses its thread
     * count; it goes parallel only if at least as many blocks are left.
     */
    static final int MEASURED_BLOCKS = 64;
    /**
     * The least speed-up a pipeline's evenest cut must promise (the chain's work over its costlier stage) for an
     * automatic render to take it: below it the hand-overs eat the gain.
     */
    static final double PIPELINE_LEAST_SPEEDUP = 1.3;
    /**
     * The fewest pieces a callback is cut into for a pipeline: the first piece of each callback has no second stage
     * beside it, the last no first stage, so fewer pieces waste more of the second thread.
     */
    static final int PIPELINE_PIECES = 8;
    /** The fewest frames in a piece: each piece is two hand-overs between the threads (a microsecond or so). */
    static final int PIPELINE_LEAST_PIECE = 256;
    /**
     * The least work per frame (all nodes, ns) a chain must have for a pipeline: its tokens cross between cores at
     * the cut, which costs per frame as well as per piece. P1, 4.7-5.3 ns per frame at block 4096 on one thread,
     * pipelined ran 4.7-6.9 ns per frame with both threads at realtime priority on idle cores (benchmarks/README):
     * no gain. The bound is set well above that; chains between were not measured.
     */
    static final double PIPELINE_LEAST_NANOS_PER_FRAME = 50;

    /** What an offline render's output blocks go to, on the render thread between callbacks (it may do I/O). */
    @FunctionalInterface
    public interface Sink {
        /** Takes {@code block[c][0 .. frames)} for every output channel; gone when this returns. */
        void accept(float[][] block, int frames) throws IOException;
    }

    /** The channels of the blocks a render of {@code network} gives its file and its {@link Sink}: at least one. */
    public static int outputChannels(CompiledNetwork network) {
        return Math.max(1, network.audioOutput() == null ? 0 : network.audioOutput().channelCount());
    }

    /**
     * @param progress told the number of frames done after each block (on the render thread: keep it cheap)
     */
    public static RenderResult render(CompiledNetwork network, RenderOptions options, LongConsumer progress)
            throws IOException, InterruptedException {
        return render(network, options, null, progress);
    }

    /**
     * As {@link #render(CompiledNetwork, RenderOptions, LongConsumer)}, and every block also goes to {@code sink}
     * (null: none) as it is made: a batch job writes its file there itself, with {@link RenderOptions#output()} null,
     * instead of handing each block to a writer thread of its own (its other jobs keep the cores busy meanwhile).
     */
    public static RenderResult render(CompiledNetwork network, RenderOptions options, Sink sink, LongConsumer progress)
            throws IOException, InterruptedException {
        boolean auto = options.threads() == RenderOptions.AUTO_THREADS;
        Engine engine = new Engine(network);
        // a single chain has no branches to share: more threads can only pipeline it, which needs its nodes' costs
        boolean pipelineOnly = options.threads() > 1 && engine.isOneChain() && engine.pipelineCuts().length > 0;
        engine.threads(auto || pipelineOnly ? 1 : options.threads());
        int channels = outputChannels(network);
        int block = Math.min(options.block(), network.maxBlock());
        AutoThreads chooser = auto || pipelineOnly ? new AutoThreads(pipelineOnly, options.threads(), block) : null;
        AsyncAudioWriter writer = options.output() == null ? null
                : AsyncAudioWriter.open(options.output(), channels, network.sampleRate(), options.format(), block);
        boolean done = false;
        long start = System.nanoTime();
        try {
            engine.release(options.frames());
            engine.open();
            float[][] buffer = new float[channels][block];
            InputSource input = options.input();
            float[][] in = input == null ? null : new float[engine.inputChannels()][block];
            if (input != null) input.rewind();
            long end = options.frames() + options.tailFrames();
            int quietNeeded = (int) Math.round(QUIET_SECONDS * network.sampleRate());
            int quiet = 0;
            long frames = 0;
            while (frames < end) {
                int n = (int) Math.min(block, end - frames);
                if (frames >= options.frames()) {
                    // never past the frame where the quiet stretch could complete, so the network's own file writers
                    // stop on the same frame as the output at any block size
                    n = Math.min(n, quietNeeded - quiet);
                } else {
                    n = (int) Math.min(n, options.frames() - frames);
                }
                engine.awaitCapacity();
                if (writer != null) writer.awaitSpace(n);
                if (input != null) input.fill(in, n);
                engine.process(in, buffer, n);
                if (frames >= options.frames()) {
                    quiet = quietRun(buffer, n, quiet);
                    if (quiet >= quietNeeded) end = frames + n;
                }
                if (writer != null && !writer.offer(buffer, n)) {
                    throw new IOException("the writer for " + options.output() + " fell behind (a bug: the render "
                            + "waits for room before each block)");
                }
                if (sink != null) sink.accept(buffer, n);
                frames += n;
                if (chooser != null) chooser.afterBlock(engine, frames, end - frames, block);
                progress.accept(frames);
                if (Thread.interrupted()) throw new InterruptedException("render interrupted");
            }
            engine.close();
            Clipping clipping = writer != null ? writer.close().clipping() : Clipping.NONE;
            done = true;
            return new RenderResult(options.output(), frames, engine.guardedSamples(), System.nanoTime() - start,
                    engine.failure(), clipping, engine.threads());
        } finally {
            if (!done) {
                if (writer != null) writer.abort();
                try {
                    engine.abort(); // the network's own file writers keep their targets too
                } catch (IOException suppressed) {
                    // the original failure is the one to report
                }
            }
        }
    }

    /**
     * Whether a chain measured at {@code nanosPerFrame} (all its nodes), whose evenest cut promises {@code speedup},
     * is worth pipelining in pieces of {@code piece} frames of callbacks of {@code block}, on {@code cores} cores, the
     * render thread having had {@code share} of one while it measured.
     */
    static boolean pipelinePays(double speedup, double nanosPerFrame, int cores, double share, int block, int piece) {
        return cores >= 2 && share >= Engine.LEAST_CORE_SHARE && block / piece >= PIPELINE_PIECES / 2
                && speedup >= PIPELINE_LEAST_SPEEDUP && nanosPerFrame >= PIPELINE_LEAST_NANOS_PER_FRAME;
    }

    /**
     * The thread count of an automatic render: untimed on one thread for {@link #UNMEASURED_FRAMES}, then every node
     * timed over {@link #MEASURED_BLOCKS} blocks, with the render thread's share of a core, then the choice: the
     * workers a network's branches pay for, else a two-stage pipeline of a chain when its evenest cut pays. A render
     * told to use more threads on a single chain measures the same way and makes the same choice.
     */
    private static final class AutoThreads {
        private final boolean pipelineOnly;
        /** The threads a render was told to use ({@link RenderOptions#AUTO_THREADS} for automatic). */
        private final int requested;
        private final int piece;
        /**
         * Fetched when timing starts, 2.7 s of audio in: the management classes cost a short render ~5 ms of CPU
         * it would never use them for.
         */
        private java.lang.management.ThreadMXBean cpu;
        private boolean choosing = true;
        /** Blocks since timing started. */
        private int timed;
        private long cpu0;
        private long wall0;

        AutoThreads(boolean pipelineOnly, int requested, int block) {
            this.pipelineOnly = pipelineOnly;
            this.requested = requested;
            this.piece = Math.max(PIPELINE_LEAST_PIECE, block / PIPELINE_PIECES);
        }

        /** After each block: {@code frames} done so far, {@code left} still to render. */
        void afterBlock(Engine engine, long frames, long left, int block) {
            if (!choosing || (timed == 0 && frames < UNMEASURED_FRAMES)) return;
            if (timed++ == 0) {
                cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                if (!cpu.isCurrentThreadCpuTimeSupported()) {
                    choosing = false;
                    return;
                }
                engine.measureNodes(true);
                cpu0 = cpu.getCurrentThreadCpuTime();
                wall0 = System.nanoTime();
            } else if (timed == MEASURED_BLOCKS + 1) {
                choosing = false;
                engine.measureNodes(false);
                double share = (cpu.getCurrentThreadCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
                int cores = Runtime.getRuntime().availableProcessors();
                if (left <= MEASURED_BLOCKS * (long) block) return;
                // a chain's only use for a worker, besides a pipeline, is a node that splits its block (P3's grains)
                int threads = engine.threadsWorthRunning(cores, MEASURED_BLOCKS, share);
                if (pipelineOnly) threads = Math.min(threads, requested);
                if (threads > 1) {
                    engine.threads(threads);
                    return;
                }
                Engine.PipelineChoice pipeline = engine.evenestPipeline();
                if (pipeline == null) return;
                double nanosPerFrame = pipeline.measuredNanos() / ((double) MEASURED_BLOCKS * block);
                // even when asked for more threads: on a busy machine each hand-over waits for the OS to run the
                // other thread, and P1 pipelined at load 6 took 5-10 s where one thread took 0.7 s
                if (pipelinePays(pipeline.speedup(), nanosPerFrame, cores, share, block, piece)) {
                    engine.pipeline(pipeline.cut(), piece);
                }
            }
        }
    }
}
