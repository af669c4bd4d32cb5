package dev.conch.benchmarks.io;

import dev.conch.benchmarks.Harnesses;
import dev.conch.engine.io.AudioMetadata;
import dev.conch.engine.io.AudioWriter;
import dev.conch.engine.io.FileType;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WriteOptions;
import dev.conch.engine.runtime.ProcessorHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * AudioFileReader playing a looped 10 s stereo 48 kHz 24-bit WAV from the temp folder, in <b>ns per sample frame</b>
 * (one op = one frame of both channels). {@code memory}: the file decoded into arrays in prepare, the audio thread
 * copies from them. {@code disk}: a reader thread streams it through a lock-free ring; the loop waits
 * ({@code awaitCapacity}) before every block as an offline render does, so the score is the streaming throughput
 * (reader thread included) rather than the cost of playing silence after an underrun. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is bytes per frame and counts every thread's allocation, the reader thread's too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AudioFileReaderBenchmark {
    static final int FILE_FRAMES = 480_000;

    @Param({"memory", "disk"})
    public String mode;

    @Param({"64", "512"})
    public int block;

    private Path dir;
    private ProcessorHarness harness;
    private float[] out;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("conch-reader-bench");
        Path file = dir.resolve("loop.wav");
        writeTestFile(file);
        harness = Harnesses.create("AudioFileReader", Map.of("file", file.toString(), "loop", "true", "mode", mode),
                block);
        harness.processor().open();
        out = harness.out("out1");
    }

    /** A 220 Hz / 330 Hz tone pair, 10 s stereo, 24-bit WAV. */
    static void writeTestFile(Path file) throws IOException {
        float[][] x = new float[2][4096];
        WriteOptions options = new WriteOptions(FileType.parse("wav"), SampleFormat.parse("24"), false, 0,
                AudioMetadata.EMPTY);
        try (AudioWriter w = AudioWriter.open(file, 2, 48000, options)) {
            for (int done = 0; done < FILE_FRAMES; done += 4096) {
                int n = Math.min(4096, FILE_FRAMES - done);
                for (int i = 0; i < n; i++) {
                    x[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * (done + i) / 48000.0));
                    x[1][i] = (float) (0.5 * Math.sin(2 * Math.PI * 330 * (done + i) / 48000.0));
                }
                w.write(x, 0, n);
            }
            w.commit();
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        harness.processor().close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process(Blackhole bh) throws InterruptedException {
        for (int done = 0; done < Harnesses.SAMPLES_PER_OP; done += block) {
            harness.processor().awaitCapacity();
            harness.process(block);
        }
        bh.consume(out[block - 1]);
    }
}
