package dev.conch.engine.runtime;

import dev.conch.engine.concurrent.ControlQueue;
import dev.conch.engine.concurrent.RealtimePriority;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.model.Diagnostics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a compiled network. {@link #process} is the realtime callback: it applies queued parameter changes at
 * their sample offsets, runs the schedule, and copies the {@code AudioOutput} node's inputs into the driver's
 * buffers, replacing NaN/Inf by silence and flushing denormals. It never allocates, locks or blocks.
 *
 * <pre>{@code
 * CompiledNetwork net = NetworkCompiler.compile(NetworkXml.read(path), ProcessorRegistry.load(), 512);
 * Engine engine = new Engine(net);   // or new Engine(net).threads(2): the same bits, on a worker too
 * engine.open();
 * float[][] out = new float[engine.outputChannels()][512];
 * engine.process(out, 512);          // from the driver's thread, again and again
 * engine.set("filter", "frequency", 1200);   // from any other thread
 * engine.close();
 * }</pre>
 */
public final class Engine {
    private final CompiledNetwork network;
    private final Schedule schedule;
    private final AudioOutput output;
    private final AudioInput input;
    private final ControlQueue controls;
    private final Param[] targets;
    /** every processor, as an array: {@link #awaitCapacity} runs between callbacks and must not allocate an iterator */
    private final Processor[] processors;
    private final List<String> targetNames;
    private long frame;
    /** {@link #frame} as other threads may read it, published once per callback. */
    private volatile long framesPlayed;
    private volatile long guarded;
    private long guardedLocal;
    /** Threads that run the schedule's work pass: 1 is the serial {@link Schedule#run}. */
    private int threads = 1;
    /** Set by {@link #open}: from then on a new thread count starts its workers at once. */
    private boolean opened;
    /** Realtime priority for the workers (0: none). */
    private int priority;
    /** The workers while open with {@link #threads} above 1, else null. */
    private ParallelRunner runner;
    /** The two-stage pipeline of an offline render ({@link #pipeline}), else null. */
    private StagePipeline pipeline;
    /** A pipeline ran: {@link #threads()} still says 2 after {@link #close}, as a render reports it. */
    private boolean pipelined;

    public Engine(CompiledNetwork network) {
        this.network = network;
        this.schedule = network.schedule();
        this.output = network.audioOutput();
        this.input = network.audioInput();
        // a network another engine ran (a batch job renders its files one after another on one compiled network)
        // keeps its input's lead, which depends on the schedule alone, and starts where its compile left it (below)
        boolean ran = schedule.frames() > 0;
        if (input != null && !ran) input.lead(InputLookahead.of(schedule, input), schedule.maxBlock());
        this.controls = new ControlQueue(1024);
        List<Param> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        network.processors().forEach((id, p) -> {
            for (Param prm : p.params()) {
                if (prm.spec().live()) {
                    params.add(prm);
                    names.add(id + "." + prm.name());
                }
            }
        });
        this.targets = params.toArray(new Param[0]);
        this.targetNames = List.copyOf(names);
        this.processors = network.processors().values().toArray(new Processor[0]);
        if (ran) reset();
    }

    public CompiledNetwork network() {
        return network;
    }

    public double sampleRate() {
        return network.sampleRate();
    }

    public int outputChannels() {
        return output == null ? 0 : output.channelCount();
    }

    /**
     * Frames the network's AudioInput plays its input late, so that its multi-rate chains can run ahead of it
     * ({@link AudioInput#lead()}); 0 without one.
     */
    public int inputLatency() {
        return input == null ? 0 : input.lead();
    }

    /**
     * Frames from a sample entering {@code net} (its AudioInput, or a source) to its coming out of the AudioOutput:
     * the network's latency plus the input's lead, as {@code conch validate} prints it. A render as long as its
     * input runs this much past the input's end, so the input's last samples come out. Worked out without making an
     * engine, which would reset a network that ran (a batch's next file) and size the input's queue for nothing.
     */
    public static int throughLatency(CompiledNetwork net) {
        AudioInput in = net.audioInput();
        if (in == null) return net.latency();
        Schedule s = net.schedule();
        // a network an engine ran keeps the lead it was given, which depends on the schedule alone
        return net.latency() + (s.frames() > 0 ? in.lead() : InputLookahead.of(s, in));
    }

    /** Channels the network takes in (its AudioInput's), 0 without one. */
    public int inputChannels() {
        return input == null ? 0 : input.channelCount();
    }

    public int maxBlock() {
        return schedule.maxBlock();
    }

    /** Frames processed so far: the engine's clock, the time base of {@link #set(String, String, double, long)}. */
    public long frame() {
        return frame;
    }

    /**
     * Runs each callback's ops on {@code threads} threads, the calling thread and {@code threads - 1} workers
     * started by {@link #open} (1, the default, is the serial schedule). The output is bit-identical at every
     * count, so an open engine still serial may also go parallel between two callbacks (an offline render that
     * has measured its first blocks: {@link #threadsWorthRunning}); its workers start here then. Off the audio
     * thread; once workers run, the count is fixed.
     */
    public Engine threads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("the thread count must be 1 or more, not " + threads);
        if (runner != null || pipelined) throw new IllegalStateException("the thread count is fixed once workers run");
        this.threads = threads;
        if (opened && threads > 1) runner = new ParallelRunner(schedule, threads, priority);
        return this;
    }

    /**
     * How many threads, 1 to {@code cores}, the work measured so far pays for ({@link #measureNodes} on for
     * {@code segments} callbacks, during which the calling thread had {@code coreShare} of a core: its CPU time
     * over the wall time): more only when the network has independent branches whose work outweighs handing them
     * between cores, or a node that splits its block ({@link Processor#splitsWork}) carries enough of the work, and
     * the machine had cores to spare. See {@link ThreadChoice}.
     */
    public int threadsWorthRunning(int cores, long segments, double coreShare) {
        Op[] ops = schedule.ops;
        long[] costs = new long[ops.length];
        int[][] successors = new int[ops.length][];
        boolean[] splits = new boolean[ops.length];
        for (int k = 0; k < ops.length; k++) {
            costs[k] = ops[k].nanos;
            successors[k] = ops[k].successors;
            splits[k] = ops[k].kind == Schedule.Kind.PROCESS && ops[k].processor.splitsWork();
        }
        return ThreadChoice.threads(costs, successors, splits, segments, cores, coreShare);
    }

    public int threads() {
        return pipelined ? 2 : threads;
    }

    /**
     * The least share of a core a measuring thread must have had for another thread to be worth starting: below it
     * the machine is busy with other work, and the other thread would wait for a core too.
     */
    public static final double LEAST_CORE_SHARE = ThreadChoice.LEAST_CORE_SHARE;

    /**
     * True when every step waits for the one before it (a single chain, such as a source through effects to the
     * output): no two steps can run at once, so more threads can only {@link #pipeline} it.
     */
    public boolean isOneChain() {
        Op[] ops = schedule.ops;
        for (int k = 0; k + 1 < ops.length; k++) {
            boolean next = false;
            for (int s : ops[k].successors) next |= s == k + 1;
            if (!next) return false;
        }
        return true;
    }

    /**
     * Where the schedule may be cut in two for {@link #pipeline}: each index (into {@link Schedule#stepNames}) whose
     * steps from there on are a frame-locked tail that holds the output node; empty when there is none.
     */
    public int[] pipelineCuts() {
        return StagePipeline.cuts(schedule, output);
    }

    /**
     * The cut of {@link #pipelineCuts} that parts the work measured so far ({@link #measureNodes}) most evenly, with
     * the speed-up that split promises over one thread (the whole work over its costlier stage); null when the
     * schedule has no cut or nothing was measured.
     */
    public PipelineChoice evenestPipeline() {
        int[] cuts = pipelineCuts();
        Op[] ops = schedule.ops;
        long[] costs = new long[ops.length];
        long total = 0;
        for (int k = 0; k < ops.length; k++) total += costs[k] = ops[k].nanos;
        if (cuts.length == 0 || total == 0) return null;
        int cut = StagePipeline.evenest(cuts, costs);
        long first = 0;
        for (int k = 0; k < cut; k++) first += costs[k];
        return new PipelineChoice(cut, (double) total / Math.max(first, total - first), total);
    }

    /**
     * A cut for {@link #pipeline}, the speed-up it promises (work over the costlier stage, hand-overs not counted)
     * and the nanoseconds measured in all.
     */
    public record PipelineChoice(int cut, double speedup, long measuredNanos) {
    }

    /**
     * Runs each callback as a software pipeline on two threads: the steps before {@code cut} (one of {@link
     * #pipelineCuts}) on a worker, the rest on the calling thread, in pieces of {@code piece} frames, the worker a
     * piece ahead. The same bits as one thread. For offline rendering only: each callback waits for the worker's
     * first piece, which a live deadline should not. Off the audio thread, after {@link #open}, on an engine still on
     * one thread; once set, fixed until {@link #close}.
     */
    public Engine pipeline(int cut, int piece) {
        if (!opened || runner != null || pipeline != null || threads != 1) {
            throw new IllegalStateException("a pipeline starts on an open engine running on one thread");
        }
        boolean valid = false;
        for (int c : pipelineCuts()) valid |= c == cut;
        if (!valid) throw new IllegalArgumentException("the schedule cannot be cut before step " + cut);
        pipeline = new StagePipeline(schedule, cut, piece);
        pipelined = true;
        return this;
    }

    /**
     * Asks for realtime scheduling ({@code SCHED_FIFO} at {@code priority}, 1..99; 0 for none, the default) for the
     * workers of {@link #threads(int)} when they start: for live play, where a worker preempted by another program
     * makes the audio thread wait. The driver asks the same for the audio thread. Before {@link #open}.
     */
    public Engine realtimePriority(int priority) {
        if (runner != null) throw new IllegalStateException("set the priority before the engine opens");
        this.priority = RealtimePriority.checkRequest(priority);
        return this;
    }

    /** While open: what each worker's request for realtime priority came to (empty when none was asked for). */
    public List<RealtimePriority.Outcome> workerRealtime() {
        return runner == null ? List.of() : runner.realtimeOutcomes();
    }

    /**
     * Off the audio thread, before the first callback: processors open files, start helper threads, and the
     * workers of {@link #threads(int)} start.
     */
    public void open() throws IOException {
        for (Processor p : network.processors().values()) p.open();
        opened = true;
        if (threads > 1 && runner == null) runner = new ParallelRunner(schedule, threads, priority);
    }

    /** The workers' thread ids while open (none when serial): for measuring what they allocate. */
    long[] workerThreadIds() {
        if (pipeline != null) return new long[] {pipeline.workerId()};
        return runner == null ? new long[0] : runner.workerIds();
    }

    /** Off the audio thread, after the last callback: every processor is closed even if one fails. */
    public void close() throws IOException {
        shutDown(true);
    }

    /**
     * As {@link #close()}, for a run that did not finish (an interrupted or failed render): every processor is
     * {@linkplain Processor#abort aborted}, so a file writer's target keeps what it held before.
     */
    public void abort() throws IOException {
        shutDown(false);
    }

    private void shutDown(boolean finished) throws IOException {
        opened = false;
        if (runner != null) {
            runner.close();
            runner = null;
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        IOException first = null;
        for (Processor p : network.processors().values()) {
            try {
                if (finished) p.close();
                else p.abort();
            } catch (IOException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    /**
     * Releases every source at engine frame {@code atFrame} (the network's duration): see {@link Processor#release}.
     * Off the audio thread, before the first callback.
     */
    public void release(long atFrame) {
        for (Processor p : processors) p.release(atFrame);
    }

    /** Offline rendering, between callbacks: wait until no sink would lose data in the next one. */
    public void awaitCapacity() throws InterruptedException {
        for (Processor p : processors) p.awaitCapacity();
    }

    /**
     * Queues a live change from any thread, applied at the start of the next callback (smoothed where the param
     * is). Throws IllegalArgumentException (on the caller's thread) for an unknown or non-live param or a value
     * out of range; returns false if the queue is full.
     */
    public boolean set(String node, String param, double value) {
        return set(node, param, value, ControlQueue.NOW);
    }

    /**
     * As {@link #set(String, String, double)} with the value as typed ({@code saw}, {@code 2}, {@code on}), parsed
     * by the param's own spec, the one parser a file and {@code --set} use: a choice takes its word or its index.
     */
    public boolean set(String node, String param, String text) {
        return set(node, param, target(node, param).spec().parse(text), ControlQueue.NOW);
    }

    /** Queues a change applied exactly at engine frame {@code atFrame} (sample-accurate). */
    public boolean set(String node, String param, double value, long atFrame) {
        Param target = target(node, param);
        target.spec().checkRange(value, Double.toString(value));
        return controls.offer(atFrame, targetNames.indexOf(node + "." + param), value);
    }

    /** The live param {@code node.param}, or a sentence saying why there is none. */
    private Param target(String node, String param) {
        int index = targetNames.indexOf(node + "." + param);
        if (index < 0) {
            Processor p = network.processors().get(node);
            if (p == null) throw new IllegalArgumentException(Diagnostics.noNode(node));
            Param prm = p.param(param);
            if (prm == null) throw new IllegalArgumentException(Diagnostics.noParameter(Diagnostics.node("node", node), param, "", null));
            throw new IllegalArgumentException(Diagnostics.fixedAtCompile(node + "." + param,
                    "; it cannot change while playing"));
        }
        return targets[index];
    }

    /** Samples replaced because they were NaN or infinite, since the start. */
    public long guardedSamples() {
        return guarded;
    }

    /** The first processor failure ("node: exception"), or null: read from a non-audio thread. */
    public String failure() {
        return schedule.failureReport();
    }

    /**
     * Starts copying every token {@code node.port} produces into a new ring of {@code capacity} frames (one float per
     * token per frame: audio and control ports give samples, a spectrum port gives its frames' floats) for a monitor
     * to read on its own thread. The audio thread never waits: when the ring is full, tokens are dropped. Any thread;
     * one tap per port ({@link #untap} first to replace it).
     */
    public dev.conch.engine.concurrent.SpscAudioRing tap(String node, String port, int capacity) {
        Processor p = network.processors().get(node);
        if (p == null) throw new IllegalArgumentException(Diagnostics.noNode(node));
        Output out = p.output(port);
        if (out == null) throw new IllegalArgumentException(Diagnostics.noPort(Diagnostics.node("node", node), true, port));
        dev.conch.engine.concurrent.SpscAudioRing ring = new dev.conch.engine.concurrent.SpscAudioRing(1, capacity);
        out.monitor.attach(ring);
        return ring;
    }

    /** Stops a tap. Any thread. */
    public void untap(String node, String port) {
        Processor p = network.processors().get(node);
        Output out = p == null ? null : p.output(port);
        if (out != null) out.monitor.detach();
    }

    /** Turns per-node timing on or off (two clock reads per node per callback while on). Any thread. */
    public void measureNodes(boolean on) {
        schedule.timing = on;
    }

    /**
     * Nanoseconds each node has spent processing while timing was on, by node id (compensation delays and
     * automation appear under their own names). Read it twice and divide the difference by the wall time, or by
     * frames × 1e9 / sampleRate, for a load. Any thread.
     */
    public java.util.Map<String, Long> nodeNanos() {
        return schedule.stepNanos();
    }

    /** True if a stream ever ran out of room (a compiler bug: tests assert it never happens). */
    public boolean overflowed() {
        return schedule.overflowed();
    }

    /**
     * Back to the state right after compile: params at their initial values, no source released, streams empty,
     * processors reset (after the params, which their reset may read), clock at 0, no sample guarded. Not on the
     * audio thread.
     */
    public void reset() {
        for (Processor p : processors) {
            for (Param prm : p.params()) prm.restore();
            p.release(Long.MAX_VALUE); // never, as compiled
        }
        schedule.reset();
        frame = 0;
        framesPlayed = 0;
        guardedLocal = 0;
        guarded = 0;
    }

    /** {@link #process(float[][], float[][], int)} with no input: an AudioInput reads silence. */
    public void process(float[][] out, int frames) {
        process(null, out, frames);
    }

    /**
     * The realtime callback: the network's AudioInput reads {@code in[c][0..frames)} (null or missing channels:
     * silence), and {@code out[c][0..frames)} is filled for every channel of the output node (extra channels get
     * silence). Any {@code frames}; blocks larger than the compiled maximum are cut into pieces.
     */
    public void process(float[][] in, float[][] out, int frames) {
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, schedule.maxBlock());
            // cut the segment where a queued change is due, so it applies at its exact frame
            while (!controls.isEmpty()) {
                long due = controls.peekTime();
                long at = due == ControlQueue.NOW ? frame : due;
                if (at > frame) {
                    n = (int) Math.min(n, at - frame);
                    break;
                }
                targets[controls.peekTarget()].set(controls.peekValue());
                controls.pop();
            }
            if (input != null) input.push(in, done, n);
            if (pipeline != null) {
                pipeline.startSegment(n);
                for (int at = 0; at < n; ) {
                    int m = pipeline.nextPiece();
                    copyOut(out, done + at, m); // before the next piece: the output node's inputs hold this one
                    at += m;
                }
                pipeline.endSegment();
            } else {
                if (runner != null) runner.run(n);
                else schedule.run(n);
                copyOut(out, done, n);
            }
            done += n;
            frame += n;
        }
        guarded = guardedLocal;
        framesPlayed = frame;
    }

    /** Frames processed so far, as seen from another thread (updated after each callback). */
    public long framesPlayed() {
        return framesPlayed;
    }

    private void copyOut(float[][] out, int offset, int n) {
        int channels = output == null ? 0 : output.channelCount();
        for (int c = 0; c < out.length; c++) {
            float[] dst = out[c];
            if (c >= channels) {
                java.util.Arrays.fill(dst, offset, offset + n, 0f);
                continue;
            }
            float[] src = output.channel(c).buffer;
            for (int i = 0; i < n; i++) {
                float x = src[i];
                float a = Math.abs(x);
                if (a < 1e-30f) {
                    x = 0f; // denormals and dust: silence them before they reach a DAC or a file
                } else if (!(a <= Float.MAX_VALUE)) {
                    x = 0f;
                    guardedLocal++;
                }
                dst[offset + i] = x;
            }
        }
    }
}
