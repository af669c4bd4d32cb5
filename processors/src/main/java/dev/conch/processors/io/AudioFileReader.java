package dev.conch.processors.io;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileInfo;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Plays an audio file (WAV, AIFF, AU) from memory: one output per channel of the file, so the port count is read
 * from the file's header in {@link #configure()}, and the samples are loaded in {@link #prepare}.
 *
 * <p>Playback starts {@code start} seconds into the file. At the end it stops (silence) or, with {@code loop},
 * jumps back to the file's first frame with no gap: the frame after the last is frame 0 (the offset only applies
 * to the first pass). A start beyond the end gives silence, or with loop wraps around the file's length.
 * The file must run at the network's rate (resampling comes later).
 */
@ProcessorInfo(name = "AudioFileReader", category = "Files",
        description = "Plays an audio file (WAV, AIFF), once or looped; one output per channel.")
public final class AudioFileReader extends Processor {
    private final Param file = param(ParamSpec.text("file", "")
            .describe("the audio file to play; a relative path is taken from the current folder"));
    private final Param loop = param(ParamSpec.bool("loop", false)
            .describe("start again from the beginning at the end of the file"));
    private final Param start = param(ParamSpec.number("start", "s", 0, 86400, 0).asStructural()
            .describe("where playback begins, in seconds from the start of the file"));
    private final Param gain = param(ParamSpec.number("gain", "dB", -120, 24, 0).smoothed(20)
            .describe("playback gain in decibels"));
    private Output[] outs;
    private float[][] samples;
    private float[] gains;
    private int length;
    private int startFrame;
    private int position;

    @Override
    protected void configure() {
        Path path = path();
        int n = 1;
        if (path != null) {
            try {
                n = AudioFileLoader.probe(path).channels();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        outs = new Output[n];
        for (int c = 0; c < n; c++) outs[c] = output(PortSpec.audio("out" + (c + 1), "channel " + (c + 1) + " of the file"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
        Path path = path();
        if (path == null) {
            throw new IllegalStateException("AudioFileReader has no file to play: set its 'file' parameter to a path "
                    + "such as loop.wav");
        }
        AudioData data;
        try {
            data = AudioFileLoader.load(path);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (data.sampleRate() != ctx.sampleRate()) {
            throw new IllegalStateException("file " + path.getFileName() + " is " + hz(data.sampleRate())
                    + " Hz but the network runs at " + hz(ctx.sampleRate())
                    + " Hz; resampling comes in a later version");
        }
        if (data.channelCount() != outs.length) {
            throw new IllegalStateException("file " + path + " now has " + data.channelCount() + " channels but had "
                    + outs.length + " when the network was loaded; load the network again");
        }
        samples = data.channels();
        length = data.frames();
        gains = new float[Math.max(ctx.maxFirings(), 1)];
        long offset = Math.round(start.value() * ctx.sampleRate());
        startFrame = (int) Math.min(offset, Integer.MAX_VALUE);
        reset();
    }

    @Override
    public void reset() {
        position = startFrame;
        if (loop.on() && length > 0) position = (int) (startFrame % (long) length);
    }

    @Override
    public void process(int frames) {
        float[] g = gains;
        if (gain.steady()) {
            float v = (float) Math.pow(10, gain.value() / 20);
            for (int i = 0; i < frames; i++) g[i] = v;
        } else {
            for (int i = 0; i < frames; i++) g[i] = (float) Math.pow(10, gain.next() / 20);
        }
        boolean looping = loop.on() && length > 0;
        int done = 0;
        while (done < frames) {
            if (position >= length) {
                if (!looping) break;
                position = 0; // seamless: the frame after the last is frame 0, in the same block
            }
            int n = Math.min(frames - done, length - position);
            for (int c = 0; c < outs.length; c++) {
                float[] x = samples[c];
                float[] y = outs[c].buffer();
                for (int i = 0; i < n; i++) y[done + i] = x[position + i] * g[done + i];
            }
            position += n;
            done += n;
        }
        for (int c = 0; c < outs.length; c++) {
            float[] y = outs[c].buffer();
            for (int i = done; i < frames; i++) y[i] = 0f;
        }
    }

    /** The file param as an absolute path; null when empty (the registry's describe pass). */
    private Path path() {
        String text = file.text() == null ? "" : file.text().trim();
        if (text.isEmpty()) return null;
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a usable file path (" + e.getReason() + ")");
        }
    }

    private static String hz(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
