package dev.conch.benchmarks;

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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each spectral processor alone, in <b>ns per frame</b> (FFT size 1024, hop 256: one frame is 256 samples of audio,
 * so divide by 256 for ns per sample). Every operation runs {@link #FRAMES} firings; inputs hold noise (for a spectrum
 * input: noise bins). With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per frame (0 expected).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpectralProcessorBenchmark {
    static final int FRAMES = 16;

    @Param({"STFT", "ISTFT", "SpectralDelay", "SpectralMorph", "SpectralGain", "SpectralFreeze"})
    public String type;

    private ProcessorHarness harness;

    @Setup
    public void setup() {
        Map<String, String> params = type.equals("SpectralDelay") ? Map.of("fftSize", "1024", "hop", "256",
                "feedback", "0:0.6") : Map.of("fftSize", "1024");
        harness = Harnesses.create(type, params, FRAMES);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void frames(Blackhole bh) {
        harness.process(FRAMES);
        bh.consume(harness.out(harness.processor().outputs().get(0).name())[0]);
    }
}
