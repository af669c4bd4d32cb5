package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.Signals;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example network renders the same bits on 2 and 3 threads ({@link Engine#threads}) as on one, the serial
 * schedule, at blocks 1, 64 and 512 and at random block sizes; and with the workers running, neither the audio
 * thread nor a worker allocates.
 *
 * <p>In the engine's package to read the workers' thread ids.
 */
class ExampleNetworksInParallelTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    /** Half a second: every example makes sound by then (checked on the serial render). */
    private static final int FRAMES = 24000;
    /** At block 1 a segment is one frame: fewer frames keep the test short on a loaded 2-core machine. */
    private static final int FRAMES_AT_BLOCK_1 = 4800;

    static List<Path> networks() throws IOException {
        Path root = Path.of(System.getProperty("conch.networks", "../networks"));
        assertTrue(Files.isDirectory(root), "no example networks directory at " + root.toAbsolutePath());
        try (Stream<Path> s = Files.list(root)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            assertFalse(files.isEmpty(), "no example networks in " + root.toAbsolutePath());
            return files;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRendersTheSameBitsOnTwoAndThreeThreads() throws IOException {
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NetworkSpec spec = NetworkXml.read(f);
            for (int block : new int[] {1, 64, 512}) {
                int frames = block == 1 ? FRAMES_AT_BLOCK_1 : FRAMES;
                float[][] serial = render(spec, 1, block, frames, b -> block);
                if (block == 64) assertTrue(hasSound(serial), f + " rendered silence: the comparison proved nothing");
                for (int threads : new int[] {2, 3}) {
                    float[][] parallel = render(spec, threads, block, frames, b -> block);
                    for (int c = 0; c < serial.length; c++) {
                        assertArrayEquals(serial[c], parallel[c],
                                f.getFileName() + ", block " + block + ", " + threads + " threads, channel " + c);
                    }
                }
            }
        }));
    }

    /** Many short and long callbacks in a random mix: the segments' resets and hand-overs between threads hold. */
    @TestFactory
    Stream<DynamicTest> randomBlockSizesOnThreeThreadsMatchTheSerialRender() throws IOException {
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NetworkSpec spec = NetworkXml.read(f);
            float[][] serial = render(spec, 1, 512, FRAMES, b -> 512);
            SplittableRandom random = new SplittableRandom(f.getFileName().toString().hashCode());
            float[][] parallel = render(spec, 3, 512, FRAMES, left -> random.nextBoolean() ? 1 + random.nextInt(8) : 1 + random.nextInt(512));
            for (int c = 0; c < serial.length; c++) {
                assertArrayEquals(serial[c], parallel[c], f.getFileName() + ", channel " + c);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> callbacksOnThreeThreadsAllocateNothingOnAnyThread() throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Engine engine = new Engine(NetworkCompiler.compile(NetworkXml.read(f), REGISTRY, 256)).threads(3);
            engine.open();
            try {
                long[] workers = engine.workerThreadIds();
                assertEquals(2, workers.length, "workers running");
                float[][] out = new float[Math.max(1, engine.outputChannels())][256];
                float[][] in = Signals.tone(engine.inputChannels(), 256);
                AllocationMeter.warmUp(() -> engine.process(in, out, 256), 5000, 100_000);
                long[] before = mx.getThreadAllocatedBytes(workers);
                long bytes = AllocationMeter.fewestBytesOver(3, () -> {
                    for (int i = 0; i < 5_000; i++) engine.process(in, out, 256);
                });
                long[] after = mx.getThreadAllocatedBytes(workers);
                assertEquals(0, bytes, f.getFileName() + ": bytes the audio thread allocated in 5,000 callbacks");
                // a worker has no fewest-of-three: JIT events may add a few dozen bytes, a per-callback allocation
                // would add at least 16 bytes for each of 5,000 callbacks or more
                for (int w = 0; w < workers.length; w++) {
                    long workerBytes = after[w] - before[w];
                    assertTrue(workerBytes >= 0 && workerBytes < 4096,
                            f.getFileName() + ": worker " + w + " allocated " + workerBytes + " bytes");
                }
                assertNull(engine.failure());
            } finally {
                engine.close();
            }
        }));
    }

    /**
     * The output channels of {@code frames} frames on {@code threads} threads, compiled for {@code maxBlock}; each
     * callback's size is {@code nextBlock} of the frames left (at most maxBlock, and no more than are left).
     */
    private static float[][] render(NetworkSpec spec, int threads, int maxBlock, int frames, IntUnaryOperator nextBlock)
            throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(spec, REGISTRY, maxBlock)).threads(threads);
        float[][] sound = Signals.tone(engine.inputChannels(), frames);
        float[][] out = new float[Math.max(1, engine.outputChannels())][frames];
        float[][] in = new float[sound.length][maxBlock];
        float[][] block = new float[out.length][maxBlock];
        engine.release(frames);
        engine.open();
        try {
            for (int done = 0; done < frames; ) {
                int n = Math.min(Math.min(nextBlock.applyAsInt(frames - done), maxBlock), frames - done);
                engine.awaitCapacity();
                for (int c = 0; c < in.length; c++) System.arraycopy(sound[c], done, in[c], 0, n);
                engine.process(in, block, n);
                for (int c = 0; c < out.length; c++) System.arraycopy(block[c], 0, out[c], done, n);
                done += n;
            }
            assertNull(engine.failure(), "a processor failed");
            assertFalse(engine.overflowed(), "a stream overflowed");
        } finally {
            engine.close();
        }
        return out;
    }

    private static boolean hasSound(float[][] channels) {
        for (float[] channel : channels) for (float x : channel) if (x != 0) return true;
        return false;
    }
}
