package dev.conch.engine.runtime;

import java.util.Arrays;

/**
 * One op of a {@link Schedule}: firing a node's processor (or one half of a loop-closing node) a given number of
 * times in a segment. Like a Supernova queue item it knows its place in the op graph: how many ops must finish
 * before it ({@link #predecessors}) and which ops wait for it ({@link #successors}). An op's predecessors are the
 * producers of the streams it reads, and for an absorb half its emit half (the two share the processor's state), so
 * a runner that fires an op only once all its predecessors have fired, in any order or on any thread, computes the
 * same tokens as the serial order.
 *
 * <p>A firing is a short sequence of small steps: take the inputs' and the controls' tokens, choose the output
 * buffers, compute, silence a failed processor, offer the outputs to monitor taps, append them to their streams.
 * Only the op's own processor, ports, scratch buffers, readers and output streams are touched. Audio thread: no
 * allocation, no locks.
 */
final class Op {
    /** Shown in the order: the node id, with {@code <} for a loop node's emit half and {@code >} for its absorb. */
    final String name;
    /** The node this op computes: what failures, timings and messages name. */
    final String node;
    final Processor processor;
    final Schedule.Kind kind;
    /** Fires once per frame whatever its readers ask (the output node). */
    final boolean sink;

    Input[] inputs = new Input[0];
    /** Per input, its stream's reader, or null for an unconnected input (which reads its scratch's zeros). */
    TokenStream.Reader[] inputReaders = new TokenStream.Reader[0];
    float[][] inputScratch = new float[0][];
    Output[] outputs = new Output[0];
    /** Per output, the stream its readers take from, or null when nothing is connected to it. */
    TokenStream[] outputStreams = new TokenStream[0];
    float[][] outputScratch = new float[0][];
    Param[] controlled = new Param[0];
    TokenStream.Reader[] controlReaders = new TokenStream.Reader[0];
    float[][] controlScratch = new float[0][];
    /** This firing's control values per controlled param (what attachControl was given). */
    float[][] controlTaken = new float[0][];
    /**
     * Indexes into {@link #controlled} of the per-block params among them. A per-block param reads one value per
     * process call, so an op with any is called once per run of firings over which their controls hold still: the
     * value then changes at its exact firing, whatever the block size.
     */
    int[] blockControlled = new int[0];
    float[][] runInputs = new float[0][], runOutputs = new float[0][];
    /** The whole firing's buffers, while a run's scratch stands in for them. */
    float[][] inputBuffers = new float[0][], outputBuffers = new float[0][];
    int maxFirings;
    /** Firings this segment, set by the demand pass. */
    int firings;
    /**
     * Firings per frame ({@code leafNum / leafDen}) of an op whose outputs nothing reads (a branch still being
     * wired, a node only a monitor taps, a loop node's absorb half): no reader asks for its tokens, so it fires by
     * its rate instead, as a sink would, and keeps draining its inputs. 0 for every other op.
     */
    long leafNum, leafDen = 1;
    /** Firings of the processor per network frame, {@code rateNum / rateDen}: what its prepare is told. */
    long rateNum = 1, rateDen = 1;

    /**
     * Frames ahead of the played frames this op fires by time as well as by demand ({@link FrameSpread}), so that a
     * spectral chain's frame is not all computed in the one callback that first needs it; 0 for demand alone.
     */
    long leadFrames;
    /** Firings since the start or the last reset: what a lead's count by time is measured against. */
    long fired;

    /** Ops that must fire before this one in a segment: the activation count a parallel runner starts from. */
    int predecessors;
    /** Indexes, in the schedule's order, of the ops that wait for this one; each comes after it in that order. */
    int[] successors = new int[0];

    volatile Throwable failure;
    /** Nanoseconds spent in this op's processor since the start, when timing is on. */
    volatile long nanos;

    Op(String name, String node, Processor processor, Schedule.Kind kind, boolean sink) {
        this.name = name;
        this.node = node;
        this.processor = processor;
        this.kind = kind;
        this.sink = sink;
    }

    /** Allocates the processor's state: params, then the processor. An absorb half shares its emit half's. */
    void prepare(double sampleRate, int maxBlock) {
        if (kind == Schedule.Kind.ABSORB) return;
        for (Param prm : processor.params()) prm.prepare(sampleRate);
        processor.prepare(new ProcessContext(sampleRate, Math.max(1, maxFirings), maxBlock,
                (double) rateDen / rateNum));
    }

    /**
     * The demand pass's step for this op, run after every op that reads its outputs: how often it fires in a
     * segment of {@code n} frames starting at frame {@code frames}, which then sets what it asks of its inputs.
     */
    void demand(long frames, int n) {
        int f = 0;
        if (sink) {
            f = n;
        } else if (leafNum > 0) {
            // from the running total, so the firings do not depend on how the frames are cut into segments
            f = (int) (Math.floorDiv((frames + n) * leafNum, leafDen) - Math.floorDiv(frames * leafNum, leafDen));
        } else {
            for (int o = 0; o < outputs.length; o++) {
                TokenStream st = outputStreams[o];
                if (st != null) f = Math.max(f, st.firingsWanted(outputs[o].spec.rate()));
            }
        }
        if (leadFrames > 0) f = (int) Math.max(f, Math.min(maxFirings, firedByLead(frames + n) - fired));
        f = Math.min(f, maxFirings); // the compiler's bound; reaching it means a rate bug, not a crash (or a lead catching up)
        firings = f;
        fired += f;
        for (TokenStream.Reader r : inputReaders) if (r != null) r.demandFor(f);
        for (TokenStream.Reader r : controlReaders) r.demandFor(f);
    }

    /**
     * Firings this op's lead asks for by the end of frame {@code end}: as many as its rate makes in {@code end +
     * leadFrames} frames (0 without a lead). A function of the frame count alone, so it is the same however the
     * frames are cut into segments.
     */
    long firedByLead(long end) {
        return leadFrames == 0 ? 0 : -Math.floorDiv(-(end + leadFrames) * rateNum, rateDen);
    }

    /** Fires {@link #firings} times (the work pass's step for this op). */
    void fire() {
        int f = firings;
        takeInputs(f);
        takeControls(f);
        chooseOutputBuffers();
        compute(f);
        silenceIfFailed(f);
        offerToTaps(f);
        appendOutputs(f);
        releaseControls();
    }

    private void takeInputs(int f) {
        for (int i = 0; i < inputs.length; i++) {
            TokenStream.Reader r = inputReaders[i];
            if (r != null) inputs[i].readFrom(r.take(f * r.rate, inputScratch[i]));
        }
    }

    private void takeControls(int f) {
        for (int i = 0; i < controlled.length; i++) {
            TokenStream.Reader r = controlReaders[i];
            controlTaken[i] = r.rate == 1 ? r.take(f, controlScratch[i]) : r.takeEvery(f, controlScratch[i]);
            controlled[i].attachControl(controlTaken[i], 0);
        }
    }

    private void chooseOutputBuffers() {
        for (int o = 0; o < outputs.length; o++) {
            TokenStream st = outputStreams[o];
            outputs[o].writeTo(st != null ? st.writeTarget(outputScratch[o]) : outputScratch[o]);
        }
    }

    private void compute(int f) {
        if (failure != null) return;
        try {
            if (blockControlled.length == 0 || f == 1) {
                dispatch(f);
            } else {
                computeInRuns(f);
            }
        } catch (Throwable t) {
            // isolate the failing processor: it goes silent, the stream keeps running; reported off-thread
            failure = t;
        }
    }

    private void silenceIfFailed(int f) {
        if (failure == null) return;
        for (Output out : outputs) Arrays.fill(out.buffer, 0, out.floats(f), 0f);
    }

    private void offerToTaps(int f) {
        for (Output out : outputs) out.monitor.offer(out.buffer, out.floats(f));
    }

    private void appendOutputs(int f) {
        for (int o = 0; o < outputs.length; o++) {
            TokenStream st = outputStreams[o];
            if (st != null) st.append(outputs[o].buffer, outputs[o].floats(f));
        }
    }

    private void releaseControls() {
        for (Param p : controlled) p.attachControl(null, 0);
    }

    private void dispatch(int f) {
        switch (kind) {
            case PROCESS -> processor.process(f);
            case EMIT -> ((FeedbackBreaker) processor).emit(f);
            case ABSORB -> ((FeedbackBreaker) processor).absorb(f);
        }
    }

    /**
     * Computes in runs of firings over which every per-block param's control holds one value: each run's inputs
     * are copied to the front of scratch buffers, its outputs made there and copied into place, and the controls
     * read from the run's first firing on.
     */
    private void computeInRuns(int f) {
        for (int i = 0; i < inputs.length; i++) inputBuffers[i] = inputs[i].buffer;
        for (int o = 0; o < outputs.length; o++) outputBuffers[o] = outputs[o].buffer;
        for (int a = 0, b; a < f; a = b) {
            b = a + 1;
            while (b < f && blockControlsHold(a, b)) b++;
            int n = b - a;
            for (int i = 0; i < inputs.length; i++) {
                int per = inputs[i].floats(1);
                System.arraycopy(inputBuffers[i], a * per, runInputs[i], 0, n * per);
                inputs[i].readFrom(runInputs[i]);
            }
            for (int o = 0; o < outputs.length; o++) outputs[o].writeTo(runOutputs[o]);
            for (int i = 0; i < controlled.length; i++) controlled[i].attachControl(controlTaken[i], a);
            dispatch(n);
            for (int o = 0; o < outputs.length; o++) {
                int per = outputs[o].floats(1);
                System.arraycopy(runOutputs[o], 0, outputBuffers[o], a * per, n * per);
            }
        }
        for (int i = 0; i < inputs.length; i++) inputs[i].readFrom(inputBuffers[i]);
        for (int o = 0; o < outputs.length; o++) outputs[o].writeTo(outputBuffers[o]);
    }

    private boolean blockControlsHold(int a, int b) {
        for (int i : blockControlled) {
            float[] c = controlTaken[i];
            if (Float.floatToRawIntBits(c[a]) != Float.floatToRawIntBits(c[b])) return false;
        }
        return true;
    }

    /** Empties what one segment left behind: the processor's state (once per node: not again for an absorb half). */
    void reset() {
        fired = 0;
        if (kind != Schedule.Kind.ABSORB) processor.reset();
    }
}
