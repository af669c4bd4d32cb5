package dev.conch.engine.driver;

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

    /** A one-line name for status lines: "jack (48000 Hz, 256 frames)". */
    String describe();

    @Override
    default void close() {
        stop();
    }
}
