package dev.conch.engine.driver;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.runtime.Engine;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Runs a throw-away copy of a network offline until the JIT has compiled it, so that the device's first callbacks
 * run compiled code: a cold network runs interpreted, then in C1's profiling code (several times slower than C2's),
 * for its first second or so, and at small blocks that misses deadlines. The copy's processors are never opened (no
 * file is read or written) and its output is dropped.
 *
 * <p>How long is enough is measured, not guessed: a method called once a callback reaches C2 after some thousands
 * of calls (HotSpot's tier-4 thresholds), and C2 compiles on its own threads while the copy goes on. So the copy
 * runs at least {@link #MIN_CALLBACKS} callbacks at the device's block size, then on until the JIT's total
 * compilation time has stood still over a stretch of the copy (nothing left in the compiler's queue from it), or
 * the budget of wall-clock time is spent. 2 s of it at block 64, as before, left bell-morph's STFT, ISTFT, Bell and
 * the FFT compiling to C2 during the first second of play, where a callback took 2.8 ms of CPU.
 *
 * <pre>{@code
 * Prewarm.run(NetworkCompiler.compile(spec, registry, maxBlock), 64, Prewarm.BUDGET_SECONDS);   // then start the driver
 * }</pre>
 */
public final class Prewarm {
    /** Callbacks before the JIT is asked whether it is done: above HotSpot's tier-4 invocation thresholds. */
    static final long MIN_CALLBACKS = 10_000;
    /** The wall-clock time a play waits for its network to compile, at most. */
    public static final double BUDGET_SECONDS = 3;
    /** Callbacks between two looks at the JIT's clock. */
    private static final int STRETCH = 2_000;

    private Prewarm() {
    }

    /** What a warm-up did: callbacks run, and whether the JIT had gone quiet before the budget ran out. */
    public record Result(long callbacks, boolean settled, double seconds) {
    }

    /** Off the audio thread, before the driver starts, at {@code block} frames a call, for {@code budgetSeconds} at most. */
    public static Result run(CompiledNetwork copy, int block, double budgetSeconds) {
        long start = System.nanoTime();
        long deadline = start + Math.round(budgetSeconds * 1e9);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        Engine e = new Engine(copy);
        int n = Math.max(1, Math.min(block, copy.maxBlock()));
        float[][] in = new float[e.inputChannels()][n];
        float[][] out = new float[Math.max(1, e.outputChannels())][n];
        long callbacks = 0;
        long compiled = timed ? jit.getTotalCompilationTime() : -1;
        boolean settled = false;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < STRETCH; i++) e.process(in, out, n);
            callbacks += STRETCH;
            if (callbacks < MIN_CALLBACKS) continue;
            if (!timed) {
                settled = true; // no JIT clock to ask: the thresholds alone
                break;
            }
            long now = jit.getTotalCompilationTime();
            if (now == compiled) {
                settled = true;
                break;
            }
            compiled = now;
        }
        return new Result(callbacks, settled, (System.nanoTime() - start) / 1e9);
    }
}
