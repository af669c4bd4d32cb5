package dev.conch.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What oversampling and the curve cost in the Waveshaper, <b>ns per sample</b> at the network rate (one op = one
 * input sample, whatever the oversampling), drive 3: tanh against a table lookup, at 1x, 2x and 4x, at blocks 64
 * and 512.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WaveshaperBenchmark {
    /** A soft-clip-like curve through nine points. */
    private static final String TABLE = "-1:-0.9 -0.75:-0.8 -0.5:-0.6 -0.25:-0.3 0:0 0.25:0.3 0.5:0.6 0.75:0.8 1:0.9";

    @Param({"1", "2", "4"})
    public String oversample;

    @Param({"tanh", "table"})
    public String curve;

    @Param({"64", "512"})
    public int block;

    private ProcessorHarness harness;
    private float[] out;

    @Setup
    public void setup() {
        Map<String, String> params = curve.equals("table")
                ? Map.of("curve", curve, "oversample", oversample, "drive", "3", "table", TABLE)
                : Map.of("curve", curve, "oversample", oversample, "drive", "3");
        harness = Harnesses.create("Waveshaper", params, block);
        out = harness.out("out");
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process(Blackhole bh) {
        Harnesses.run(harness, block, Harnesses.SAMPLES_PER_OP);
        bh.consume(out[block - 1]);
    }
}
