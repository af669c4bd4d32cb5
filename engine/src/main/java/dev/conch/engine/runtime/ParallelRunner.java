package dev.conch.engine.runtime;

import dev.conch.engine.concurrent.RealtimePriority;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
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
 * once every op of the segment has fired, and keeps one root for itself, so a network that is a single chain never
 * leaves it. Workers spin for a while when they find nothing ready, then park; a thread that makes an op ready
 * unparks one worker that says it is parked ({@link LockSupport#unpark} is one OS call, no Java lock, and it never
 * waits), so a network with nothing to share costs no wake-ups.
 *
 * <p>Memory ordering, in one chain: the audio thread's demand pass (plain writes to each op's firings and the
 * readers' demand) and the counters' reset happen before it publishes the ready roots ({@link #slots}, a volatile
 * write); a thread that takes an op reads its slot (volatile) before firing it; a firing's writes happen before its
 * decrements of {@link #waiting} (volatile read-modify-write), which the thread that reaches zero reads before it
 * publishes the successor; every firing happens before its decrement of {@link #unfired}, which the audio thread
 * reads as 0 before returning. The next segment starts after that read, so a stream or processor used on another
 * thread next segment is seen whole there.
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
    /** Per op, its predecessors still to fire this segment; reset by the audio thread before the roots go out. */
    private final AtomicIntegerArray waiting;
    /**
     * The ready queue, filled once per segment: slot i holds op + 1 once published, 0 before. Each op enters it
     * exactly once a segment, so it never wraps and needs no more room than the ops. Written with volatile
     * semantics (a set is the release that publishes the op's inputs).
     */
    private final AtomicIntegerArray slots;
    /** Next slot to fill. Only threads of the running segment push, so it needs no segment tag. */
    private final AtomicInteger tail = new AtomicInteger();
    /**
     * Next slot to take, tagged with the segment in the high 32 bits: a worker that read the head in one segment
     * and tries to take it in the next fails its compare-and-set instead of taking a stale op (ABA).
     */
    private final AtomicLong head = new AtomicLong();
    /** Ops of this segment not yet fired: the audio thread returns when it reads 0 (volatile). */
    private final AtomicInteger unfired = new AtomicInteger();
    private final Worker[] workers;
    private int segment;
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
        for (int k = 0, r = 0; k < n; k++) if (predecessors[k] == 0) roots[r++] = k;
        waiting = new AtomicIntegerArray(n);
        slots = new AtomicIntegerArray(Math.max(1, n));
        workers = new Worker[threads - 1];
        CountDownLatch started = new CountDownLatch(workers.length);
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker("conch-worker-" + (w + 1), priority, started);
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
        schedule.startSegment(n);
        if (ops.length == 0) return;
        for (int k = 0; k < ops.length; k++) {
            waiting.lazySet(k, predecessors[k]); // ordered before the roots' publication below
            slots.lazySet(k, 0);
        }
        segment++;
        tail.lazySet(0);
        head.set((long) segment << 32); // volatile: the reset above is visible to whoever reads the new head
        unfired.set(ops.length);
        for (int r = 1; r < roots.length; r++) push(roots[r]);
        boolean timed = schedule.timing;
        // the first root is this thread's own: a network that is one chain then never leaves the audio thread
        // (through a worker its every block would cross cores twice)
        for (int op = roots.length > 0 ? roots[0] : -1; op >= 0; ) op = fire(op, timed);
        for (int idle = 0; unfired.get() > 0; ) {
            int op = take();
            if (op >= 0) {
                while (op >= 0) op = fire(op, timed);
                idle = 0;
            } else if (++idle < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait(); // the ops left are running on workers, or waiting for them
            } else {
                Thread.yield(); // a worker holding an op may be waiting for this core (a busy machine)
            }
        }
    }

    /** Makes {@code op} ready, and wakes a parked worker for it: only work wakes a worker, never a segment alone. */
    private void push(int op) {
        slots.set(tail.getAndIncrement(), op + 1);
        for (Worker w : workers) {
            if (w.parked) {
                w.parked = false; // the next push wakes another one
                LockSupport.unpark(w);
                return;
            }
        }
    }

    /** A ready op of this segment, or -1 if none is ready now. */
    private int take() {
        long h = head.get();
        int index = (int) h;
        if (index >= slots.length()) return -1;
        int op = slots.get(index) - 1;
        if (op < 0) return -1; // not published yet
        return head.compareAndSet(h, h + 1) ? op : -1;
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
            if (waiting.decrementAndGet(s) != 0) continue;
            if (next < 0) next = s;
            else push(s);
        }
        unfired.decrementAndGet(); // after the successors' counts: the segment cannot end with an op not yet ready
        return next;
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
    }

    private final class Worker extends Thread {
        /**
         * Set before a worker parks and re-checks for work; a pusher publishes work, then reads it (both volatile,
         * so one of the two sees the other: no lost wake-up).
         */
        volatile boolean parked;
        private final int priority;
        private final CountDownLatch started;
        /** Written before {@link #started} counts down, read after it: the latch orders the two. */
        RealtimePriority.Outcome realtime;

        Worker(String name, int priority, CountDownLatch started) {
            super(name);
            setDaemon(true);
            this.priority = priority;
            this.started = started;
        }

        @Override
        public void run() {
            if (priority > 0) realtime = RealtimePriority.raiseCurrentThread(priority);
            started.countDown();
            int idle = 0;
            while (running) {
                int op = take();
                if (op >= 0) {
                    boolean timed = schedule.timing;
                    while (op >= 0) op = fire(op, timed);
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

        private boolean readyNow() {
            long h = head.get();
            int index = (int) h;
            return index < slots.length() && slots.get(index) != 0;
        }
    }
}
