package dev.conch.benchmarks.io;

import dev.conch.benchmarks.Harnesses;
import dev.conch.engine.io.AsyncAudioWriter;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.processors.io.AudioFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

/**
 * AudioFileWriter recording stereo noise to a 24-bit WAV in the temp folder, in <b>ns per sample frame</b> (one op =
 * one frame of both channels). The audio thread copies each block into the writer's ring; a writer thread converts
 * and writes. As in an offline render the loop waits ({@code awaitCapacity}) before every block, so nothing is
 * dropped and the score is the end-to-end recording throughput, the writer thread's work included; the audio
 * thread's own share (one copy per block) is far smaller. One file per trial (it grows to about a gigabyte over a
 * short run and is deleted after it): a file per iteration would put the writer's setup, its 1.5 MB ring, into the
 * measured allocation, which JMH counts from iteration setup on. With {@code -prof gc}, {@code gc.alloc.rate.norm} is
 * bytes per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AudioFileWriterBenchmark {

    @Param({"64", "512"})
    public int block;

    private Path dir;
    private ProcessorHarness harness;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("conch-writer-bench");
        Path file = dir.resolve("take.wav");
        harness = Harnesses.create("AudioFileWriter", Map.of("file", file.toString(), "channels", "2",
                "format", "24"), block);
        harness.processor().open();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        AudioFileWriter w = (AudioFileWriter) harness.processor();
        w.close();
        AsyncAudioWriter.Result r = w.result();
        System.out.println("# wrote " + r.framesWritten() + " frames, dropped " + r.framesDropped());
        Files.deleteIfExists(r.file());
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process() throws InterruptedException {
        for (int done = 0; done < Harnesses.SAMPLES_PER_OP; done += block) {
            harness.processor().awaitCapacity();
            harness.process(block);
        }
    }
}
