package dev.conch.engine.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled, allocation-free plan the audio thread runs: steps in topological order, one token stream per
 * connected output, one read cursor per connection.
 *
 * <p>Each segment of {@code n} frames runs two passes. Backwards, demand: every sink asks for {@code n} tokens,
 * and each step fires just often enough for its readers' demand ({@code ceil(missing / rate)}), which sets how
 * many tokens it takes from each of its inputs. Forwards, work: each step fires that many times in one
 * {@link Processor#process} call. Tokens a reader did not need stay in the stream for the next segment, so
 * ports that consume 3 and produce 5 work at any block size, and every step sees the same token sequence
 * however the frames are cut into blocks: the output is bit-identical for any block size.
 *
 * <p>Built once, off the audio thread, by {@link Builder}; then only {@link #run(int)} runs, on the audio thread.
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

    static final class Stream {
        final int width;
        final float[] data;
        int size;               // floats written and not yet dropped
        Reader[] readers = new Reader[0];
        boolean overflowed;

        Stream(int width, int capacityFloats) {
            this.width = width;
            this.data = new float[capacityFloats];
        }
    }

    static final class Reader {
        final Stream stream;
        final int rate;
        int pos;                // floats already read
        int demand;             // tokens wanted this segment

        Reader(Stream stream, int rate) {
            this.stream = stream;
            this.rate = rate;
        }
    }

    static final class Step {
        /** Shown in the order: the node id, with {@code <} for a loop node's emit half and {@code >} for its absorb. */
        final String name;
        /** The node this step computes: what failures, timings and messages name. */
        final String node;
        final Processor processor;
        final Kind kind;
        final boolean sink;
        Input[] inputs = new Input[0];
        Reader[] inputReaders = new Reader[0];
        float[][] inputScratch = new float[0][];
        Output[] outputs = new Output[0];
        Stream[] outputStreams = new Stream[0];
        float[][] outputScratch = new float[0][];
        Param[] controlled = new Param[0];
        Reader[] controlReaders = new Reader[0];
        float[][] controlScratch = new float[0][];
        /** This firing's control values per controlled param (what attachControl was given). */
        float[][] controlTaken = new float[0][];
        /**
         * Indexes into {@link #controlled} of the per-block params among them. A per-block param reads one value per
         * process call, so a step with any is called once per run of firings over which their controls hold still:
         * the value then changes at its exact firing, whatever the block size.
         */
        int[] blockControlled = new int[0];
        float[][] runInputs = new float[0][], runOutputs = new float[0][];
        /** The whole firing's buffers, while a run's scratch stands in for them. */
        float[][] inputBuffers = new float[0][], outputBuffers = new float[0][];
        int maxFirings;
        int firings;
        /**
         * Firings per frame ({@code leafNum / leafDen}) of a step whose outputs nothing reads (a branch still being
         * wired, a node only a monitor taps, a loop node's absorb half): no reader asks for its tokens, so it fires by
         * its rate instead, as a sink would, and keeps draining its inputs. 0 for every other step.
         */
        long leafNum, leafDen = 1;
        volatile Throwable failure;
        /** Nanoseconds spent in this step's processor since the start, when timing is on. */
        volatile long nanos;

        Step(String name, String node, Processor processor, Kind kind, boolean sink) {
            this.name = name;
            this.node = node;
            this.processor = processor;
            this.kind = kind;
            this.sink = sink;
        }
    }

    final Step[] steps;
    final Stream[] streams;
    private final int maxBlock;
    /** Frames run since the start or the last reset: the time base of the leaf steps' firings. */
    private long frames;
    /** Measure each step's time (two nanoTime reads per step per segment): for per-node load displays. */
    volatile boolean timing;

    private Schedule(Step[] steps, Stream[] streams, int maxBlock) {
        this.steps = steps;
        this.streams = streams;
        this.maxBlock = maxBlock;
    }

    public int maxBlock() {
        return maxBlock;
    }

    /** Step names in schedule order (node ids; loop nodes appear twice, as {@code id<} and {@code id>}). */
    public List<String> stepNames() {
        List<String> names = new ArrayList<>();
        for (Step s : steps) names.add(s.name);
        return names;
    }

    /** Runs one segment of {@code n <= maxBlock} frames. Audio thread: no allocation, no locks. */
    void run(int n) {
        compact();
        demand(n);
        frames += n;
        boolean timed = timing;
        for (Step s : steps) {
            if (s.firings == 0) continue;
            if (timed) {
                long t0 = System.nanoTime();
                fire(s, s.firings);
                s.nanos += System.nanoTime() - t0; // this thread is the only writer
            } else {
                fire(s, s.firings);
            }
        }
    }

    private void compact() {
        for (Stream s : streams) {
            int min = s.size;
            for (Reader r : s.readers) min = Math.min(min, r.pos);
            if (min == 0) continue;
            int keep = s.size - min;
            if (keep > 0) System.arraycopy(s.data, min, s.data, 0, keep);
            s.size = keep;
            for (Reader r : s.readers) r.pos -= min;
        }
    }

    private void demand(int n) {
        for (int k = steps.length - 1; k >= 0; k--) {
            Step s = steps[k];
            int f = 0;
            if (s.sink) {
                f = n;
            } else if (s.leafNum > 0) {
                // from the running total, so the firings do not depend on how the frames are cut into segments
                f = (int) (Math.floorDiv((frames + n) * s.leafNum, s.leafDen)
                        - Math.floorDiv(frames * s.leafNum, s.leafDen));
            } else {
                for (int o = 0; o < s.outputs.length; o++) {
                    Stream st = s.outputStreams[o];
                    if (st == null) continue;
                    int rate = s.outputs[o].spec.rate();
                    for (Reader r : st.readers) {
                        int missing = r.demand - (st.size - r.pos) / st.width;
                        if (missing > 0) f = Math.max(f, (missing + rate - 1) / rate);
                    }
                }
            }
            f = Math.min(f, s.maxFirings); // the compiler's bound; reaching it means a rate bug, not a crash
            s.firings = f;
            for (Reader r : s.inputReaders) if (r != null) r.demand = f * r.rate;
            for (Reader r : s.controlReaders) r.demand = f * r.rate;
        }
    }

    private void fire(Step s, int f) {
        for (int i = 0; i < s.inputs.length; i++) {
            Reader r = s.inputReaders[i];
            if (r != null) s.inputs[i].buffer = take(r, f * r.rate, s.inputScratch[i]);
        }
        for (int i = 0; i < s.controlled.length; i++) {
            Reader r = s.controlReaders[i];
            s.controlTaken[i] = r.rate == 1 ? take(r, f, s.controlScratch[i]) : takeEvery(r, f, s.controlScratch[i]);
            s.controlled[i].attachControl(s.controlTaken[i], 0);
        }
        for (int o = 0; o < s.outputs.length; o++) {
            Stream st = s.outputStreams[o];
            s.outputs[o].buffer = st != null && st.size == 0 ? st.data : s.outputScratch[o];
        }
        if (s.failure == null) {
            try {
                if (s.blockControlled.length == 0 || f == 1) {
                    dispatch(s, f);
                } else {
                    fireInRuns(s, f);
                }
            } catch (Throwable t) {
                // isolate the failing processor: it goes silent, the stream keeps running; reported off-thread
                s.failure = t;
            }
        }
        if (s.failure != null) {
            for (Output out : s.outputs) Arrays.fill(out.buffer, 0, f * out.spec.rate() * out.spec.width(), 0f);
        }
        for (Output out : s.outputs) {
            dev.conch.engine.concurrent.SpscAudioRing tap = out.tap;
            if (tap != null) {
                out.tapView[0] = out.buffer;
                tap.offer(out.tapView, 0, f * out.spec.rate() * out.spec.width()); // full: the monitor is behind, drop
            }
        }
        for (int o = 0; o < s.outputs.length; o++) {
            Stream st = s.outputStreams[o];
            if (st == null) continue;
            int count = f * s.outputs[o].spec.rate() * st.width;
            if (st.size + count > st.data.length) {
                st.overflowed = true;
                count = st.data.length - st.size;
            }
            if (s.outputs[o].buffer != st.data) System.arraycopy(s.outputScratch[o], 0, st.data, st.size, count);
            st.size += count;
        }
        for (Param p : s.controlled) p.attachControl(null, 0);
    }

    private static void dispatch(Step s, int f) {
        switch (s.kind) {
            case PROCESS -> s.processor.process(f);
            case EMIT -> ((FeedbackBreaker) s.processor).emit(f);
            case ABSORB -> ((FeedbackBreaker) s.processor).absorb(f);
        }
    }

    /**
     * Fires {@code s} in runs of firings over which every per-block param's control holds one value: each run's
     * inputs are copied to the front of scratch buffers, its outputs made there and copied into place, and the
     * controls read from the run's first firing on.
     */
    private static void fireInRuns(Step s, int f) {
        for (int i = 0; i < s.inputs.length; i++) s.inputBuffers[i] = s.inputs[i].buffer;
        for (int o = 0; o < s.outputs.length; o++) s.outputBuffers[o] = s.outputs[o].buffer;
        for (int a = 0, b; a < f; a = b) {
            b = a + 1;
            while (b < f && blockControlsHold(s, a, b)) b++;
            int n = b - a;
            for (int i = 0; i < s.inputs.length; i++) {
                Input in = s.inputs[i];
                int per = in.spec.rate() * in.spec.width();
                System.arraycopy(s.inputBuffers[i], a * per, s.runInputs[i], 0, n * per);
                in.buffer = s.runInputs[i];
            }
            for (int o = 0; o < s.outputs.length; o++) s.outputs[o].buffer = s.runOutputs[o];
            for (int i = 0; i < s.controlled.length; i++) s.controlled[i].attachControl(s.controlTaken[i], a);
            dispatch(s, n);
            for (int o = 0; o < s.outputs.length; o++) {
                Output out = s.outputs[o];
                int per = out.spec.rate() * out.spec.width();
                System.arraycopy(s.runOutputs[o], 0, s.outputBuffers[o], a * per, n * per);
            }
        }
        for (int i = 0; i < s.inputs.length; i++) s.inputs[i].buffer = s.inputBuffers[i];
        for (int o = 0; o < s.outputs.length; o++) s.outputs[o].buffer = s.outputBuffers[o];
    }

    private static boolean blockControlsHold(Step s, int a, int b) {
        for (int i : s.blockControlled) {
            float[] c = s.controlTaken[i];
            if (Float.floatToRawIntBits(c[a]) != Float.floatToRawIntBits(c[b])) return false;
        }
        return true;
    }

    private static float[] take(Reader r, int tokens, float[] scratch) {
        Stream st = r.stream;
        int count = tokens * st.width;
        float[] result;
        if (r.pos == 0) {
            result = st.data;
        } else {
            System.arraycopy(st.data, r.pos, scratch, 0, count);
            result = scratch;
        }
        r.pos += count;
        return result;
    }

    /**
     * A control read by a node firing {@code r.rate} times slower than its source (a spectral node's param driven
     * by an LFO that also drives an oscillator): the first of each {@code rate} values, the value at the start of
     * the firing's frames.
     */
    private static float[] takeEvery(Reader r, int firings, float[] scratch) {
        float[] data = r.stream.data;
        for (int i = 0, at = r.pos; i < firings; i++, at += r.rate) scratch[i] = data[at];
        r.pos += firings * r.rate;
        return scratch;
    }

    /** Clears every stream and resets every processor (off the audio thread, or between renders). */
    void reset() {
        frames = 0;
        for (Stream s : streams) {
            s.size = 0;
            for (Reader r : s.readers) r.pos = 0;
        }
        for (Step s : steps) if (s.kind != Kind.ABSORB) s.processor.reset();
    }

    /** First failure of a processor, as "step: exception", or null. */
    String failureReport() {
        for (Step s : steps) {
            Throwable t = s.failure;
            if (t != null) return s.node + ": " + t;
        }
        return null;
    }

    /** Total nanoseconds per step name so far (loop nodes' two halves added together). Any thread. */
    java.util.Map<String, Long> stepNanos() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (Step s : steps) m.merge(s.node, s.nanos, Long::sum);
        return m;
    }

    boolean overflowed() {
        for (Stream s : streams) if (s.overflowed) return true;
        return false;
    }

    /**
     * Assembles a schedule. The compiler adds steps in topological order, connects them, states each step's
     * maximum firings per segment and each stream's capacity, then builds (which prepares every processor).
     */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private final Map<Output, Stream> streams = new IdentityHashMap<>();
        private final Map<Output, Integer> capacities = new IdentityHashMap<>();
        private final Map<Processor, Integer> maxFirings = new IdentityHashMap<>();
        private final Map<Processor, long[]> firingRates = new IdentityHashMap<>();
        private final Map<Input, Output> inputLinks = new IdentityHashMap<>();
        private final Map<Param, Output> controlLinks = new IdentityHashMap<>();
        private final Map<Param, Integer> controlStrides = new IdentityHashMap<>();
        private final Map<Input, Reader> inputReaders = new IdentityHashMap<>();
        private final Map<Param, Reader> controlReaders = new IdentityHashMap<>();

        /**
         * Adds a step computing (part of) {@code node}, shown as {@code name}; steps run in the order added. Sinks
         * fire once per frame whatever their readers.
         */
        public Builder step(String name, String node, Processor p, Kind kind, boolean sink) {
            steps.add(new Step(name, node, p, kind, sink));
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

        private Stream stream(Output from) {
            return streams.computeIfAbsent(from, o -> new Stream(o.spec.width(),
                    Math.max(1, capacities.getOrDefault(o, 0)) * o.spec.width()));
        }

        /**
         * Allocates every buffer and prepares the processors. A processor whose prepare throws is reported to
         * {@code failures} with its step name (and the schedule should not be run).
         */
        public Schedule build(double sampleRate, int maxBlock,
                              java.util.function.BiConsumer<String, RuntimeException> failures) {
            inputLinks.forEach((in, out) -> inputReaders.put(in, new Reader(stream(out), in.spec.rate())));
            controlLinks.forEach((prm, out) -> controlReaders.put(prm,
                    new Reader(stream(out), controlStrides.getOrDefault(prm, 1))));
            Map<Stream, List<Reader>> readers = new IdentityHashMap<>();
            inputReaders.values().forEach(r -> readers.computeIfAbsent(r.stream, k -> new ArrayList<>()).add(r));
            controlReaders.values().forEach(r -> readers.computeIfAbsent(r.stream, k -> new ArrayList<>()).add(r));
            readers.forEach((s, list) -> s.readers = list.toArray(new Reader[0]));

            for (Step s : steps) {
                Processor p = s.processor;
                s.maxFirings = maxFirings.getOrDefault(p, 0);
                int mf = s.maxFirings;
                if (s.kind != Kind.EMIT) {
                    s.inputs = p.inputs().toArray(new Input[0]);
                    s.inputReaders = new Reader[s.inputs.length];
                    s.inputScratch = new float[s.inputs.length][];
                    for (int i = 0; i < s.inputs.length; i++) {
                        Input in = s.inputs[i];
                        int floats = Math.max(1, mf * in.spec.rate() * in.spec.width());
                        s.inputReaders[i] = inputReaders.get(in);
                        s.inputScratch[i] = new float[floats];
                        in.connected = s.inputReaders[i] != null;
                        in.buffer = s.inputScratch[i]; // unconnected inputs read these zeros forever
                    }
                }
                if (s.kind != Kind.ABSORB) { // a loop-closing node reads its params in emit (FeedbackBreaker)
                    List<Param> controlled = new ArrayList<>();
                    for (Param prm : p.params()) if (controlReaders.containsKey(prm)) controlled.add(prm);
                    s.controlled = controlled.toArray(new Param[0]);
                    s.controlReaders = new Reader[s.controlled.length];
                    s.controlScratch = new float[s.controlled.length][];
                    for (int i = 0; i < s.controlled.length; i++) {
                        s.controlReaders[i] = controlReaders.get(s.controlled[i]);
                        s.controlScratch[i] = new float[Math.max(1, mf)];
                    }
                    s.controlTaken = new float[s.controlled.length][];
                    s.blockControlled = java.util.stream.IntStream.range(0, s.controlled.length)
                            .filter(i -> s.controlled[i].spec().rate() == ParamRate.BLOCK).toArray();
                }
                boolean read = false;
                if (s.kind != Kind.ABSORB) {
                    s.outputs = p.outputs().toArray(new Output[0]);
                    s.outputStreams = new Stream[s.outputs.length];
                    s.outputScratch = new float[s.outputs.length][];
                    for (int o = 0; o < s.outputs.length; o++) {
                        Output out = s.outputs[o];
                        s.outputStreams[o] = streams.get(out);
                        s.outputScratch[o] = new float[Math.max(1, mf * out.spec.rate() * out.spec.width())];
                        out.connected = s.outputStreams[o] != null;
                        out.buffer = s.outputScratch[o];
                        read |= s.outputStreams[o] != null && s.outputStreams[o].readers.length > 0;
                    }
                }
                long[] rate = firingRates.get(p);
                if (!read && !s.sink && rate != null) { // an absorb half has no outputs: it is a leaf too
                    s.leafNum = rate[0];
                    s.leafDen = rate[1];
                }
            }
            for (Step s : steps) {
                if (s.blockControlled.length == 0) continue;
                s.runInputs = new float[s.inputs.length][];
                s.inputBuffers = new float[s.inputs.length][];
                for (int i = 0; i < s.inputs.length; i++) s.runInputs[i] = new float[s.inputScratch[i].length];
                s.runOutputs = new float[s.outputs.length][];
                s.outputBuffers = new float[s.outputs.length][];
                for (int o = 0; o < s.outputs.length; o++) s.runOutputs[o] = new float[s.outputScratch[o].length];
            }
            for (Step s : steps) {
                if (s.kind == Kind.ABSORB) continue;
                for (Param prm : s.processor.params()) prm.prepare(sampleRate);
                try {
                    long[] rate = firingRates.getOrDefault(s.processor, new long[] {1, 1});
                    s.processor.prepare(new ProcessContext(sampleRate, Math.max(1, s.maxFirings), maxBlock,
                            (double) rate[1] / rate[0]));
                } catch (RuntimeException e) {
                    failures.accept(s.node, e);
                }
            }
            return new Schedule(steps.toArray(new Step[0]), streams.values().toArray(new Stream[0]), maxBlock);
        }
    }
}
