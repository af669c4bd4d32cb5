package dev.conch.benchmarks.filter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.conch.benchmarks.Harnesses;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.runtime.ProcessorHarness;
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
 * The Convolver (uniform-partitioned FFT convolution) against direct convolution of the same impulse response, in
 * <b>ns per sample</b>, in blocks of 512: {@code partitioned} runs the processor, {@code direct} sums the L products
 * per sample over a history ring, as the plain FIR would. IRs of 0.1 s and 1 s at 48 kHz (4,800 and 48,000 taps),
 * partitions of 256 and 1024 samples. The direct sum grows with L; the partitioned cost with L / P complex products
 * per bin plus two FFTs per partition.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConvolverBenchmark {
    private static final int BLOCK = 512;

    @Param({"4800", "48000"})
    public int irLength;

    @Param({"256", "1024"})
    public int partition;

    private Path dir;
    private ProcessorHarness harness;
    private float[] out, h, ring, x, y;
    private int at;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("conch-convolver-bench");
        Path file = dir.resolve("ir.wav");
        SplittableRandom r = new SplittableRandom(1);
        h = new float[irLength];
        for (int m = 0; m < irLength; m++) h[m] = (float) ((r.nextDouble() * 2 - 1) * Math.exp(-6.0 * m / irLength));
        try (WavWriter w = WavWriter.open(file, 1, 48000, SampleFormat.FLOAT32)) {
            w.write(new float[][] {h}, 0, irLength);
            w.commit();
        }
        harness = Harnesses.create("Convolver", Map.of("file", file.toString(), "partition", Integer.toString(partition)), BLOCK);
        out = harness.out("out");
        ring = new float[2 * irLength];
        x = new float[BLOCK];
        y = new float[BLOCK];
        for (int i = 0; i < BLOCK; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("ir.wav"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void partitioned(Blackhole bh) {
        for (int done = 0; done < Harnesses.SAMPLES_PER_OP; done += BLOCK) harness.process(BLOCK);
        bh.consume(out[BLOCK - 1]);
    }

    /** y[t] = sum_m h[m] x[t - m], the history written twice so each sum reads one straight run. */
    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void direct(Blackhole bh) {
        int length = irLength;
        for (int done = 0; done < Harnesses.SAMPLES_PER_OP; done += BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                at = at == 0 ? length - 1 : at - 1;
                ring[at] = x[i];
                ring[at + length] = x[i];
                float sum = 0;
                for (int m = 0; m < length; m++) sum += h[m] * ring[at + m];
                y[i] = sum;
            }
        }
        bh.consume(y[BLOCK - 1]);
    }
}
