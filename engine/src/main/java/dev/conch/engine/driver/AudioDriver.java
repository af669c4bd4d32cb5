package dev.conch.engine.driver;

import dev.conch.engine.concurrent.RealtimePriority;
import java.io.IOException;

/**
 * Something that calls an {@link AudioCallback} at a sound card's pace: Java Sound, a JACK server, or a simulated
 * clock. {@link #start} returns once the stream runs; {@link #stop} ends it and waits for the last callback.
 */
public interface AudioDriver extends AutoCloseable {

    /** Starts calling {@code callback}. A clear IOException when the device is missing, busy or refuses the format. */
    void start(AudioCallback callback) throws IOException;

    /** Stops the stream; {@link AudioCallback#shutdown()} has run when this returns. Safe to call twice. */
    void stop();

    /** Callback timing so far: load, deadline misses. */
    CallbackStats stats();

    /**
     * Asks for realtime scheduling ({@code SCHED_FIFO} at {@code priority}, 1..99; 0, the default, for none) for the
     * audio thread this driver starts. Before {@link #start}. A JACK client's threads are the server's: JACK makes
     * them realtime when it runs realtime itself ({@code jackd -R}), and this does nothing.
     */
    default void realtimePriority(int priority) {
    }

    /** Once started: what the OS answered the request for realtime priority, or null when none was made. */
    default RealtimePriority.Outcome realtime() {
        return null;
    }

    /** A one-line name for status lines: "jack (48000 Hz, 256 frames)". */
    String describe();

    @Override
    default void close() {
        stop();
    }
}
