package dev.conch.benchmarks;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The distribution of one realtime callback's duration ({@link Engine#process} of one block), sampled by JMH's
 * SampleTime mode: p50, p99, p99.9 and max in microseconds. Divide by the deadline (block / 48000 s: 1333 µs at
 * 64 frames, 5333 µs at 256) for the load a sound card would see. {@code network} as in {@link NetworkBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallbackTimingBenchmark {

    /** Every example network (glass-shaper and spectral-echo read an AudioInput: silence here). */
    @Param({"bell-choir", "bell-morph", "bells-spectral-delay", "glass-drone", "glass-shaper", "grain-cloud",
            "midi-synth", "noise-echoes", "spectral-echo"})
    public String network;

    @Param({"64", "256"})
    public int block;

    private Engine engine;
    private float[][] out;

    @Setup
    public void setup() throws Exception {
        engine = new Engine(NetworkCompiler.compile(NetworkXml.read(NetworkBenchmark.directory().resolve(network + ".xml")),
                ProcessorRegistry.load(), block));
        engine.open();
        out = new float[Math.max(1, engine.outputChannels())][block];
    }

    @TearDown
    public void tearDown() throws IOException {
        engine.close();
    }

    @Benchmark
    public float callback() {
        engine.process(out, block);
        return out[0][block - 1];
    }
}
