package dev.conch.engine.driver;

import java.io.Closeable;
import java.io.IOException;

/**
 * What an offline render plays into the network's AudioInput, block after block: a recording held in memory
 * ({@link RecordedInput}, {@code render -i}) or files read as the render goes ({@link StreamedInput},
 * {@code conch process}, where thousands of files must not be held at once).
 */
public interface InputSource extends Closeable {
    int channels();

    /** How long the input lasts once through, in frames at the network's rate. */
    long frames();

    /** Back to the first frame, before a render starts. */
    void rewind() throws IOException;

    /** The next {@code frames} frames into {@code in[c][0..frames)}; silence past the end. */
    void fill(float[][] in, int frames) throws IOException;

    /** Lets go of the files it reads, if any. */
    @Override
    default void close() throws IOException {
    }
}
