package dev.conch.engine.driver;

/**
 * Keeps a full-duplex stream's round trip steady when the capture clock and the playback clock differ, by taking
 * one captured frame more than a block (a frame dropped) or one fewer (a frame duplicated) now and then.
 *
 * <p>What it watches is the frames in flight before each read: captured and not yet read, plus written and not yet
 * played. That sum is the round trip. On one clock a device period moves as many frames into the capture buffer as
 * it takes out of the playback buffer, so the sum stays put; when the input runs fast it grows, and when it runs
 * slow it shrinks, by the clocks' difference. The first blocks (0.2 s: two time constants of the smoothing; a clock
 * 500 ppm off moves less than 5 frames meanwhile) only measure: their smoothed sum becomes the set point. After
 * that, whenever the smoothed sum is more than {@link #DEAD_BAND} frames from the set point (fewer for small buffers:
 * a quarter of the margin the playback buffer has over a block, at least 1), one frame is corrected in that block,
 * and the smoothed sum moves by that frame at once (it is known, not measured), so the correction never overshoots
 * while the smoothing catches up.
 *
 * <p>The same rule undoes a jump: when one line misses a period and the other does not (seen through ALSA's jack
 * plugin, whose two lines are two JACK clients, on a loaded server), the round trip jumps by a period, and the
 * corrector brings it back a frame a block instead of leaving the latency longer for good.
 *
 * <p>It corrects at most one frame a block, so it follows clocks up to {@code 1 / block} apart: 3,900 ppm at 256
 * frames, 244 ppm at 4,096; one device's clocks are a few ppm apart at most.
 *
 * <p>Realtime: no allocation; the counts are written by the audio thread only and read by anyone.
 */
final class DriftCorrector {
    /**
     * Frames the smoothed round trip may wander before a correction: 0.7 ms at 48 kHz, wide enough that the jitter of
     * two lines' fill levels read one after the other (up to a device period, smoothed) does not trigger one.
     */
    static final int DEAD_BAND = 32;
    /** The smoothing's time constant: long against a device period, short against any real drift. */
    private static final double SMOOTHING_SECONDS = 0.1;
    private static final double SETTLE_SECONDS = 0.2;

    private final int block;
    private final int deadBand;
    private final double alpha;
    private final int settle;
    private int measured;
    private double smoothed;
    private double setPoint;
    private volatile long dropped;
    private volatile long duplicated;

    /** @param ahead the frames of silence the playback line starts with: the round trip the buffers allow */
    DriftCorrector(int block, double sampleRate, int ahead) {
        this.block = block;
        this.deadBand = deadBand(ahead, block);
        this.alpha = Math.min(1, block / (SMOOTHING_SECONDS * sampleRate));
        this.settle = (int) Math.max(4, Math.ceil(SETTLE_SECONDS * sampleRate / block));
    }

    /**
     * The dead band for a stream that starts with {@code ahead} frames of silence: a slow input can take the round
     * trip down to one block (the read waits for a whole block) before the playback line runs dry.
     */
    static int deadBand(int ahead, int block) {
        return Math.max(1, Math.min(DEAD_BAND, (ahead - block) / 4));
    }

    /**
     * Realtime: given the frames in flight now, how many captured frames to take for this block: {@code block + 1}
     * (one is dropped), {@code block}, or {@code block - 1} (one is duplicated).
     */
    int framesToTake(int inFlight) {
        if (measured < settle) {
            smoothed = measured == 0 ? inFlight : smoothed + alpha * (inFlight - smoothed);
            if (++measured == settle) setPoint = smoothed;
            return block;
        }
        smoothed += alpha * (inFlight - smoothed);
        if (smoothed > setPoint + deadBand) {
            smoothed -= 1;
            dropped++; // one writer: the audio thread
            return block + 1;
        }
        if (smoothed < setPoint - deadBand) {
            smoothed += 1;
            duplicated++;
            return block - 1;
        }
        return block;
    }

    /** Captured frames dropped so far because the input ran fast. */
    long dropped() {
        return dropped;
    }

    /** Captured frames played twice so far because the input ran slow. */
    long duplicated() {
        return duplicated;
    }
}
