package dev.conch.benchmarks;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.processors.spectral.FFT;
import dev.conch.processors.spectral.Framing;
import dev.conch.processors.spectral.Window;
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
 * Each spectral processor alone, in <b>ns per sample of audio</b>: one op is one sample at the network rate, i.e.
 * 1/hop of a spectral frame (hop = fftSize / 4, overlap 4, Hann). Each operation covers
 * {@link Harnesses#SAMPLES_PER_OP} samples (4096: 32 frames at fftSize 512, 16 at 1024, 4 at 4096) cut into audio
 * blocks of {@code block}; as the engine's schedule does, a block fires the processor once per hop completed in it
 * (block 64 at hop 256: one firing every fourth block; block 512 at hop 128: four firings in one call). Multiply by
 * the hop for ns per frame. Inputs hold noise (noise bins for a spectrum input); the params make every bin work:
 * random per-band delays with feedback and an EQ curve, a morph halfway, a gain on a band, a freeze held (phases
 * advancing every frame). With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per sample (0 expected).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpectralProcessorBenchmark {

    @Param({"STFT", "ISTFT", "SpectralDelay", "SpectralMorph", "SpectralGain", "SpectralFreeze", "Robotize",
            "SweptSpectralGain", "FFT", "IFFT", "SpectrumMixer", "SpectrumProduct", "SpectrumInverter"})
    public String type;

    @Param({"512", "1024", "4096"})
    public int fftSize;

    @Param({"64", "512"})
    public int block;

    private ProcessorHarness harness;
    private float[] out;
    private int hop;
    /** Samples received since the last firing (less than a hop). */
    private int pending;

    /** The frames the STFT of {@link #params} cuts (Hann, overlap 4), which every other spectral node reads. */
    static SpectrumFormat format(int fftSize) {
        return new Framing(fftSize, 0, Window.HANN, 8, 4).format();
    }

    /** What {@code type} reads: the IFFT inverts only an FFT's unwindowed frames (zero-padded blocks of a hop). */
    static SpectrumFormat format(String type, int fftSize) {
        return type.equals("IFFT") ? FFT.format(fftSize, fftSize / 4) : format(fftSize);
    }

    static Map<String, String> params(String type, int fftSize) {
        String n = Integer.toString(fftSize);
        return switch (type) {
            case "STFT" -> Map.of("fftSize", n, "window", "hann", "overlap", "4");
            case "ISTFT" -> Map.of();
            case "SpectralDelay" -> Map.of("maxDelay", "2",
                    "delay", "random(0.05, 2, 24, 7)", "feedback", "0:0.6", "eq", "0:0 4000:-3 12000:-12", "dry", "0.5");
            case "SpectralMorph" -> Map.of("morph", "0.5");
            case "SpectralGain" -> Map.of("gain", "-6", "low", "200", "high", "8000");
            case "SpectralFreeze" -> Map.of("freeze", "true");
            case "Robotize" -> Map.of("amount", "0.7");
            case "SweptSpectralGain" -> Map.of("frequency", "2000", "width", "300", "rate", "2");
            case "FFT" -> Map.of("fftSize", n, "hop", Integer.toString(fftSize / 4));
            case "SpectrumMixer" -> Map.of("gainA", "0.5", "gainB", "-0.25");
            case "IFFT", "SpectrumProduct", "SpectrumInverter" -> Map.of();
            default -> throw new IllegalArgumentException("no spectral processor " + type);
        };
    }

    @Setup
    public void setup() {
        hop = fftSize / 4;
        harness = Harnesses.create(type, params(type, fftSize), Math.max(1, block / hop), hop, format(type, fftSize));
        if (type.equals("SpectralFreeze")) harness.disconnect("freeze"); // the param holds it; no noise gate
        out = Harnesses.firstOutput(harness);
        pending = 0;
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process(Blackhole bh) {
        for (int done = 0; done < Harnesses.SAMPLES_PER_OP; done += block) {
            pending += block;
            int firings = pending / hop;
            if (firings > 0) {
                harness.process(firings);
                pending -= firings * hop;
            }
        }
        bh.consume(out[0]);
    }
}
