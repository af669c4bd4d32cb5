package dev.conch.engine.runtime;

import dev.conch.engine.concurrent.SpscAudioRing;

/**
 * A monitor's hook on one output port: after the port's node fires, the schedule offers the tokens it made, and
 * while a ring is attached they are copied into it for a monitor to read on its own thread. A full ring drops the
 * tokens (the monitor is behind): the audio thread never waits for a display.
 *
 * <p>The port's node is the ring's only producer, so even a schedule that fires nodes on several threads keeps the
 * ring single-producer. The ring is attached and detached from any thread; the field is volatile so the audio
 * thread sees a new ring (and its allocated storage) fully built.
 */
final class MonitorTap {
    private volatile SpscAudioRing ring;
    /** A one-channel view of the tokens for {@link SpscAudioRing#offer}, allocated once. */
    private final float[][] view = new float[1][];

    /** Starts copying into {@code ring} (one channel). Any thread. */
    void attach(SpscAudioRing ring) {
        this.ring = ring;
    }

    /** Stops copying. Any thread. */
    void detach() {
        ring = null;
    }

    /** Offers {@code floats} floats from the start of {@code tokens}. Audio thread: no allocation, never blocks. */
    void offer(float[] tokens, int floats) {
        SpscAudioRing r = ring;
        if (r == null) return;
        view[0] = tokens;
        r.offer(view, 0, floats);
        view[0] = null; // hold no reference to the tokens' array between offers
    }
}
