package dev.conch.benchmarks.io;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioMetadata;
import dev.conch.engine.io.AudioWriter;
import dev.conch.engine.io.FileType;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read and write throughput per file format: one operation writes (or loads) 10 s of stereo 48 kHz audio, so
 * MB/s of PCM = (10 · 48000 · 2 · bytes per sample / 1e6) / (ms per op / 1000). The file lives in the system
 * temp folder (page cache: this measures the codec and our code, not the disk). Writing includes the
 * temporary file, the header patch, fsync and the rename.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AudioFileBenchmark {
    static final int FRAMES = 480_000;

    @Param({"wav-16", "wav-24", "wav-32f", "aiff-24", "flac-16", "flac-24"})
    public String format;

    private float[][] signal;
    private Path dir;
    private Path readFile;
    private Path writeFile;
    private WriteOptions options;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random r = new Random(1);
        signal = new float[2][FRAMES];
        // a decaying tone plus a little noise: FLAC compresses it like music, not like silence
        for (int i = 0; i < FRAMES; i++) {
            double t = i / 48000.0;
            signal[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * t) * Math.exp(-(t % 1)) + 0.01 * r.nextGaussian());
            signal[1][i] = (float) (0.5 * Math.sin(2 * Math.PI * 330 * t) * Math.exp(-(t % 1)) + 0.01 * r.nextGaussian());
        }
        String[] p = format.split("-");
        dir = Files.createTempDirectory("conch-io-bench");
        options = new WriteOptions(FileType.parse(p[0]), SampleFormat.parse(p[1]), false, 0, AudioMetadata.EMPTY);
        readFile = dir.resolve("read." + p[0]);
        writeFile = dir.resolve("write." + p[0]);
        write(readFile);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(readFile);
        Files.deleteIfExists(writeFile);
        Files.deleteIfExists(dir);
    }

    private void write(Path f) throws IOException {
        try (AudioWriter w = AudioWriter.open(f, 2, 48000, options)) {
            for (int i = 0; i < FRAMES; i += 4096) w.write(signal, i, Math.min(4096, FRAMES - i));
            w.commit();
        }
    }

    @Benchmark
    public Path write() throws IOException {
        write(writeFile);
        return writeFile;
    }

    @Benchmark
    public AudioData read() throws IOException {
        return AudioFileLoader.load(readFile);
    }
}
