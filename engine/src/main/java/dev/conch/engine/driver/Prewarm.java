package dev.conch.engine.driver;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.runtime.Engine;

/**
 * Runs a throw-away copy of a network offline for a moment, so the JIT has compiled its nodes before a device
 * starts calling back: a cold network runs interpreted for its first second or so, and at small blocks that misses
 * deadlines. The copy's processors are never opened (no file is read or written) and its output is dropped.
 *
 * <pre>{@code
 * Prewarm.run(NetworkCompiler.compile(spec, registry, maxBlock), 64, Prewarm.SECONDS);   // then start the driver
 * }</pre>
 */
public final class Prewarm {
    /** At most this many frames, however long the seconds asked for are at a high rate. */
    private static final long MAX_FRAMES = 200_000;
    /** How long {@code conch play} and the editor's player warm up before their device starts. */
    public static final double SECONDS = 2;

    private Prewarm() {
    }

    /**
     * Off the audio thread, before the driver starts: {@code seconds} of the copy at {@code block} frames a call.
     * @return the frames the copy ran
     */
    public static long run(CompiledNetwork copy, int block, double seconds) {
        Engine e = new Engine(copy);
        int n = Math.max(1, Math.min(block, copy.maxBlock()));
        float[][] in = new float[e.inputChannels()][n];
        float[][] out = new float[Math.max(1, e.outputChannels())][n];
        long frames = Math.min(Math.round(seconds * copy.sampleRate()), MAX_FRAMES);
        long done = 0;
        for (; done < frames; done += n) e.process(in, out, n);
        return done;
    }
}
