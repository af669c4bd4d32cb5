package dev.conch.engine.driver;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.runtime.Engine;

/**
 * Runs a throw-away copy of a network offline for a moment, so the JIT has compiled its nodes before a device
 * starts calling back: a cold network runs interpreted for its first second or so, and at small blocks that misses
 * deadlines. The copy's processors are never opened (no file is read or written) and its output is dropped.
 *
 * <pre>{@code
 * Prewarm.run(NetworkCompiler.compile(spec, registry, maxBlock), 64, 2.0);   // then start the driver
 * }</pre>
 */
public final class Prewarm {
    /** At most this many frames, however long the seconds asked for are at a high rate. */
    private static final long MAX_FRAMES = 200_000;

    private Prewarm() {
    }

    /** Off the audio thread, before the driver starts: {@code seconds} of the copy at {@code block} frames a call. */
    public static void run(CompiledNetwork copy, int block, double seconds) {
        Engine e = new Engine(copy);
        int n = Math.max(1, Math.min(block, copy.maxBlock()));
        float[][] in = new float[e.inputChannels()][n];
        float[][] out = new float[Math.max(1, e.outputChannels())][n];
        long frames = Math.min(Math.round(seconds * copy.sampleRate()), MAX_FRAMES);
        for (long done = 0; done < frames; done += n) e.process(in, out, n);
    }
}
