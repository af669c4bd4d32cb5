package dev.conch.engine.driver;

import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileInfo;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioFileStream;
import dev.conch.engine.io.FlacStream;
import dev.conch.engine.io.Resampler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One sound file played into the AudioInput as the render reads it, block by block, so a long input is never held
 * in memory: {@code conch process} runs a file per job on every core, and memory stays jobs × (the network's buffers
 * + one read buffer: {@link AudioFileStream}'s, or one decoded FLAC frame, + the resampler's window for a file at
 * another rate) however long or many the files are.
 *
 * <p>It reads on the render thread between callbacks, as the renderer waits there for the writer's ring: an offline
 * render has no deadline, and the other jobs keep the cores busy meanwhile. Never use it live.
 */
public final class StreamedInput implements InputSource {
    /** What a file gives, block after block, from its first frame, and how it is let go. */
    private record Blocks(Resampler.Source reader, Runnable closer) {
    }

    private final Path file;
    private final boolean flac;
    private final int channels;
    private final long fileFrames;
    private final double fileRate;
    private final double sampleRate;
    private Blocks blocks;
    /** Nothing read since the file was opened: a rewind has nothing to undo. */
    private boolean atStart;

    private StreamedInput(Path file, boolean flac, int channels, long fileFrames, double fileRate, double sampleRate)
            throws AudioFileException {
        this.file = file;
        this.flac = flac;
        this.channels = channels;
        this.fileFrames = fileFrames;
        this.fileRate = fileRate;
        this.sampleRate = sampleRate;
        this.blocks = open();
        this.atStart = true;
    }

    /**
     * {@code file} as an input at {@code sampleRate}: streamed (WAV, AIFF, AU or FLAC; an MP3 is decoded whole), through the
     * {@link Resampler} when the file is at another rate, which gives the samples {@link RecordedInput#read} gives.
     * Only a FLAC file that does not say its length is decoded whole.
     *
     * @throws AudioFileException the reader's sentence naming the file (missing, not audio, damaged, truncated)
     */
    public static InputSource open(Path file, double sampleRate) throws AudioFileException {
        AudioFileInfo info = AudioFileLoader.probe(file);
        boolean flac = info.format().startsWith("FLAC");
        if (info.frames() <= 0) return new RecordedInput(RecordedInput.read(file, sampleRate), false);
        return new StreamedInput(file, flac, info.channels(), info.frames(), info.sampleRate(), sampleRate);
    }

    private Blocks open() throws AudioFileException {
        Blocks file = open(this.file, flac);
        if (fileRate == sampleRate) return file;
        Resampler r = new Resampler(channels, fileFrames, fileRate, sampleRate, file.reader());
        return new Blocks(r::read, file.closer());
    }

    private static Blocks open(Path file, boolean flac) throws AudioFileException {
        if (flac) {
            FlacStream s = FlacStream.open(file);
            return new Blocks(s::read, s::close);
        }
        AudioFileStream s = AudioFileStream.open(file);
        return new Blocks(s::read, s::close);
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public long frames() {
        return fileRate == sampleRate ? fileFrames : Resampler.lengthOf(fileFrames, fileRate, sampleRate);
    }

    /**
     * Opens the file again, as both readers go forwards only; not when nothing was read yet (every render rewinds
     * its input first, and a batch opens each file just before: a third parse of its header and a third buffer).
     */
    @Override
    public void rewind() throws AudioFileException {
        if (atStart) return;
        blocks.closer().run();
        blocks = open();
        atStart = true;
    }

    @Override
    public void fill(float[][] in, int n) throws IOException {
        if (in.length < channels) {
            throw new IllegalStateException("the network takes " + in.length + " channels of input and " + file
                    + " has " + channels + " (a bug: checked before the render)");
        }
        atStart = false;
        int got = blocks.reader().read(in, 0, n);
        for (int c = 0; c < in.length; c++) Arrays.fill(in[c], c < channels ? got : 0, n, 0f);
    }

    @Override
    public void close() {
        blocks.closer().run();
    }
}
