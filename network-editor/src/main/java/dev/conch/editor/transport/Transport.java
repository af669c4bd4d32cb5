package dev.conch.editor.transport;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;

import java.io.IOException;

/** What the {@link PlaybackController} drives: the {@link Player}, or a stand-in whose audio thread fails on cue. */
public interface Transport {
    void start(NetworkSpec spec, String driver) throws NetworkException, IOException;

    void stop();

    boolean playing();

    /** A live param change; false when not playing or the control queue was full. */
    boolean set(String node, String param, double value);

    /** A new network crossfaded in while playing. */
    void swap(NetworkSpec spec) throws NetworkException, IOException;

    /** Why the sound stopped or a node went silent (a sentence), or null. */
    String failure();

    /** True when the audio thread ended by itself: {@link #stop()} cleans up. */
    boolean stopped();

    String describe();

    /** Starts the playing network over from its beginning (crossfaded); nothing when stopped. */
    default void restart() throws NetworkException, IOException {
    }
}
