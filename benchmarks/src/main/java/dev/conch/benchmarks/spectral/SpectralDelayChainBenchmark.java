package dev.conch.benchmarks.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.processors.spectral.ISTFT;
import dev.conch.processors.spectral.STFT;
import dev.conch.processors.spectral.SpectralDelay;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * STFT → SpectralDelay → ISTFT at hop 256 (fftSize 1024, Hann, overlap 4), in <b>ns per sample</b>: each operation
 * runs 16 frames (4096 samples) of noise through the three processors, one frame per call, and
 * {@code @OperationsPerInvocation(4096)} divides by the samples. The delay has random per-band delays up to 2 s,
 * feedback 0.8 and an EQ curve, dry 0.5: every bin does its full work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpectralDelayChainBenchmark {
    static final int SAMPLES_PER_OP = 4096;

    @Param({"256"})
    public int hop;

    private ProcessorHarness stft, delay, istft;
    private float[] noise;
    private int width;

    @Setup
    public void setup() {
        int fftSize = 4 * hop;
        Map<String, String> framing = Map.of("fftSize", "" + fftSize, "window", "hann", "overlap", "4");
        stft = ProcessorHarness.create(STFT.class, framing, 48000, 1);
        SpectrumFormat frames = stft.processor().output("out").spec().format();
        istft = ProcessorHarness.create(ISTFT.class, Map.of(), 48000, 1, 1, frames);
        delay = ProcessorHarness.create(SpectralDelay.class, Map.of("maxDelay", "2", "delay", "random(0.05, 2, 24, 7)",
                "feedback", "0:0.8", "eq", "0:0 4000:-3 12000:-12", "dry", "0.5"), 48000, 1, 1, frames);
        width = fftSize + 2;
        noise = new float[SAMPLES_PER_OP];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (r.nextDouble() - 0.5);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_OP)
    public void chain(Blackhole bh) {
        float[] in = stft.in("in"), spec = stft.out("out"), din = delay.in("in"), dout = delay.out("out");
        float[] iin = istft.in("in"), out = istft.out("out");
        for (int done = 0; done < SAMPLES_PER_OP; done += hop) {
            System.arraycopy(noise, done, in, 0, hop);
            stft.process(1);
            System.arraycopy(spec, 0, din, 0, width);
            delay.process(1);
            System.arraycopy(dout, 0, iin, 0, width);
            istft.process(1);
        }
        bh.consume(out[hop - 1]);
    }
}
