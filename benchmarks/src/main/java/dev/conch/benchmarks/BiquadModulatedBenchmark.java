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
 * The Biquad with its cutoff moving every sample (a sweep), against a steady cutoff, in ns per sample at block 256.
 * A live change starts a smoothing ramp longer than a block, so re-targeting the cutoff at every block keeps the
 * param unsteady: the processor must recompute its coefficients per sample, the worst case of filter modulation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BiquadModulatedBenchmark {
    private static final int BLOCK = 256;

    @Param({"lowpass", "peak"})
    public String filter;

    @Param({"true", "false"})
    public boolean modulated;

    private ProcessorHarness harness;
    private float[] out;
    private double lfoPhase;

    @Setup
    public void setup() {
        harness = Harnesses.create("Biquad", Map.of("type", filter, "frequency", "1000", "q", "2", "gain", "6"), BLOCK);
        out = harness.out("out");
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process(Blackhole bh) {
        for (int done = 0; done < Harnesses.SAMPLES_PER_OP; done += BLOCK) {
            if (modulated) {
                // 0.5 Hz sweep between 100 Hz and 10 kHz, exponential, new target every block
                lfoPhase += 0.5 * BLOCK / Harnesses.SAMPLE_RATE;
                if (lfoPhase >= 1) lfoPhase -= 1;
                harness.set("frequency", 100 * Math.pow(100, 0.5 + 0.5 * Math.sin(2 * Math.PI * lfoPhase)));
            }
            harness.process(BLOCK);
        }
        bh.consume(out[BLOCK - 1]);
    }
}
