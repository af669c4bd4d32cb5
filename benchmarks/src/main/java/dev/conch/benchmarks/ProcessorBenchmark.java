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
 * Cost of each plain audio processor, in <b>ns per sample</b>: every operation processes
 * {@link Harnesses#SAMPLES_PER_OP} samples in blocks of {@code block}, and {@code @OperationsPerInvocation} divides
 * the time by that count. With {@code -prof gc}, {@code gc.alloc.rate.norm} is then bytes per sample (should be 0).
 * Inputs hold noise; params are the defaults except where {@link #params} says. Oscillator, Waveshaper, the control,
 * spectral, granular and file processors have benchmarks of their own (see {@link Coverage}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProcessorBenchmark {

    @Param({"Noise", "Bell", "Gain", "Mixer", "Biquad", "Delay", "Line", "AudioOutput", "Amplifier", "Switch", "Overdrive",
            "AdaptiveNotch", "RingModulator", "GaussianNoise", "ModOscillator", "Sum", "Inlet", "Outlet"})
    public String type;

    @Param({"64", "256", "512"})
    public int block;

    private ProcessorHarness harness;
    private float[] out;

    /**
     * Params that keep the measured path busy for as long as JMH runs: the bell restrikes every half second (its
     * partials never die away), the line ramps for an hour rather than reaching its end and holding.
     */
    static Map<String, String> params(String type) {
        return switch (type) {
            case "Bell" -> Map.of("period", "0.5");
            case "Delay" -> Map.of("feedback", "0.5");
            case "Line" -> Map.of("seconds", "3600");
            default -> Map.of();
        };
    }

    @Setup
    public void setup() {
        harness = Harnesses.create(type, params(type), block);
        out = Harnesses.firstOutput(harness);
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process(Blackhole bh) {
        Harnesses.run(harness, block, Harnesses.SAMPLES_PER_OP);
        bh.consume(out[block - 1]);
    }
}
