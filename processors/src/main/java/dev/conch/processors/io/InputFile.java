package dev.conch.processors.io;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileInfo;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.Resampler;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The audio file a processor reads, named by its {@code file} param: the path resolved from the param's text, the
 * header probed when the processor is configured, checked again and the samples loaded and converted to the
 * network's rate when it is prepared. Every refusal is one sentence naming the file, for the problem that names
 * the node.
 *
 * <p>Errors found while configuring are {@link IllegalArgumentException}s, while preparing
 * {@link IllegalStateException}s, as {@link dev.conch.engine.runtime.Processor} expects.
 */
public final class InputFile {
    private InputFile() {
    }

    /**
     * The param's text as an absolute path; null when empty. In a network the compiler has already resolved a relative
     * path from the network file's folder ({@code dev.conch.engine.graph.FilePaths}); one given straight to the
     * processor (a harness, a benchmark) is taken from the current folder.
     *
     * @throws IllegalArgumentException when the text cannot name a file
     */
    public static Path path(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return null;
        try {
            return Path.of(t).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + t + "' is not a usable file path (" + e.getReason() + ")");
        }
    }

    /** The file's header, read while configuring (ports may depend on its channels). */
    public static AudioFileInfo probe(Path path) {
        try {
            return AudioFileLoader.probe(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The file's header again, read while preparing: it must still have the {@code channels} the processor was
     * configured for, and a file at another rate than {@code networkRate} is refused unless {@code resample}.
     */
    public static AudioFileInfo check(Path path, int channels, double networkRate, boolean resample) {
        AudioFileInfo info;
        try {
            info = AudioFileLoader.probe(path);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (info.channels() != channels) {
            throw new IllegalStateException("file " + path + " now has " + info.channels() + " channels but had "
                    + channels + " when the network was loaded; load the network again");
        }
        if (info.sampleRate() != networkRate && !resample) {
            throw new IllegalStateException("file " + path.getFileName() + " is " + hz(info.sampleRate())
                    + " Hz but the network runs at " + hz(networkRate) + " Hz, and resample is off; "
                    + "turn resample on to convert it on load, or convert the file");
        }
        return info;
    }

    /** Every channel of the file, converted to {@code networkRate} by the band-limited {@link Resampler}. */
    public static float[][] load(Path path, double networkRate) {
        return read(path).channelsAt(networkRate);
    }

    /**
     * The file's channels averaged to one, then converted to {@code networkRate} (mixing first converts one
     * channel instead of all).
     */
    public static float[] loadMono(Path path, double networkRate) {
        AudioData data = read(path);
        int frames = data.frames();
        float[][] ch = data.channels();
        // a mono file is its own average: no second copy of a long file (P3's minute of source, 11.5 MB)
        float[] mono = ch.length == 1 ? ch[0] : new float[frames];
        if (ch.length > 1) for (float[] c : ch) for (int i = 0; i < frames; i++) mono[i] += c[i] / ch.length;
        return data.sampleRate() == networkRate ? mono : Resampler.resample(mono, data.sampleRate(), networkRate);
    }

    /** A rate as people write it: 48000, or 22050.5. */
    public static String hz(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static AudioData read(Path path) {
        try {
            return AudioFileLoader.load(path);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
