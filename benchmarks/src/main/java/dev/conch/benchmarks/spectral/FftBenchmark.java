package dev.conch.benchmarks.spectral;

import dev.conch.processors.spectral.Fft;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One real forward FFT plus one real inverse FFT of {@code size} points through {@link Fft} (JTransforms with the
 * packing into the spectrum port layout), <b>ns per forward+inverse pair</b>; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is bytes per pair (0 expected).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FftBenchmark {
    @Param({"1024", "4096"})
    public int size;

    private Fft fft;
    private float[] time, spectrum;

    @Setup
    public void setup() {
        fft = new Fft(size);
        time = new float[size];
        spectrum = new float[size + 2];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < size; i++) time[i] = (float) (2 * r.nextDouble() - 1);
    }

    @Benchmark
    public void forwardInverse(Blackhole bh) {
        fft.forward(time, spectrum, 0);
        fft.inverse(spectrum, 0, time); // the round trip gives the input back, so the data stays bounded
        bh.consume(time[size - 1]);
    }
}
