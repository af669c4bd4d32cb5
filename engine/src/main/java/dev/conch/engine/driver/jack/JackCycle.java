package dev.conch.engine.driver.jack;

import dev.conch.engine.driver.AudioCallback;
import dev.conch.engine.driver.CallbackStats;

import java.nio.FloatBuffer;

/**
 * One JACK period, Conch's part of it: copy the capture ports' buffers in, ask the callback for {@code nframes}
 * and copy them into the playback ports' buffers, then record how long that took against the period. Kept apart from the JACK client so that it can be run (and
 * its allocation measured) without a server.
 *
 * <p>The scratch buffers are allocated once for {@link #MAX_BLOCK} frames, the largest period JACK 2 allows, so a
 * buffer-size change never needs new memory; a longer period (no JACK we know of) is served in pieces. After the
 * callback returns false or throws, every later period is silence.
 */
final class JackCycle {
    /** JACK 2's largest period (BUFFER_SIZE_MAX); larger periods still work, in several callback calls. */
    static final int MAX_BLOCK = 8192;

    private final AudioCallback callback;
    private final CallbackStats stats;
    private final float[][] scratch;
    private final float[][] inScratch;
    private final float[] silence = new float[MAX_BLOCK];
    private final double nanosPerFrame;
    private volatile boolean finished;
    private volatile RuntimeException failure;
    private volatile boolean late;

    JackCycle(AudioCallback callback, CallbackStats stats, int inputs, int channels, double sampleRate) {
        this.callback = callback;
        this.stats = stats;
        this.scratch = new float[channels][MAX_BLOCK];
        this.inScratch = new float[inputs][MAX_BLOCK];
        this.nanosPerFrame = 1e9 / sampleRate;
    }

    /**
     * Realtime thread: reads {@code captures[c]} and fills {@code ports[c]} (all positioned at 0, as JNAJack hands
     * them over) for one period.
     */
    void run(FloatBuffer[] captures, FloatBuffer[] ports, int nframes) {
        long start = System.nanoTime();
        int done = 0;
        while (done < nframes) {
            int n = Math.min(nframes - done, MAX_BLOCK);
            for (int c = 0; c < captures.length; c++) {
                FloatBuffer capture = captures[c];
                int room = Math.min(n, capture.remaining()); // a short view (see below) reads as silence past its end
                capture.get(inScratch[c], 0, room);
                java.util.Arrays.fill(inScratch[c], room, n, 0f);
            }
            boolean live = !finished;
            if (live) {
                try {
                    if (!callback.process(inScratch, scratch, n)) finished = true; // this block is still good
                } catch (RuntimeException e) {
                    // the callback broke its contract: keep JACK's thread alive, go silent, stop() reports it
                    failure = e;
                    finished = true;
                    live = false;
                }
            }
            for (int c = 0; c < ports.length; c++) {
                FloatBuffer port = ports[c];
                // JNAJack sizes a port's view when the port's memory moves; after a buffer-size change that kept
                // the same memory the view may be shorter than the period: never write past it
                int room = Math.min(n, port.remaining());
                port.put(live ? scratch[c] : silence, 0, room);
            }
            done += n;
        }
        long took = System.nanoTime() - start;
        long deadline = (long) (nframes * nanosPerFrame);
        stats.record(took, deadline);
        if (took > deadline) late = true;
    }

    /**
     * JACK's xrun notice: true (and forgotten) if the last late period was ours and so already counted as a miss
     * by {@link CallbackStats#record}; false if the xrun came from elsewhere (the server, another client).
     */
    boolean takeLate() {
        boolean was = late;
        late = false;
        return was;
    }

    /** The callback asked to stop (returned false) or failed; periods since then were silent. */
    boolean finished() {
        return finished;
    }

    /** What the callback threw on the realtime thread, or null. */
    RuntimeException failure() {
        return failure;
    }
}
