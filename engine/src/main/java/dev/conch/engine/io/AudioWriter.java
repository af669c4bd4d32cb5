package dev.conch.engine.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams an audio file to a temporary file beside its target; {@link #commit()} finishes the header and moves
 * it over the target atomically, {@link #abort()} (or {@link #close()} without commit) deletes it, leaving the
 * target untouched. Not for the audio thread: {@link AsyncAudioWriter} feeds one from a ring.
 */
public interface AudioWriter extends Closeable {
    /** Opens the writer {@code options.type()} asks for. */
    static AudioWriter open(Path target, int channels, double sampleRate, WriteOptions options) throws IOException {
        return switch (options.type()) {
            case WAV -> WavWriter.open(target, channels, sampleRate, options);
            case AIFF -> AiffWriter.open(target, channels, sampleRate, options);
            case FLAC -> FlacWriter.open(target, channels, sampleRate, options);
        };
    }

    Path target();

    Path tempFile();

    int channels();

    long framesWritten();

    /** What writing to integers clipped so far (none for float formats). */
    default Clipping clipping() {
        return Clipping.NONE;
    }

    void write(float[][] data, int offset, int frames) throws IOException;

    /**
     * The sums of the squares of the integer codes this writer has stored so far and their peak, kept as it encodes
     * them; null when the file stores floats or this writer does not keep them (AIFF, FLAC).
     */
    default CodeSquares codeSquares() {
        return null;
    }

    void commit() throws IOException;

    void abort();

    @Override
    void close();
}
