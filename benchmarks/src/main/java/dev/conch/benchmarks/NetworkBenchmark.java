package dev.conch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
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
 * A whole example network through {@link Engine#process} at block 256, in <b>ns per sample frame</b> (all
 * channels of one frame). Realtime factor = 1e9 / (score * sampleRate): at 48 kHz a score of 20833 ns is exactly
 * realtime. {@code network} names a file {@code NAME.xml} in the directory given by {@code -Dconch.networks}
 * (default: {@code networks}, else {@code ../networks}); run others with {@code -p network=a,b}. {@code bench/wide}
 * (8 independent spectral chains) is the parallel schedule's piece: compare {@code -p threads=1,2}.
 *
 * <p>The {@code bench/} networks are the peer-comparison pieces ({@code networks/bench}). P2 and P3 play input files
 * that {@code benchmarks/compare-peers.sh} makes under {@code /tmp/conch-peers}; without them their setup stops with a
 * message saying so, JMH reports that one parameter as failed and goes on with the others. File readers are set to
 * loop, so a fast run never plays past the end of its file into silence, and the engine waits for them before each
 * block in such a network ({@link Engine#awaitCapacity()}, as an offline render does) so a streamed file never underruns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NetworkBenchmark {
    private static final int BLOCK = 256;

    @Param({"glass-drone", "noise-echoes", "bells-spectral-delay", "bell-morph", "grain-cloud",
            "bench/p1-drone", "bench/p2-spectral", "bench/p3-grains", "bench/wide"})
    public String network;

    /** Threads running each block ({@link Engine#threads}): {@code -p network=bench/wide -p threads=1,2}. */
    @Param({"1"})
    public int threads;

    private Engine engine;
    private float[][] out;
    /** The network reads a file: wait for its reader thread before each block (only then: the wait allocates). */
    private boolean waits;

    @Setup
    public void setup() throws Exception {
        Path file = directory().resolve(network + ".xml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + ": no such network (set -Dconch.networks=DIR "
                    + "or pass -p network=NAME for a NAME.xml there)");
        }
        NetworkSpec spec = NetworkXml.read(file);
        for (NodeSpec node : spec.nodes()) {
            String input = node.paramTexts().get("file");
            if (input == null || input.isBlank() || node.type().equals("AudioFileWriter")) continue;
            if (!Files.isRegularFile(Path.of(input.trim()))) {
                throw new IllegalStateException("skipping network " + network + ": its node '" + node.id()
                        + "' plays " + input.trim() + ", which does not exist; make it with benchmarks/compare-peers.sh"
                        + " (or leave this network out with -p network=...)");
            }
            if (node.type().equals("AudioFileReader")) {
                spec = spec.withParam(node.id(), "loop", "true");
                waits = true;
            }
        }
        CompiledNetwork net = NetworkCompiler.compile(spec, ProcessorRegistry.load(), BLOCK);
        engine = new Engine(net).threads(threads);
        engine.open();
        out = new float[Math.max(1, engine.outputChannels())][BLOCK];
    }

    @TearDown
    public void tearDown() throws IOException {
        engine.close();
    }

    static Path directory() {
        String dir = System.getProperty("conch.networks");
        if (dir != null) return Path.of(dir);
        return Files.isDirectory(Path.of("networks")) ? Path.of("networks") : Path.of("../networks");
    }

    @Benchmark
    @OperationsPerInvocation(Harnesses.SAMPLES_PER_OP)
    public void process(Blackhole bh) throws InterruptedException {
        for (int done = 0; done < Harnesses.SAMPLES_PER_OP; done += BLOCK) {
            if (waits) engine.awaitCapacity();
            engine.process(out, BLOCK);
        }
        bh.consume(out[0][BLOCK - 1]);
    }
}
