package dev.conch.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.sun.management.ThreadMXBean;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

/**
 * A second opinion on {@code -prof gc}: JMH's {@code gc.alloc.rate.norm} includes its own per-iteration bookkeeping
 * (tens of kB), which shows as 0.01 to 0.1 byte per sample for a benchmark whose operations are slow (a 200-grain
 * stream). This counts, with the JVM's per-thread allocation counter, the bytes the calling thread allocates over
 * many warm blocks, the way the realtime tests do: the number an audio callback would see.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.conch.benchmarks.AllocationCheck}</pre>
 *
 * Prints one line per case and exits 1 if any allocates in steady state.
 */
public final class AllocationCheck {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int WARM_BLOCKS = 20_000, MEASURED_BLOCKS = 20_000, WINDOWS = 3;

    private AllocationCheck() {
    }

    public static void main(String[] args) throws Exception {
        int failures = 0;
        for (String setup : new String[]{"plain", "full"}) {
            for (int block : new int[]{64, 512}) {
                failures += grains(setup, block);
            }
        }
        for (String type : new String[]{"SpectralMorph", "SpectralFreeze"}) {
            ProcessorHarness h = Harnesses.create(type, SpectralProcessorBenchmark.params(type, 1024), 1, 256,
                    SpectralProcessorBenchmark.format(1024));
            if (type.equals("SpectralFreeze")) h.disconnect("freeze");
            failures += report(type + " fftSize 1024, one frame per call", measure(() -> h.process(1)));
        }
        String[] networks = {"glass-drone", "noise-echoes", "bells-spectral-delay", "bell-morph", "grain-cloud",
                "bench/p1-drone", "bench/p2-spectral", "bench/p3-grains"};
        for (String n : networks) {
            Path file = NetworkBenchmark.directory().resolve(n + ".xml");
            if (!Files.isRegularFile(file)) {
                System.out.println(n + ": skipped, " + file + " not found (run from the repository root)");
                continue;
            }
            Engine engine;
            try {
                engine = new Engine(NetworkCompiler.compile(NetworkXml.read(file), ProcessorRegistry.load(), 256));
            } catch (NetworkException e) {
                // p2/p3 play files that benchmarks/compare-peers.sh makes; without them the network does not compile
                System.out.println(n + ": skipped, it does not compile here: " + e.getMessage().replace('\n', ' '));
                continue;
            }
            engine.open();
            float[][] out = new float[Math.max(1, engine.outputChannels())][256];
            failures += report("network " + n + ", Engine.process of 256 frames", measure(() -> engine.process(out, 256)));
            engine.close();
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int grains(String setup, int block) {
        Map<String, String> p = new HashMap<>(Map.of("density", "2000", "duration", "100", "voices", "216",
                "buffer", "2", "channels", setup.equals("full") ? "stereo" : "mono"));
        if (setup.equals("full")) {
            p.putAll(Map.of("envelope", "tukey", "densityjitter", "0.5", "durationjitter", "0.3",
                    "positionjitter", "0.2", "position", "0.3", "pitchjitter", "7", "panjitter", "1"));
        }
        ProcessorHarness h = Harnesses.create("GrainStream", p, block);
        return report("GrainStream 200 grains " + setup + ", block " + block, measure(() -> h.process(block)));
    }

    /**
     * The fewest bytes allocated over {@link #WINDOWS} windows of calls after a warm-up: steady state. A late JIT
     * recompilation or a first pass through a rare branch may allocate once (a few hundred bytes seen); allocation
     * on every call shows in every window.
     */
    private static long measure(Runnable callback) {
        for (int i = 0; i < WARM_BLOCKS; i++) callback.run();
        long id = Thread.currentThread().getId();
        long fewest = Long.MAX_VALUE;
        for (int w = 0; w < WINDOWS; w++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < MEASURED_BLOCKS; i++) callback.run();
            fewest = Math.min(fewest, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return fewest;
    }

    private static int report(String what, long bytes) {
        System.out.printf("%-60s %d bytes over %d calls (fewest of %d windows)%n", what, bytes, MEASURED_BLOCKS,
                WINDOWS);
        return bytes == 0 ? 0 : 1;
    }
}
