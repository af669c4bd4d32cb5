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
 * The Oscillator at 220 Hz in <b>ns per sample</b> (one op = one sample, as in {@link ProcessorBenchmark}): what the
 * band-limiting costs (a 64-point windowed-sinc BLEP added at each jump of the saw, and the 32-sample look-ahead
 * ring every band-limited waveform goes through) against the naive wave ({@code bandlimited=false}). The {@code fm}
 * input is left unconnected, as in a plain drone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OscillatorBenchmark {

    @Param({"saw", "sine"})
    public String waveform;

    @Param({"true", "false"})
    public String bandlimited;

    @Param({"64", "512"})
    public int block;

    private ProcessorHarness harness;
    private float[] out;

    @Setup
    public void setup() {
        harness = Harnesses.create("Oscillator", Map.of("waveform", waveform, "frequency", "220",
                "bandlimited", bandlimited), block);
        harness.disconnect("fm");
        out = harness.out("out");
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process(Blackhole bh) {
        Harnesses.run(harness, block, Harnesses.SAMPLES_PER_OP);
        bh.consume(out[block - 1]);
    }
}
