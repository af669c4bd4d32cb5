package dev.conch.engine.driver;

import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileInfo;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioFileStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One sound file played into the AudioInput as the render reads it, block by block, so a long input is never held
 * in memory: {@code conch process} runs a file per job on every core, and memory stays jobs × (the network's buffers
 * + one {@link AudioFileStream} buffer) however long or many the files are.
 *
 * <p>It reads on the render thread between callbacks, as the renderer waits there for the writer's ring: an offline
 * render has no deadline, and the other jobs keep the cores busy meanwhile. Never use it live.
 */
public final class StreamedInput implements InputSource {
    private final AudioFileStream stream;

    private StreamedInput(AudioFileStream stream) {
        this.stream = stream;
    }

    /**
     * {@code file} as an input at {@code sampleRate}: streamed when it is uncompressed at that rate; a FLAC file or
     * one at another rate is decoded and resampled whole, with the same loader and resampler as
     * {@link RecordedInput#read}, because the resampler and the FLAC decoder work on whole files.
     *
     * @throws AudioFileException the reader's sentence naming the file (missing, not audio, damaged, truncated)
     */
    public static InputSource open(Path file, double sampleRate) throws AudioFileException {
        AudioFileInfo info = AudioFileLoader.probe(file);
        if (info.sampleRate() != sampleRate || info.format().startsWith("FLAC")) {
            return new RecordedInput(RecordedInput.read(file, sampleRate), false);
        }
        return new StreamedInput(AudioFileStream.open(file));
    }

    @Override
    public int channels() {
        return stream.channels();
    }

    @Override
    public long frames() {
        return stream.frames();
    }

    @Override
    public void rewind() {
        stream.seek(0);
    }

    @Override
    public void fill(float[][] in, int frames) throws IOException {
        if (in.length < stream.channels()) {
            throw new IllegalStateException("the network takes " + in.length + " channels of input and "
                    + stream.file() + " has " + stream.channels() + " (a bug: checked before the render)");
        }
        int got = stream.read(in, 0, frames);
        for (int c = 0; c < in.length; c++) {
            Arrays.fill(in[c], c < stream.channels() ? got : 0, frames, 0f);
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
