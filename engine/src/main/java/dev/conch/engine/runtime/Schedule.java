package dev.conch.engine.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled, allocation-free plan the audio thread runs: {@link Op}s in a topological order, one
 * {@link TokenStream} per connected output, one reader per connection.
 *
 * <p>Each segment of {@code n} frames runs two passes. Backwards, demand: every sink asks for {@code n} tokens,
 * and each op fires just often enough for its readers' demand ({@code ceil(missing / rate)}), which sets how
 * many tokens it takes from each of its inputs. Forwards, work: each op fires that many times in one
 * {@link Processor#process} call. Tokens a reader did not need stay in the stream for the next segment, so
 * ports that consume 3 and produce 5 work at any block size, and every op sees the same token sequence
 * however the frames are cut into blocks: the output is bit-identical for any block size.
 *
 * <p>The ops form a graph, as the queue items of SuperCollider's Supernova do: each knows how many ops must fire
 * before it and which ops wait for it ({@link #predecessorCount}, {@link #successors}). {@link #run} fires them in
 * the serial order; a runner may fire them in any order the graph allows after {@link #startSegment}, and computes
 * the same bits ({@code ScheduleOpGraphTest}, {@code ExampleNetworksInAnyOrderTest}). Ops touch no state outside
 * their own processor, ports and streams, so a parallel runner needs only the happens-before edges its atomic
 * activation counts give: {@link ParallelRunner} is that runner ({@link Engine#threads}).
 *
 * <p>Built once, off the audio thread, by {@link Builder}, which only allocates; then {@link #prepare} prepares the
 * processors, and only {@link #run(int)} runs, on the audio thread.
 */
public final class Schedule {

    /** What a step does with its processor. */
    public enum Kind {
        /** Ordinary firing: {@link Processor#process}. */
        PROCESS,
        /** First half of a loop-closing node: {@link FeedbackBreaker#emit}, outputs only. */
        EMIT,
        /** Second half: {@link FeedbackBreaker#absorb}, inputs only. */
        ABSORB
    }

    final Op[] ops;
    final TokenStream[] streams;
    private final int maxBlock;
    /** Frames run since the start or the last reset: the time base of the leaf ops' firings. */
    private long frames;
    /** Measure each op's time (two nanoTime reads per op per segment): for per-node load displays. */
    volatile boolean timing;

    private Schedule(Op[] ops, TokenStream[] streams, int maxBlock) {
        this.ops = ops;
        this.streams = streams;
        this.maxBlock = maxBlock;
    }

    public int maxBlock() {
        return maxBlock;
    }

    /**
     * Allocates every processor's state for {@code sampleRate}: the one place processors are prepared, once,
     * after {@link Builder#build(int)} and before the first {@link #run}. A processor whose prepare throws is
     * reported to {@code failures} with its node name (and the schedule must not be run). Off the audio thread.
     */
    public void prepare(double sampleRate, java.util.function.BiConsumer<String, RuntimeException> failures) {
        for (Op op : ops) {
            try {
                op.prepare(sampleRate, maxBlock);
            } catch (RuntimeException e) {
                failures.accept(op.node, e);
            }
        }
    }

    /** Step names in schedule order (node ids; loop nodes appear twice, as {@code id<} and {@code id>}). */
    public List<String> stepNames() {
        List<String> names = new ArrayList<>();
        for (Op op : ops) names.add(op.name);
        return names;
    }

    // ---------------------------------------------------------------- the op graph

    /** Ops in the serial order, a topological order of the op graph; each is one of {@link #stepNames()}. */
    public int opCount() {
        return ops.length;
    }

    public String opName(int op) {
        return ops[op].name;
    }

    /** Ops that must fire before {@code op} in every segment (its activation count). */
    public int predecessorCount(int op) {
        return ops[op].predecessors;
    }

    /** The ops (as indexes into the serial order) that wait for {@code op}; a copy. */
    public int[] successors(int op) {
        return ops[op].successors.clone();
    }

    // ---------------------------------------------------------------- running

    /** Runs one segment of {@code n <= maxBlock} frames. Audio thread: no allocation, no locks. */
    void run(int n) {
        startSegment(n);
        boolean timed = timing;
        for (Op op : ops) {
            if (op.firings == 0) continue;
            if (timed) {
                long t0 = System.nanoTime();
                op.fire();
                op.nanos += System.nanoTime() - t0; // this thread is the only writer
            } else {
                op.fire();
            }
        }
    }

    /**
     * The serial part of a segment of {@code n} frames: every stream drops what its readers have read, and the
     * demand pass, backwards from the sinks, sets each op's firings. Then each op with firings is to be fired
     * ({@link Op#fire}) after its predecessors: {@link #run} fires them in the serial order.
     */
    void startSegment(int n) {
        for (TokenStream s : streams) s.compact();
        for (int k = ops.length - 1; k >= 0; k--) ops[k].demand(frames, n);
        frames += n;
    }

    /** Frames run since the start or the last reset. */
    long frames() {
        return frames;
    }

    /** A runner that ran the demand pass itself, in parts ({@link StagePipeline}), moves the clock on by a segment. */
    void advance(int n) {
        frames += n;
    }

    /** Clears every stream and resets every processor (off the audio thread, or between renders). */
    void reset() {
        frames = 0;
        for (TokenStream s : streams) s.reset();
        for (Op op : ops) op.reset();
    }

    /** First failure of a processor, as "node: exception", or null. */
    String failureReport() {
        for (Op op : ops) {
            Throwable t = op.failure;
            if (t != null) return op.node + ": " + t;
        }
        return null;
    }

    /** Total nanoseconds per node so far (loop nodes' two halves added together). Any thread. */
    java.util.Map<String, Long> stepNanos() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (Op op : ops) m.merge(op.node, op.nanos, Long::sum);
        return m;
    }

    boolean overflowed() {
        for (TokenStream s : streams) if (s.overflowed()) return true;
        return false;
    }

    /**
     * Assembles a schedule. The compiler adds steps in topological order, connects them, states each step's
     * maximum firings per segment and each stream's capacity, then builds: the builder only allocates (streams,
     * readers, scratch buffers, the op graph); {@link Schedule#prepare} then prepares the processors.
     */
    public static final class Builder {
        private final List<Op> ops = new ArrayList<>();
        private final Map<Output, TokenStream> streams = new IdentityHashMap<>();
        private final Map<Output, Integer> capacities = new IdentityHashMap<>();
        private final Map<Processor, Integer> maxFirings = new IdentityHashMap<>();
        private final Map<Processor, long[]> firingRates = new IdentityHashMap<>();
        private final Map<Input, Output> inputLinks = new IdentityHashMap<>();
        private final Map<Param, Output> controlLinks = new IdentityHashMap<>();
        private final Map<Param, Integer> controlStrides = new IdentityHashMap<>();

        /**
         * Adds a step computing (part of) {@code node}, shown as {@code name}; steps run in the order added. Sinks
         * fire once per frame whatever their readers.
         */
        public Builder step(String name, String node, Processor p, Kind kind, boolean sink) {
            ops.add(new Op(name, node, p, kind, sink));
            return this;
        }

        /** Most firings one segment of maxBlock frames can ask of this processor. */
        public Builder maxFirings(Processor p, int firings) {
            maxFirings.merge(p, firings, Math::max);
            return this;
        }

        /**
         * Firings of {@code p} per network frame, {@code num / den}, from the balance equations (default 1): sets
         * the samples one firing stands for, and how often a step whose outputs nothing reads fires.
         */
        public Builder firingRate(Processor p, long num, long den) {
            firingRates.put(p, new long[] {num, den});
            return this;
        }

        /** Tokens the stream behind {@code out} must hold. */
        public Builder capacity(Output out, int tokens) {
            capacities.put(out, tokens);
            return this;
        }

        public Builder connect(Output from, Input to) {
            inputLinks.put(to, from);
            return this;
        }

        public Builder connectControl(Output from, Param to) {
            return connectControl(from, to, dev.conch.engine.model.ControlMode.REPLACE);
        }

        /** A control output driving a param, combined with the param's own value as {@code mode} says. */
        public Builder connectControl(Output from, Param to, dev.conch.engine.model.ControlMode mode) {
            return connectControl(from, to, mode, 1);
        }

        /**
         * A control output driving a param of a node that fires {@code stride} times slower than the control's
         * source: the param takes the first of every {@code stride} values.
         */
        public Builder connectControl(Output from, Param to, dev.conch.engine.model.ControlMode mode, int stride) {
            controlLinks.put(to, from);
            controlStrides.put(to, stride);
            to.controlMode(switch (mode) {
                case ADD -> Param.ADD;
                case MULTIPLY -> Param.MULTIPLY;
                case REPLACE -> Param.REPLACE;
            });
            return this;
        }


        /**
         * Allocates every stream, reader and buffer, and works out the op graph, for segments of at most
         * {@code maxBlock} frames. Prepares nothing: call {@link Schedule#prepare} before the first run.
         */
        public Schedule build(int maxBlock) {
            Map<Input, TokenStream.Reader> inputReaders = new IdentityHashMap<>();
            Map<Param, TokenStream.Reader> controlReaders = new IdentityHashMap<>();
            inputLinks.forEach((in, out) -> inputReaders.put(in, stream(out).addReader(in.spec.rate())));
            controlLinks.forEach((prm, out) -> controlReaders.put(prm,
                    stream(out).addReader(controlStrides.getOrDefault(prm, 1))));
            for (Op op : ops) {
                op.maxFirings = maxFirings.getOrDefault(op.processor, 0);
                long[] rate = firingRates.get(op.processor);
                if (rate != null) {
                    op.rateNum = rate[0];
                    op.rateDen = rate[1];
                }
                if (op.kind != Kind.EMIT) wireInputs(op, inputReaders);
                if (op.kind != Kind.ABSORB) { // a loop-closing node reads its params in emit (FeedbackBreaker)
                    wireControls(op, controlReaders);
                    wireOutputs(op);
                }
                boolean read = false;
                for (TokenStream st : op.outputStreams) read |= st != null && st.isRead();
                if (!read && !op.sink && rate != null) { // an absorb half has no outputs: it is a leaf too
                    op.leafNum = rate[0];
                    op.leafDen = rate[1];
                }
                if (op.blockControlled.length > 0) allocateRuns(op);
            }
            Op[] ordered = ops.toArray(new Op[0]);
            linkDependencies(ordered);
            FrameSpread.assign(ordered);
            return new Schedule(ordered, streams.values().toArray(new TokenStream[0]), maxBlock);
        }

        private TokenStream stream(Output from) {
            return streams.computeIfAbsent(from, o -> new TokenStream(o.spec.width(),
                    Math.max(1, capacities.getOrDefault(o, 0)) * o.spec.width()));
        }

        private static void wireInputs(Op op, Map<Input, TokenStream.Reader> readers) {
            op.inputs = op.processor.inputs().toArray(new Input[0]);
            op.inputReaders = new TokenStream.Reader[op.inputs.length];
            op.inputScratch = new float[op.inputs.length][];
            for (int i = 0; i < op.inputs.length; i++) {
                Input in = op.inputs[i];
                op.inputReaders[i] = readers.get(in);
                op.inputScratch[i] = new float[Math.max(1, in.floats(op.maxFirings))];
                in.connected = op.inputReaders[i] != null;
                in.readFrom(op.inputScratch[i]); // unconnected inputs read these zeros forever
            }
        }

        private static void wireControls(Op op, Map<Param, TokenStream.Reader> readers) {
            List<Param> controlled = new ArrayList<>();
            for (Param prm : op.processor.params()) if (readers.containsKey(prm)) controlled.add(prm);
            op.controlled = controlled.toArray(new Param[0]);
            op.controlReaders = new TokenStream.Reader[op.controlled.length];
            op.controlScratch = new float[op.controlled.length][];
            for (int i = 0; i < op.controlled.length; i++) {
                op.controlReaders[i] = readers.get(op.controlled[i]);
                op.controlScratch[i] = new float[Math.max(1, op.maxFirings)];
            }
            op.controlTaken = new float[op.controlled.length][];
            op.blockControlled = java.util.stream.IntStream.range(0, op.controlled.length)
                    .filter(i -> op.controlled[i].spec().rate() == ParamRate.BLOCK).toArray();
        }

        private void wireOutputs(Op op) {
            op.outputs = op.processor.outputs().toArray(new Output[0]);
            op.outputStreams = new TokenStream[op.outputs.length];
            op.outputScratch = new float[op.outputs.length][];
            for (int o = 0; o < op.outputs.length; o++) {
                Output out = op.outputs[o];
                op.outputStreams[o] = streams.get(out);
                op.outputScratch[o] = new float[Math.max(1, out.floats(op.maxFirings))];
                out.connected = op.outputStreams[o] != null;
                out.writeTo(op.outputScratch[o]);
            }
        }

        private static void allocateRuns(Op op) {
            op.runInputs = new float[op.inputs.length][];
            op.inputBuffers = new float[op.inputs.length][];
            for (int i = 0; i < op.inputs.length; i++) op.runInputs[i] = new float[op.inputScratch[i].length];
            op.runOutputs = new float[op.outputs.length][];
            op.outputBuffers = new float[op.outputs.length][];
            for (int o = 0; o < op.outputs.length; o++) op.runOutputs[o] = new float[op.outputScratch[o].length];
        }

        /**
         * Each op's predecessors: the producer of every stream it reads (inputs and controls), and for an absorb
         * half its emit half, which shares the processor's state (on a loop the stream path links them too; the
         * explicit edge keeps the rule local). The steps were added in a topological order: a predecessor that
         * comes later is a compiler bug, refused here rather than run in the wrong order.
         */
        private static void linkDependencies(Op[] ops) {
            // every stream belongs to an output of a stepped node, and every absorb half has its emit half
            Map<TokenStream, Integer> producer = new IdentityHashMap<>();
            Map<Processor, Integer> emitter = new IdentityHashMap<>();
            for (int k = 0; k < ops.length; k++) {
                for (TokenStream st : ops[k].outputStreams) if (st != null) producer.put(st, k);
                if (ops[k].kind == Kind.EMIT) emitter.put(ops[k].processor, k);
            }
            List<java.util.SortedSet<Integer>> successors = new ArrayList<>();
            for (int k = 0; k < ops.length; k++) successors.add(new java.util.TreeSet<>());
            for (int k = 0; k < ops.length; k++) {
                Op op = ops[k];
                java.util.Set<Integer> before = new java.util.TreeSet<>();
                for (TokenStream.Reader r : op.inputReaders) if (r != null) before.add(producer.get(r.stream));
                for (TokenStream.Reader r : op.controlReaders) before.add(producer.get(r.stream));
                if (op.kind == Kind.ABSORB) before.add(emitter.get(op.processor));
                for (int p : before) {
                    if (p >= k) {
                        throw new IllegalStateException("the schedule runs " + op.name + " before " + ops[p].name
                                + ", whose output it reads");
                    }
                    successors.get(p).add(k);
                }
                op.predecessors = before.size();
            }
            for (int k = 0; k < ops.length; k++) {
                ops[k].successors = successors.get(k).stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }
}
