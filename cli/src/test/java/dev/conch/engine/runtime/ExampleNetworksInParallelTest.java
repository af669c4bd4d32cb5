package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.Signals;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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
 * schedule, at blocks 1, 64 and 512 and at random block sizes, and as a two-stage pipeline ({@link Engine#pipeline})
 * at every cut its schedule allows; and with the workers running, neither the audio thread nor a worker allocates.
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

    /**
     * Pipelined at every cut in callbacks of 4096 frames (what a render uses) cut into pieces of 512, and at the
     * middle cut in callbacks of random size cut into pieces of 61: the bits of the serial schedule at block 64.
     */
    @TestFactory
    Stream<DynamicTest> everyExamplePipelinedAtEveryCutRendersTheSerialBits() throws IOException {
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NetworkSpec spec = NetworkXml.read(f);
            float[][] serial = render(spec, 1, 64, FRAMES, b -> 64);
            int[] cuts = new Engine(NetworkCompiler.compile(spec, REGISTRY, 64)).pipelineCuts();
            SplittableRandom random = new SplittableRandom(f.getFileName().toString().hashCode());
            for (int cut : cuts) {
                float[][] large = render(spec, 1, cut, 512, 4096, FRAMES, b -> 4096);
                for (int c = 0; c < serial.length; c++) {
                    assertArrayEquals(serial[c], large[c], f.getFileName() + ", cut " + cut + ", block 4096, channel " + c);
                }
            }
            if (cuts.length == 0) return;
            int middle = cuts[cuts.length / 2];
            float[][] small = render(spec, 1, middle, 61, 512, FRAMES, b -> 1 + random.nextInt(512));
            for (int c = 0; c < serial.length; c++) {
                assertArrayEquals(serial[c], small[c], f.getFileName() + ", cut " + middle + ", random blocks, channel " + c);
            }
        }));
    }

    /** The pipeline tests above prove something only where there are cuts: P1, a chain of five steps, has four. */
    @Test
    void theP1ChainCanBeCutBeforeEachOfItsStepsButTheFirst() throws Exception {
        Path p1 = Path.of(System.getProperty("conch.networks", "../networks"), "bench", "p1-drone.xml");
        Engine engine = new Engine(NetworkCompiler.compile(NetworkXml.read(p1), REGISTRY, 512));
        assertEquals(List.of("saw", "shape", "lowpass", "half", "out"), engine.network().schedule().stepNames());
        assertArrayEquals(new int[] {1, 2, 3, 4}, engine.pipelineCuts());
        assertTrue(engine.isOneChain());
        float[][] serial = render(NetworkXml.read(p1), 1, 64, FRAMES, b -> 64);
        for (int cut = 1; cut <= 4; cut++) {
            float[][] pipelined = render(NetworkXml.read(p1), 1, cut, 512, 4096, FRAMES, b -> 4096);
            assertArrayEquals(serial[0], pipelined[0], "P1 cut before step " + cut);
        }
        assertTrue(hasSound(serial), "P1 rendered silence: the comparison proved nothing");
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
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Engine engine = new Engine(NetworkCompiler.compile(NetworkXml.read(f), REGISTRY, 256)).threads(3);
            engine.open();
            assertAllocatesNothing(f, engine, 2);
        }));
    }

    /** The same for the pipeline, cut at the middle one of its cuts, wherever there is one. */
    @TestFactory
    Stream<DynamicTest> pipelinedCallbacksAllocateNothingOnEitherThread() throws IOException {
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Engine engine = new Engine(NetworkCompiler.compile(NetworkXml.read(f), REGISTRY, 256));
            int[] cuts = engine.pipelineCuts();
            if (cuts.length == 0) return;
            engine.open();
            engine.pipeline(cuts[cuts.length / 2], 64);
            assertAllocatesNothing(f, engine, 1);
        }));
    }

    /** Closes the open {@code engine} after checking that neither the calling thread nor its workers allocate. */
    private static void assertAllocatesNothing(Path f, Engine engine, int workerCount) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try {
            long[] workers = engine.workerThreadIds();
            assertEquals(workerCount, workers.length, "workers running");
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
    }

    /**
     * The output channels of {@code frames} frames on {@code threads} threads, compiled for {@code maxBlock}; each
     * callback's size is {@code nextBlock} of the frames left (at most maxBlock, and no more than are left).
     */
    private static float[][] render(NetworkSpec spec, int threads, int maxBlock, int frames, IntUnaryOperator nextBlock)
            throws Exception {
        return render(spec, threads, 0, 0, maxBlock, frames, nextBlock);
    }

    /** As above, pipelined at {@code cut} in pieces of {@code piece} frames when {@code cut} is above 0. */
    private static float[][] render(NetworkSpec spec, int threads, int cut, int piece, int maxBlock, int frames,
                                    IntUnaryOperator nextBlock) throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(spec, REGISTRY, maxBlock)).threads(threads);
        float[][] sound = Signals.tone(engine.inputChannels(), frames);
        float[][] out = new float[Math.max(1, engine.outputChannels())][frames];
        float[][] in = new float[sound.length][maxBlock];
        float[][] block = new float[out.length][maxBlock];
        engine.release(frames);
        engine.open();
        if (cut > 0) engine.pipeline(cut, piece);
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
