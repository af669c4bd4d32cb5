package dev.conch.cli.properties;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The WAV files generated networks play (AudioFileReader, GrainStream), written once per JVM with the project's
 * WavWriter into a temporary folder: a mono 16-bit file at the network rate, a stereo 24-bit one at another rate (so
 * the readers resample) and a short float one. Each holds a decaying sine, so a read past its end is audible as a
 * change, not lost in noise.
 */
final class SampleFiles {
    /** A generated file and its length in seconds (the reader's region params must stay inside it). */
    record Sample(Path path, int channels, double seconds) {
    }

    private static List<Sample> samples;
    private static Path folder;

    private SampleFiles() {
    }

    static synchronized List<Sample> all() {
        if (samples == null) {
            try {
                folder = Files.createTempDirectory("conch-properties");
                Runtime.getRuntime().addShutdownHook(new Thread(SampleFiles::deleteFolder, "conch-properties cleanup"));
                samples = List.of(write("mono16.wav", 1, 48000, 0.25, SampleFormat.PCM16),
                        write("stereo24.wav", 2, 44100, 0.4, SampleFormat.PCM24),
                        write("short32f.wav", 1, 22050, 0.05, SampleFormat.FLOAT32));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }

    /** A folder for files the networks write (AudioFileWriter) and for renders. */
    static Path scratch() {
        all();
        return folder;
    }

    /** Long runs write thousands of renders here: leave nothing behind in the temporary folder. */
    private static void deleteFolder() {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit: the folder is in the temporary directory
        }
    }

    private static Sample write(String name, int channels, double rate, double seconds, SampleFormat format)
            throws IOException {
        Path path = folder.resolve(name);
        int frames = (int) Math.round(rate * seconds);
        float[][] data = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                data[c][i] = (float) (0.5 * Math.exp(-3.0 * i / frames) * Math.sin(2 * Math.PI * (220 + 110 * c) * i / rate));
            }
        }
        try (WavWriter w = WavWriter.open(path, channels, rate, format)) {
            w.write(data, 0, frames);
            w.commit();
        }
        return new Sample(path, channels, (double) frames / rate);
    }
}
