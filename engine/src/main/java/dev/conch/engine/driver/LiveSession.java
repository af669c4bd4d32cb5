package dev.conch.engine.driver;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.concurrent.SpscRefRing;
import dev.conch.engine.io.AsyncAudioWriter;
import dev.conch.engine.runtime.Engine;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The callback a driver runs while a network plays live: it runs the current {@link Engine}, hot-swaps to a new
 * one with a short crossfade, feeds the level meter and an optional recording, all without allocating or locking
 * on the audio thread.
 *
 * <p>Hot-swap: {@link #swap} (any thread) hands a compiled and opened engine over through one atomic reference;
 * the audio thread picks it up at the start of a callback and crossfades linearly from the old engine over
 * {@code fadeMillis}; then it puts the old engine on a ring to the janitor thread, which closes it. The audio
 * thread never closes or frees anything itself.
 *
 * <pre>{@code
 * LiveSession session = new LiveSession(engine, 10);
 * driver.start(session);
 * session.set("filter", "frequency", 1200);        // any thread
 * session.swap(new Engine(recompiled));            // any thread: crossfades in
 * driver.stop();
 * }</pre>
 */
public final class LiveSession implements AudioCallback {
    private final AtomicReference<Engine> pending = new AtomicReference<>();
    private static final int RETIRED_CAPACITY = 16;
    private final SpscRefRing<Engine> retired = new SpscRefRing<>(RETIRED_CAPACITY);
    /**
     * Engines this session holds and has not closed: the current one, the fading one, a pending one and those on the
     * {@link #retired} ring. {@link #swap} waits while it is at the ring's capacity, so the ring always has room
     * for what the audio thread retires (it cannot wait) and no engine is ever dropped unclosed. The audio thread
     * never touches it.
     */
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger(1);
    private final double fadeMillis;
    private final Thread janitor;
    private volatile Engine latest;
    private volatile boolean running = true;
    private volatile Consumer<String> errors = System.err::println;
    /** What the audio thread threw outside any processor; the stream stops at once (written once, by it). */
    private volatile Throwable fatal;
    /** The frame of the engines' clock where the timeline ends ({@link #endAt}); {@link Long#MAX_VALUE}: never. */
    private volatile long endFrame = Long.MAX_VALUE;
    /** At the end: true starts {@link #rewound} over, false plays silence (the caller stops the driver). */
    private volatile boolean looping;
    /** The network again from frame 0, compiled and opened off the audio thread, waiting for the loop's end. */
    private final AtomicReference<Engine> rewound = new AtomicReference<>();
    /** Times the audio thread started the timeline over (it alone writes it): a reader arms the next loop. */
    private volatile long loops;

    // audio thread only
    private Engine current;
    private Engine fading;
    private int fadePos;
    private int fadeLength;
    private float[][] fadeBuffer = new float[0][0];
    private float[][] meterFrame = new float[0][1];
    private SpscAudioRing meters = new SpscAudioRing(1, 2);
    private float[][] inputMeterFrame = new float[0][1];
    private SpscAudioRing inputMeters = new SpscAudioRing(1, 2);
    private volatile AsyncAudioWriter recorder;

    /**
     * @param engine     the engine to start with, opened
     * @param fadeMillis crossfade length for hot-swaps
     */
    public LiveSession(Engine engine, double fadeMillis) {
        this.current = engine;
        this.latest = engine;
        this.fadeMillis = fadeMillis;
        this.janitor = new Thread(this::closeRetired, "conch-janitor");
        this.janitor.setDaemon(true);
        this.janitor.start();
    }

    /** Where problems found off the audio thread go (a retired engine that failed to close). Default: stderr. */
    public void onError(Consumer<String> sink) {
        this.errors = sink;
    }

    /**
     * @throws IllegalStateException when the device runs at another sample rate than the network (JACK decides its
     *                               own rate): playing on would shift every pitch
     */
    @Override
    public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
        if (Math.abs(sampleRate - latest.sampleRate()) > 0.5) {
            throw new IllegalStateException("the audio device runs at " + Math.round(sampleRate) + " Hz but the network at "
                    + Math.round(latest.sampleRate()) + " Hz: play it with --rate " + Math.round(sampleRate));
        }
        fadeLength = Math.max(1, (int) Math.round(fadeMillis * 0.001 * sampleRate));
        fadeBuffer = new float[channels][maxBlock];
        meterFrame = new float[channels][1];
        meters = new SpscAudioRing(channels, 1024);
        inputMeterFrame = new float[inputs][1];
        inputMeters = new SpscAudioRing(Math.max(1, inputs), 1024);
    }

    /** Starts recording what is played (written by the recorder's own thread); null stops. Not the audio thread. */
    public void record(AsyncAudioWriter writer) {
        this.recorder = writer;
    }

    /** The engine that is, or is about to be, playing: where live param changes go. */
    public Engine engine() {
        return latest;
    }

    /** Queues a live param change on the playing engine. See {@link Engine#set(String, String, double)}. */
    public boolean set(String node, String param, double value) {
        Engine loop = rewound.get();
        if (loop != null) loop.set(node, param, value); // the next loop starts with the change too
        return latest.set(node, param, value);
    }

    /** Queues a live change typed as text ({@code saw} for a choice): see {@link Engine#set(String, String, String)}. */
    public boolean set(String node, String param, String text) {
        return latest.set(node, param, text);
    }

    /**
     * Hands over a new engine (compiled and opened by the caller, off the audio thread). If an earlier one was
     * still waiting it is closed here, never played. Waits while the janitor is {@value #RETIRED_CAPACITY}
     * engines behind (swaps faster than callbacks can retire and a thread can close them).
     */
    public void swap(Engine next) {
        hold();
        latest = next;
        Engine skipped = pending.getAndSet(next);
        if (skipped != null) close(skipped);
    }

    /**
     * Where the timeline ends, in frames of the engines' clock (an engine swapped in continues the clock of the one
     * it replaces when its caller ran it up to there), and what happens there: with {@code loop}, the engine given
     * to {@link #armLoop} takes over at the first callback that starts at or past the end (at most one callback
     * late, with the swap's crossfade); without, the output is silent from exactly that frame on. {@link Long#MAX_VALUE}:
     * the network plays on. Any thread.
     */
    public void endAt(long frame, boolean loop) {
        looping = loop;
        endFrame = frame;
    }

    /** The frame where the timeline ends ({@link Long#MAX_VALUE}: none). */
    public long endFrame() {
        return endFrame;
    }

    /**
     * Hands over the network from its start (compiled and opened by the caller, its clock at 0) for the next loop;
     * an engine armed earlier and not used is closed here. Waits as {@link #swap} does.
     */
    public void armLoop(Engine fresh) {
        hold();
        Engine old = rewound.getAndSet(fresh);
        if (old != null) close(old);
    }

    /** Whether an engine waits for the next loop. */
    public boolean loopArmed() {
        return rewound.get() != null;
    }

    /** Times the timeline started over since this session began. Any thread. */
    public long loops() {
        return loops;
    }

    /** Counts one more engine held, waiting while the janitor is behind (see {@link #held}). */
    private void hold() {
        while (true) { // compare-and-set: two threads swapping at once cannot both take the last place
            int h = held.get();
            if (h >= RETIRED_CAPACITY && running) LockSupport.parkNanos(1_000_000L);
            else if (held.compareAndSet(h, h + 1)) break;
        }
    }

    /** Meter blocks: one frame of per-channel peaks per callback. Read by one reader thread. */
    public SpscAudioRing meters() {
        return meters;
    }

    /**
     * The input's meter blocks: one frame of per-channel peaks of what the driver captured, per callback (none when
     * the driver takes no input). Read by one reader thread.
     */
    public SpscAudioRing inputMeters() {
        return inputMeters;
    }

    /**
     * Why the sound stopped or a node went silent, as a sentence, or null while all is well. The engine isolates a
     * processor that throws (it goes silent, the rest plays on); anything else thrown on the audio thread stops
     * the stream, since the engine's own state can no longer be trusted. Read from any thread.
     */
    public String failure() {
        Throwable t = fatal;
        if (t != null) {
            return "the sound stopped: internal error on the audio thread (" + t + "); please report it with the network";
        }
        String node = current.failure();
        return node == null ? null : "a node failed and went silent: " + node;
    }

    /** True once the audio thread hit an internal error and ended the stream (see {@link #failure()}). */
    public boolean stopped() {
        return fatal != null;
    }

    @Override
    public boolean process(float[][] in, float[][] out, int frames) {
        if (fatal != null) return false;
        try {
            return processSafely(in, out, frames);
        } catch (Throwable t) {
            // the exception exists already: recording it allocates nothing; outputs go silent and the stream ends
            fatal = t;
            for (float[] o : out) java.util.Arrays.fill(o, 0, Math.min(frames, o.length), 0f);
            return false;
        }
    }

    private boolean processSafely(float[][] in, float[][] out, int frames) {
        Engine next = pending.get() == null ? null : pending.getAndSet(null);
        if (next != null) {
            if (fading != null) retire(fading); // a swap during a fade: drop the oldest at once
            fading = current;
            current = next;
            fadePos = 0;
        }
        long end = endFrame;
        long start = current.frame();
        if (start >= end && looping && next == null) {
            Engine again = rewound.getAndSet(null);
            if (again != null) {
                if (fading != null) retire(fading);
                fading = current;
                current = again;
                latest = again;
                fadePos = 0;
                loops++;
                start = 0;
            }
        }
        if (in.length > 0) meter(in, frames, inputMeterFrame, inputMeters);
        current.process(in, out, frames);
        if (fading != null) crossfade(in, out, frames);
        if (!looping && start + frames > end) { // stop at the end: nothing from the end's frame on
            int from = (int) Math.max(0, end - start);
            for (float[] o : out) java.util.Arrays.fill(o, from, Math.min(frames, o.length), 0f);
        }
        meter(out, frames, meterFrame, meters);
        AsyncAudioWriter r = recorder;
        if (r != null) r.offer(out, frames);
        return running;
    }

    private void crossfade(float[][] in, float[][] out, int frames) {
        int channels = Math.min(out.length, fadeBuffer.length);
        int n = Math.min(frames, fadeBuffer.length == 0 ? 0 : fadeBuffer[0].length);
        fading.process(in, fadeBuffer, n);
        for (int c = 0; c < channels; c++) {
            float[] o = out[c], f = fadeBuffer[c];
            for (int i = 0; i < n; i++) {
                int k = fadePos + i;
                float g = k >= fadeLength ? 1f : (float) k / fadeLength;
                o[i] = f[i] + g * (o[i] - f[i]);
            }
        }
        fadePos += frames;
        if (fadePos >= fadeLength) {
            retire(fading);
            fading = null;
        }
    }

    private void retire(Engine e) {
        retired.offer(e); // never full: swap() keeps the engines held below the ring's capacity
    }

    private static void meter(float[][] signal, int frames, float[][] frame, SpscAudioRing ring) {
        int channels = Math.min(signal.length, frame.length);
        for (int c = 0; c < channels; c++) {
            float peak = 0;
            float[] o = signal[c];
            for (int i = 0; i < frames; i++) peak = Math.max(peak, Math.abs(o[i]));
            frame[c][0] = peak;
        }
        ring.offer(frame, 0, 1); // full: the reader is behind, drop this block's levels
    }

    @Override
    public void shutdown() {
        running = false;
        LockSupport.unpark(janitor);
        try {
            janitor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Engine e;
        while ((e = retired.poll()) != null) close(e);
        Engine p = pending.getAndSet(null);
        if (p != null) close(p);
        Engine loop = rewound.getAndSet(null);
        if (loop != null) close(loop);
        if (fading != null) close(fading);
        close(current);
    }

    private void closeRetired() {
        while (running) {
            Engine e = retired.poll();
            if (e == null) {
                LockSupport.parkNanos(10_000_000L);
                continue;
            }
            close(e);
        }
    }

    private void close(Engine e) {
        try {
            e.close();
        } catch (IOException ex) {
            errors.accept("closing a replaced network: " + ex.getMessage());
        } finally {
            held.decrementAndGet();
        }
    }
}
