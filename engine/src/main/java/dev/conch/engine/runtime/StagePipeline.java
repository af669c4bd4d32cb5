package dev.conch.engine.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial chain on two threads, as a software pipeline (issue 21: "a chain like P1 can be split across two threads
 * in an offline render"). The schedule's serial order is cut in two: the first stage, ops {@code [0, cut)}, runs on
 * a worker, the second, ops {@code [cut, n)}, on the calling thread. Each segment is run in pieces, and while the
 * second stage computes piece p the first computes piece p + 1.
 *
 * <p>The same tokens reach every processor in the same order as in {@link Schedule#run}, so the bits are the
 * same: the second stage must be <em>frame-locked</em> ({@link #cuts}): each of its ops fires exactly m times in a
 * piece of m frames (rate 1, ports of rate 1, no lead; a sink, a leaf at rate 1, or read only by such ops). What a
 * second-stage op takes from a first-stage stream in a piece is then known before it runs (m tokens), so the first
 * stage runs its own demand pass with that demand and fires as the serial order would, and the second stage's
 * demand pass asks for exactly what the first stage handed over. Each stream read across the cut is handed over
 * through two lanes, one per piece in flight: once the first stage has fired for piece p, its thread moves the
 * tokens the second-stage reader will take out of the stream into lane p % 2 (advancing the stream's reader as the
 * serial take would), so a stream is only ever touched by one thread, and the second-stage op reads its lane.
 *
 * <p>Memory ordering (three counters, each written by one thread, volatile): the caller's plain writes of a
 * segment's size happen before it raises {@link #requested}, which the worker reads before running a piece; a
 * piece's first stage and its lane writes happen before the worker raises {@link #produced}, which the caller reads
 * before the second stage takes from that lane; the second stage's reads of lane p % 2 (and the output copied from
 * it) happen before the caller raises {@link #consumed} past p, which the worker reads before refilling that lane
 * for piece p + 2. The caller waits for every piece of a segment before returning, so between callbacks the worker
 * is idle and the caller may touch anything (queued param changes, the input queue).
 *
 * <p>Audio path ({@link #startSegment}, {@link #nextPiece}, {@link #endSegment}): no allocation, no locks; but the
 * calling thread waits for the worker each piece, and parks after a short spin, so this is for offline rendering
 * only, never a live callback.
 */
final class StagePipeline implements AutoCloseable {
    /**
     * Spins (each a {@link Thread#onSpinWait}, some 20 ns here) a waiting thread makes before it parks, some 10 µs.
     * Long spins cost a busy machine dearly: a thread spinning for a partner the OS is not running holds a core the
     * partner could use. P1 pipelined at load 8-10, ns of CPU per frame against 5 on one thread: 70-450 with 20 000
     * spins (the caller yielding), 100 with 2 000, 16-36 with 500; on idle cores (both threads SCHED_FIFO) 500
     * spins gave 5.6-6.9 ns wall per frame against 5.9-6.2 with 20 000 (one thread alone: 4.7-5.3).
     */
    private static final int SPINS = 500;

    private final Schedule schedule;
    private final Op[] ops;
    private final int cut;
    private final int piece;
    /** Streams each stage's ops produce: each stage compacts its own. */
    private final TokenStream[] firstStreams, secondStreams;
    private final Handover[] handovers;
    private final Worker worker;

    /** Segment state, written by the caller before it raises {@link #requested}. */
    private int segmentFrames;
    private long segmentFirstPiece;
    private long segmentStartFrame;
    /** Pieces issued to the worker so far (the caller's count). */
    private long issued;
    /** The next piece the caller's second stage runs. */
    private long next;

    private volatile long requested;
    private volatile long produced;
    private volatile long consumed;
    private volatile boolean running = true;
    /** The thread running the second stage, set before each segment is published. */
    private Thread caller;
    /** Set before the caller parks and re-checks; the worker raises {@link #produced}, then reads this. */
    private volatile boolean callerParked;
    /** A failure of the pipeline itself on the worker (not a processor's: those stay in their op). */
    private volatile Throwable broken;

    /** One reader of the second stage on a stream of the first: its op, which of the op's readers, its two lanes. */
    private static final class Handover {
        final Op op;
        final boolean control;
        final int index;
        final TokenStream.Reader shared;
        final TokenStream[] lanes = new TokenStream[2];
        final TokenStream.Reader[] laneReaders = new TokenStream.Reader[2];

        Handover(Op op, boolean control, int index, TokenStream.Reader shared, int piece) {
            this.op = op;
            this.control = control;
            this.index = index;
            this.shared = shared;
            for (int l = 0; l < 2; l++) {
                lanes[l] = new TokenStream(shared.stream.width, piece * shared.stream.width);
                laneReaders[l] = lanes[l].addReader(1);
            }
        }

        void use(int lane) {
            if (control) op.controlReaders[index] = laneReaders[lane];
            else op.inputReaders[index] = laneReaders[lane];
        }

        void restore() {
            if (control) op.controlReaders[index] = shared;
            else op.inputReaders[index] = shared;
        }
    }

    /**
     * Starts the worker for a pipeline cut before op {@code cut} (one of {@link #cuts}), running segments in pieces
     * of at most {@code piece} frames. Off the audio thread, between callbacks.
     */
    StagePipeline(Schedule schedule, int cut, int piece) {
        this.schedule = schedule;
        this.ops = schedule.ops;
        this.cut = cut;
        this.piece = Math.max(1, Math.min(piece, schedule.maxBlock()));
        Map<TokenStream, Integer> producer = producers(ops);
        List<TokenStream> first = new ArrayList<>(), second = new ArrayList<>();
        for (TokenStream s : schedule.streams) (producer.get(s) < cut ? first : second).add(s);
        firstStreams = first.toArray(new TokenStream[0]);
        List<Handover> crossing = new ArrayList<>();
        for (int k = cut; k < ops.length; k++) {
            Op op = ops[k];
            for (int i = 0; i < op.inputReaders.length; i++) {
                TokenStream.Reader r = op.inputReaders[i];
                if (r != null && producer.get(r.stream) < cut) crossing.add(new Handover(op, false, i, r, this.piece));
            }
            for (int i = 0; i < op.controlReaders.length; i++) {
                TokenStream.Reader r = op.controlReaders[i];
                if (producer.get(r.stream) < cut) crossing.add(new Handover(op, true, i, r, this.piece));
            }
        }
        handovers = crossing.toArray(new Handover[0]); // their lanes are emptied by the first stage, never compacted
        secondStreams = second.toArray(new TokenStream[0]);
        worker = new Worker();
        worker.start();
    }

    private static Map<TokenStream, Integer> producers(Op[] ops) {
        Map<TokenStream, Integer> producer = new IdentityHashMap<>();
        for (int k = 0; k < ops.length; k++) {
            for (TokenStream st : ops[k].outputStreams) if (st != null) producer.put(st, k);
        }
        return producer;
    }

    /**
     * Where the schedule may be cut: each k (1 to n - 1) whose ops from k on are frame-locked loop-free rate-1 ops
     * and hold the network's output node {@code output} (null when none). Off the audio thread.
     */
    static int[] cuts(Schedule schedule, Processor output) {
        Op[] ops = schedule.ops;
        int n = ops.length;
        int[] found = new int[n];
        int count = 0;
        boolean outputAfter = output == null;
        for (int k = n - 1; k >= 1; k--) {
            if (!frameLocked(ops[k])) break;
            outputAfter |= ops[k].processor == output;
            if (outputAfter) found[count++] = k;
        }
        int[] result = new int[count];
        for (int i = 0; i < count; i++) result[i] = found[count - 1 - i];
        return result;
    }

    /**
     * Fires exactly n times in a segment of n frames, given that every op reading its outputs does: a rate-1
     * processing op with rate-1 ports and no lead that is a sink, a leaf at rate 1, or has a read output.
     */
    private static boolean frameLocked(Op op) {
        if (op.kind != Schedule.Kind.PROCESS || op.rateNum != op.rateDen || op.leadFrames != 0) return false;
        for (TokenStream.Reader r : op.inputReaders) if (r != null && r.rate != 1) return false;
        for (TokenStream.Reader r : op.controlReaders) if (r.rate != 1) return false;
        boolean read = false;
        for (int o = 0; o < op.outputs.length; o++) {
            if (op.outputs[o].spec.rate() != 1) return false;
            read |= op.outputStreams[o] != null && op.outputStreams[o].isRead();
        }
        return op.sink || (op.leafNum > 0 && op.leafNum == op.leafDen) || (op.leafNum == 0 && read);
    }

    /**
     * The cut among {@code cuts} that parts {@code costs} (per op, in the schedule's order) most evenly: the one
     * whose costlier stage is the cheapest.
     */
    static int evenest(int[] cuts, long[] costs) {
        long total = 0;
        for (long c : costs) total += c;
        int best = -1;
        long bestSlowest = Long.MAX_VALUE;
        for (int c : cuts) {
            long first = 0;
            for (int k = 0; k < c; k++) first += costs[k];
            long slowest = Math.max(first, total - first);
            if (slowest < bestSlowest) {
                bestSlowest = slowest;
                best = c;
            }
        }
        return best;
    }

    /** The worker's thread id (for measuring what it allocates). */
    long workerId() {
        return worker.getId();
    }

    // ---------------------------------------------------------------- the caller's side, audio path

    /** Hands a segment of {@code n} frames to the worker; then {@link #nextPiece} until they are done. */
    void startSegment(int n) {
        segmentFrames = n;
        segmentFirstPiece = issued;
        segmentStartFrame = schedule.frames();
        caller = Thread.currentThread();
        issued += (n + piece - 1) / piece;
        requested = issued; // volatile: publishes the segment's fields
        if (worker.parked) LockSupport.unpark(worker);
    }

    /**
     * Runs the second stage of the segment's next piece, once the worker has handed it over, and returns its frames:
     * the output node's inputs hold them until the next call. Lanes of pieces before it are released here.
     */
    int nextPiece() {
        long p = next++;
        consumed = p; // the pieces before p are done, their output copied
        if (worker.parked) LockSupport.unpark(worker);
        for (int idle = 0; produced <= p; ) {
            if (broken != null) throw new IllegalStateException("the pipeline's worker failed", broken);
            if (++idle < SPINS) {
                Thread.onSpinWait();
            } else {
                callerParked = true; // offline only: a live callback must never park
                if (produced <= p && broken == null) LockSupport.park(this);
                callerParked = false;
                idle = 0;
            }
        }
        int m = frames(p);
        long frame = segmentStartFrame + (p - segmentFirstPiece) * piece;
        int lane = (int) (p & 1);
        for (Handover h : handovers) h.use(lane);
        for (TokenStream s : secondStreams) s.compact();
        for (int k = ops.length - 1; k >= cut; k--) ops[k].demand(frame, m);
        fire(cut, ops.length);
        return m;
    }

    /** After the segment's last piece: releases its lane and advances the schedule's clock. */
    void endSegment() {
        consumed = next;
        if (worker.parked) LockSupport.unpark(worker);
        schedule.advance(segmentFrames);
    }

    private int frames(long p) {
        return (int) Math.min(piece, segmentFrames - (p - segmentFirstPiece) * piece);
    }

    private void fire(int from, int to) {
        boolean timed = schedule.timing;
        for (int k = from; k < to; k++) {
            Op op = ops[k];
            if (op.firings == 0) continue;
            if (timed) {
                long t0 = System.nanoTime();
                op.fire();
                op.nanos += System.nanoTime() - t0; // one thread per op
            } else {
                op.fire();
            }
        }
    }

    // ---------------------------------------------------------------- the worker's side

    /** The first stage of piece {@code p}, then the hand-over of what the second stage takes from it. */
    private void first(long p) {
        int m = frames(p);
        long frame = segmentStartFrame + (p - segmentFirstPiece) * piece;
        for (TokenStream s : firstStreams) s.compact();
        for (Handover h : handovers) h.shared.demandFor(m); // its op is frame-locked: m firings of one token
        for (int k = cut - 1; k >= 0; k--) ops[k].demand(frame, m);
        fire(0, cut);
        int lane = (int) (p & 1);
        for (Handover h : handovers) {
            h.lanes[lane].reset();
            h.shared.moveTo(h.lanes[lane], m);
        }
    }

    /** Stops and joins the worker, and gives the second stage's ops their readers back. Off the audio thread. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        for (Handover h : handovers) h.restore();
    }

    private final class Worker extends Thread {
        /** Set before the worker parks and re-checks; the caller writes its counter, then reads this (no lost wake-up). */
        volatile boolean parked;

        Worker() {
            super("conch-pipeline");
            setDaemon(true);
        }

        @Override
        public void run() {
            long p = 0;
            int idle = 0;
            while (running) {
                if (ready(p)) {
                    try {
                        first(p);
                    } catch (Throwable t) {
                        broken = t; // a pipeline bug: the caller reports it rather than waiting forever
                    }
                    produced = ++p;
                    if (callerParked) LockSupport.unpark(caller);
                    idle = 0;
                } else if (++idle < SPINS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (!ready(p) && running) LockSupport.park(this);
                    parked = false;
                    idle = 0;
                }
            }
        }

        /** Piece p is asked for and its lane is free (piece p - 2 consumed). */
        private boolean ready(long p) {
            return p < requested && consumed >= p - 1;
        }
    }
}
