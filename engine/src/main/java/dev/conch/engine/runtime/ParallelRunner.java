package dev.conch.engine.runtime;

import dev.conch.engine.concurrent.RealtimePriority;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the work pass of a {@link Schedule} on the calling (audio) thread and a fixed pool of worker threads, as
 * SuperCollider's Supernova runs its queue items: each op has an activation count (its predecessors left to fire
 * this segment); the thread that fires an op decrements each successor's count, and the one that brings a count
 * to zero makes that successor ready. The demand pass stays serial ({@link Schedule#startSegment}), so every op
 * fires as often, on the same tokens, as in the serial order: ops communicate only through their streams, each
 * stream has one writer (its producer op) and each reader one owner (its reading op), and the op graph orders the
 * writer before every reader. The bits are those of {@link Schedule#run} at any thread count.
 *
 * <p>Audio path ({@link #run}): no allocation and no locks, only atomics. The calling thread works too and returns
 * once every op of the segment has fired. Each root (an op with no predecessor, the head of a branch or a voice) has
 * a home thread, dealt round the threads in the schedule's order, the calling thread first: a thread fires its own
 * roots first, each segment the same ones, so a branch's state stays in one core's cache (8 spectral chains moved
 * between two cores block after block cost more CPU per block than on one thread); a thread with none of its own
 * left takes ready ops from the shared queue, then a worker's roots from the far end of its list, so a worker the
 * OS holds back does not hold up the segment. A root is claimed with a compare-and-set of its segment number. A
 * network that is a single chain has one root, the calling thread's, and never leaves it. Workers spin for a while
 * when they find nothing ready, then park; a segment wakes the workers with roots of their own, and a thread that
 * makes an op ready unparks one worker that says it is parked ({@link LockSupport#unpark} is one OS call, no Java
 * lock, and it never waits), so a network with nothing to share costs no wake-ups.
 *
 * <p>Memory ordering, in one chain: the audio thread's demand pass (plain writes to each op's firings and the
 * readers' demand) and the counters' reset happen before it publishes the ready roots ({@link #slots}, a volatile
 * write) and the segment's number ({@link #segment}, volatile, read by a worker before it claims a root); a thread
 * that takes an op reads its slot (volatile) before firing it, and one that claims a root does so by a
 * compare-and-set on {@link #claims}, after the reset; a firing's writes happen before its decrements of
 * {@link #waiting} (volatile read-modify-write), which the thread that reaches zero reads before it publishes the
 * successor (an op with one predecessor needs no count: the thread that fired that predecessor is the only one that
 * can make it ready); every firing happens before the decrement of {@link #UNFIRED} that counts it (a thread counts
 * a run of firings at once, after the run), which the audio thread reads as 0 before returning. The next segment starts after that read, so a stream or processor used on another
 * thread next segment is seen whole there.
 *
 * <p>Inside an op: a processor that splits its block ({@link Processor#splitsWork}, {@link Processor#runParts}) gets
 * a {@link Split} of its own, whose parts any thread takes while it has nothing else to do (the calling thread while
 * it waits, a worker before it parks), so a single chain such as a grain cloud alone also uses the workers.
 */
final class ParallelRunner implements AutoCloseable {
    /** Spins (each a {@link Thread#onSpinWait}) a worker makes with nothing ready before it parks. */
    private static final int SPINS_BEFORE_PARK = 20_000;
    /**
     * Spins the calling thread makes waiting for workers before it yields its core instead: tens of µs, longer
     * than most ops take, so on an idle machine it never yields.
     */
    private static final int SPINS_BEFORE_YIELD = 2_000;

    private final Schedule schedule;
    private final Op[] ops;
    private final int[] predecessors;
    private final int[][] successors;
    private final int[] roots;
    /** Per thread (0: the calling thread), its own roots, in the schedule's order. */
    private final int[][] homes;
    /** Per root (an index into {@link #roots}'s ops), the last segment it was claimed in. */
    private final AtomicIntegerArray claims;
    /** Per op, its root's index in {@link #claims}, or -1 for an op with predecessors. */
    private final int[] rootIndex;
    /** Per op, its predecessors still to fire this segment; reset by the audio thread before the roots go out. */
    private final AtomicIntegerArray waiting;
    /**
     * The ready queue, filled once per segment: slot i holds op + 1 once published, 0 before. Each op enters it
     * exactly once a segment, so it never wraps and needs no more room than the ops. Written with volatile
     * semantics (a set is the release that publishes the op's inputs).
     */
    private final AtomicIntegerArray slots;
    /**
     * The queue's two ends and the count of ops not yet fired, each on a cache line of its own (128 bytes apart, for
     * the adjacent-line prefetcher), since every thread writes them: {@link #TAIL}, the next slot to fill (only
     * threads of the running segment push, so it needs no segment tag); {@link #HEAD}, the next slot to take, tagged
     * with the segment in the high 32 bits (a worker that read the head in one segment and tries to take it in the
     * next fails its compare-and-set instead of taking a stale op: ABA); {@link #UNFIRED}, the ops of this segment
     * not yet fired, which the audio thread returns on reading 0.
     */
    private final AtomicLongArray counters = new AtomicLongArray(48);
    private static final int TAIL = 8, HEAD = 24, UNFIRED = 40;
    private final Worker[] workers;
    /** One per op whose processor splits its work: the parts of its running block, which every thread helps with. */
    private final Split[] splits;
    /**
     * The op graph is one path (one root, no op with two successors): every op fires on the calling thread, so a
     * segment runs the serial schedule, and the workers only take the parts of blocks split by their processors.
     * The atomic bookkeeping of a segment would cost more than the whole segment of such a chain (P3: each write
     * to a line a spinning worker reads moves it between the cores; 0.7 µs a block of 512).
     */
    private final boolean path;
    /** The running segment's number, published after its reset: what a worker claims roots for. */
    private volatile int segment;
    private volatile boolean running = true;

    /**
     * Starts {@code threads - 1} workers (the calling thread is the last one) and waits until each has asked for
     * {@code priority} ({@code SCHED_FIFO}; 0 leaves them at normal priority). Off the audio thread.
     */
    ParallelRunner(Schedule schedule, int threads, int priority) {
        if (threads < 2) throw new IllegalArgumentException("a parallel runner needs 2 or more threads, not " + threads);
        this.schedule = schedule;
        this.ops = schedule.ops;
        int n = ops.length;
        predecessors = new int[n];
        successors = new int[n][];
        int rootCount = 0;
        for (int k = 0; k < n; k++) {
            predecessors[k] = ops[k].predecessors;
            successors[k] = ops[k].successors;
            if (predecessors[k] == 0) rootCount++;
        }
        roots = new int[rootCount];
        rootIndex = new int[n];
        java.util.Arrays.fill(rootIndex, -1);
        for (int k = 0, r = 0; k < n; k++) {
            if (predecessors[k] == 0) {
                rootIndex[k] = r;
                roots[r++] = k;
            }
        }
        homes = new int[threads][];
        for (int t = 0; t < threads; t++) {
            homes[t] = new int[(rootCount - t + threads - 1) / threads];
            for (int i = 0; i < homes[t].length; i++) homes[t][i] = roots[t + i * threads];
        }
        claims = new AtomicIntegerArray(Math.max(1, rootCount));
        waiting = new AtomicIntegerArray(n);
        slots = new AtomicIntegerArray(Math.max(1, n));
        List<Split> splitting = new ArrayList<>();
        for (Op op : ops) {
            if (op.kind == Schedule.Kind.PROCESS && op.processor.splitsWork()) splitting.add(new Split(op.processor));
        }
        splits = splitting.toArray(new Split[0]);
        boolean onePath = rootCount == 1;
        for (int[] next : successors) onePath &= next.length <= 1;
        path = onePath;
        workers = new Worker[threads - 1];
        CountDownLatch started = new CountDownLatch(workers.length);
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker("conch-worker-" + (w + 1), w + 1, priority, started);
            workers[w].start();
        }
        boolean interrupted = false;
        while (true) {
            try {
                started.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        for (Split split : splits) split.processor.parts(split); // its first runParts is on the audio thread, later
    }

    /** What each worker's request for realtime priority came to (empty when none was asked for). */
    List<RealtimePriority.Outcome> realtimeOutcomes() {
        List<RealtimePriority.Outcome> outcomes = new ArrayList<>();
        for (Worker w : workers) if (w.realtime != null) outcomes.add(w.realtime);
        return outcomes;
    }

    /** The workers' thread ids (for measuring what they allocate). */
    long[] workerIds() {
        long[] ids = new long[workers.length];
        for (int w = 0; w < workers.length; w++) ids[w] = workers[w].getId();
        return ids;
    }

    /** One segment of {@code n} frames, as {@link Schedule#run}. Audio thread: no allocation, no locks. */
    void run(int n) {
        if (path) {
            schedule.run(n);
            return;
        }
        schedule.startSegment(n);
        if (ops.length == 0) return;
        for (int k = 0; k < ops.length; k++) {
            waiting.lazySet(k, predecessors[k]); // ordered before the segment's publication below
            slots.lazySet(k, 0);
        }
        int s = segment + 1;
        counters.lazySet(TAIL, 0);
        counters.set(UNFIRED, ops.length);
        counters.set(HEAD, (long) s << 32);
        segment = s; // volatile: the reset above is visible to whoever reads the new segment or head
        for (int w = 0; w < workers.length; w++) {
            if (homes[w + 1].length > 0) workers[w].wake(); // only work wakes a worker: here, its own roots
        }
        boolean timed = schedule.timing;
        runHome(0, s, timed);
        for (int idle = 0; counters.get(UNFIRED) > 0; ) {
            if (runReady(timed) || steal(0, s, timed) || helpSplits()) {
                idle = 0;
            } else if (++idle < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait(); // the ops left are running on workers, or waiting for them
            } else {
                Thread.yield(); // a worker holding an op may be waiting for this core (a busy machine)
            }
        }
    }

    /** Fires thread {@code t}'s own roots of segment {@code s} that no other thread has claimed, and what follows them. */
    private void runHome(int t, int s, boolean timed) {
        for (int op : homes[t]) if (claim(op, s)) runFrom(op, timed);
    }

    /** Fires one ready op from the queue and what follows it; false if none was ready. */
    private boolean runReady(boolean timed) {
        int op = take();
        if (op < 0) return false;
        runFrom(op, timed);
        return true;
    }

    /**
     * Claims and fires one root of segment {@code s} another thread owns and has not started, from the far end of its
     * list. Never the calling thread's: it runs its own at once, and a chain of its own never leaves it.
     */
    private boolean steal(int t, int s, boolean timed) {
        for (int other = 1; other < homes.length; other++) {
            if (other == t) continue;
            int[] home = homes[other];
            for (int i = home.length - 1; i >= 0; i--) {
                if (claim(home[i], s)) {
                    runFrom(home[i], timed);
                    return true;
                }
            }
        }
        return false;
    }

    /** True for the one thread that takes root {@code op} in segment {@code s}. */
    private boolean claim(int op, int s) {
        int r = rootIndex[op];
        return claims.get(r) != s && claims.compareAndSet(r, s - 1, s);
    }

    /** Fires {@code op} and the chain that follows it on this thread, then counts them fired. */
    private void runFrom(int op, boolean timed) {
        int fired = 0;
        for (int k = op; k >= 0; fired++) k = fire(k, timed);
        counters.addAndGet(UNFIRED, -fired); // after the run: the successors its firings made ready are published
    }

    /** Makes {@code op} ready, and wakes a parked worker for it: only work wakes a worker, never a segment alone. */
    private void push(int op) {
        slots.set((int) counters.getAndIncrement(TAIL), op + 1);
        for (Worker w : workers) {
            if (w.parked) {
                w.wake(); // the next push wakes another one
                return;
            }
        }
    }

    /** A ready op of this segment, or -1 if none is ready now. */
    private int take() {
        long h = counters.get(HEAD);
        int index = (int) h;
        if (index >= slots.length()) return -1;
        int op = slots.get(index) - 1;
        if (op < 0) return -1; // not published yet
        return counters.compareAndSet(HEAD, h, h + 1) ? op : -1;
    }

    /**
     * Fires {@code k}, then makes ready each successor whose last predecessor it was, and returns one of them for
     * this thread to fire next (-1 if none): a chain runs on one thread, its tokens still in that core's cache, and
     * only its branches go through the queue.
     */
    private int fire(int k, boolean timed) {
        Op op = ops[k];
        if (op.firings > 0) {
            try {
                if (timed) {
                    long t0 = System.nanoTime();
                    op.fire();
                    op.nanos += System.nanoTime() - t0; // one thread per op per segment, ordered by the segments
                } else {
                    op.fire();
                }
            } catch (Throwable t) {
                // only a schedule bug gets here (processors' failures are caught in Op): report it, keep going,
                // so the audio thread is never left waiting for an op that will not fire
                if (op.failure == null) op.failure = t;
            }
        }
        int next = -1;
        for (int s : successors[k]) {
            if (predecessors[s] > 1 && waiting.decrementAndGet(s) != 0) continue;
            if (next < 0) next = s;
            else push(s);
        }
        return next;
    }

    /** Runs one part of a splitting processor's block that no thread has taken yet; false if there was none. */
    private boolean helpSplits() {
        for (Split split : splits) if (split.help()) return true;
        return false;
    }

    /** A splitting processor's block has a part no thread has taken yet. */
    private boolean splitOpen() {
        for (Split split : splits) if (split.open()) return true;
        return false;
    }

    /** Wakes up to {@code wanted} parked workers, for parts of a block. */
    private void wakeParked(int wanted) {
        for (Worker w : workers) {
            if (wanted == 0) return;
            if (w.parked) {
                w.wake();
                wanted--;
            }
        }
    }

    /**
     * The parts of one splitting processor's block ({@link Processor#runParts}), taken by whichever thread comes
     * first. {@link #claim} packs the block's number (bits 32-63), its part count (16-31) and the next part to take
     * (0-15) in one word, so a thread reads in one atomic read which block a part belongs to and how many it has: a
     * claim read in one block fails its compare-and-set in the next, and none is taken past a block's last part.
     *
     * <p>Memory ordering: the calling thread's writes before {@link #run} (the processor's serial work) and the reset
     * of {@link #unfinished} happen before it publishes the block ({@link #claim}, a volatile write); a thread takes
     * a part by a compare-and-set on it, after reading it; a part's writes happen before its decrement of
     * {@link #unfinished}, which the calling thread reads as 0 before it returns to the processor.
     */
    private final class Split extends Parts {
        private static final long PART = 0xFFFF;
        final Processor processor;
        private final AtomicLong claim = new AtomicLong();
        private final AtomicInteger unfinished = new AtomicInteger();
        /** Blocks published so far (only the thread firing the processor writes it). */
        private int blocks;
        /** A part's exception, thrown on the calling thread once every part has run. */
        private volatile Throwable failure;

        Split(Processor processor) {
            this.processor = processor;
        }

        @Override
        int threads() {
            return homes.length;
        }

        @Override
        void run(Processor p, int count) {
            if (count <= 1 || count > PART) {
                SERIAL.run(p, count);
                return;
            }
            unfinished.set(count);
            claim.set(((long) ++blocks << 32) | ((long) count << 16) | 1); // part 0 is this thread's
            wakeParked(count - 1);
            runPart(0, count);
            for (int idle = 0; unfinished.get() > 0; ) {
                if (help()) idle = 0; // a part no worker has taken yet, on this thread
                else if (++idle < SPINS_BEFORE_YIELD) Thread.onSpinWait(); // a worker is running its part
                else Thread.yield(); // a worker holding a part may be waiting for this core (a busy machine)
            }
            Throwable t = failure;
            if (t != null) {
                failure = null;
                if (t instanceof RuntimeException e) throw e;
                if (t instanceof Error e) throw e;
                throw new IllegalStateException(t);
            }
        }

        /** Takes and runs the next part of the running block; false if every part was taken. */
        boolean help() {
            long c = claim.get();
            int count = (int) ((c >>> 16) & PART), k = (int) (c & PART);
            if (k >= count || !claim.compareAndSet(c, c + 1)) return false;
            runPart(k, count);
            return true;
        }

        /** The running block has a part no thread has taken. */
        boolean open() {
            long c = claim.get();
            return (c & PART) < ((c >>> 16) & PART);
        }

        private void runPart(int k, int count) {
            try {
                processor.part(k, count);
            } catch (Throwable t) {
                failure = t;
            } finally {
                unfinished.decrementAndGet();
            }
        }
    }

    /** Stops and joins the workers. Off the audio thread, after the last {@link #run}. */
    @Override
    public void close() {
        running = false;
        for (Worker w : workers) LockSupport.unpark(w);
        boolean interrupted = false;
        for (Worker w : workers) {
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        for (Split split : splits) split.processor.parts(Parts.SERIAL);
    }

    private final class Worker extends Thread {
        /**
         * Set before a worker parks and re-checks for work; a pusher publishes work, then reads it (both volatile,
         * so one of the two sees the other: no lost wake-up).
         */
        volatile boolean parked;
        /** This worker's place among the threads (its own roots: {@link #homes}). */
        private final int index;
        /** The last segment whose own roots this worker has run. */
        private int doneSegment;
        private final int priority;
        private final CountDownLatch started;
        /** Written before {@link #started} counts down, read after it: the latch orders the two. */
        RealtimePriority.Outcome realtime;

        Worker(String name, int index, int priority, CountDownLatch started) {
            super(name);
            setDaemon(true);
            this.index = index;
            this.priority = priority;
            this.started = started;
        }

        /** Unparks this worker if it says it is parked. */
        void wake() {
            if (parked) {
                parked = false;
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            if (priority > 0) realtime = RealtimePriority.raiseCurrentThread(priority);
            started.countDown();
            int idle = 0;
            while (running) {
                int s = segment;
                boolean timed = schedule.timing;
                if (s != doneSegment && homes[index].length > 0) {
                    doneSegment = s;
                    runHome(index, s, timed);
                    idle = 0;
                } else if (runReady(timed) || steal(index, s, timed) || helpSplits()) {
                    idle = 0;
                } else if (++idle < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (readyNow() || !running) {
                        parked = false;
                        continue;
                    }
                    LockSupport.park(this);
                    parked = false;
                    idle = 0;
                }
            }
        }

        /** Work in the queue, or a segment whose own roots this worker has not run. */
        private boolean readyNow() {
            long h = counters.get(HEAD);
            int at = (int) h;
            return (at < slots.length() && slots.get(at) != 0) || (homes[index].length > 0 && (int) (h >>> 32) != doneSegment)
                    || splitOpen();
        }
    }
}
