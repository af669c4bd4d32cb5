package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.concurrent.RealtimePriority;
import dev.conch.engine.testing.Scheduling;
import dev.conch.engine.testing.Split;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parallel runner against the definition of a wide network, and its workers' life. */
class ParallelRunnerTest {

    /**
     * Eight ramps scaled 1 to 8, summed by a tree of seven sums: frame i is 36 i, exactly (integers below 2^24), on
     * 4 threads over thousands of segments of random sizes from 1 to 256.
     */
    private static Engine wideSums(int threads) throws NetworkException {
        Net net = new Net();
        for (int k = 1; k <= 8; k++) net.node("ramp" + k, "TestRamp", "scale", Integer.toString(k));
        for (int s = 1; s <= 7; s++) net.node("sum" + s, "TestSum");
        net.node("out", "AudioOutput", "channels", "1");
        for (int k = 1; k <= 8; k++) net.connect("ramp" + k + ".out", "sum" + ((k + 1) / 2) + (k % 2 == 1 ? ".a" : ".b"));
        net.connect("sum1.out", "sum5.a").connect("sum2.out", "sum5.b").connect("sum3.out", "sum6.a")
                .connect("sum4.out", "sum6.b").connect("sum5.out", "sum7.a").connect("sum6.out", "sum7.b")
                .connect("sum7.out", "out.in1");
        return new Engine(NetworkCompiler.compile(net.spec(), TestProcessors.registry(), 256)).threads(threads);
    }

    @Test
    void everyFrameOfAWideNetworkIsItsDefinitionAtRandomBlockSizes() throws Exception {
        Engine engine = wideSums(4);
        engine.open();
        try {
            SplittableRandom random = new SplittableRandom(21);
            float[][] out = new float[1][256];
            long frame = 0;
            while (frame < 200_000) {
                int n = random.nextBoolean() ? 1 + random.nextInt(4) : 1 + random.nextInt(256);
                engine.process(out, n);
                for (int i = 0; i < n; i++, frame++) {
                    if (out[0][i] != 36f * frame) assertEquals(36f * frame, out[0][i], "frame " + frame);
                }
            }
            assertNull(engine.failure());
        } finally {
            engine.close();
        }
    }

    /** An automatic render goes parallel between two callbacks: no frame before or after the switch changes. */
    @Test
    void goingParallelBetweenCallbacksKeepsEveryFrame() throws Exception {
        Engine engine = wideSums(1);
        engine.open();
        try {
            SplittableRandom random = new SplittableRandom(5);
            float[][] out = new float[1][256];
            long frame = 0;
            while (frame < 100_000) {
                if (frame >= 50_000 && engine.threads() == 1) {
                    engine.threads(4);
                    assertEquals(3, engine.workerThreadIds().length, "workers start when the count is set");
                }
                int n = 1 + random.nextInt(256);
                engine.process(out, n);
                for (int i = 0; i < n; i++, frame++) {
                    if (out[0][i] != 36f * frame) assertEquals(36f * frame, out[0][i], "frame " + frame);
                }
            }
            assertThrows(IllegalStateException.class, () -> engine.threads(2), "fixed once workers run");
        } finally {
            engine.close();
        }
    }

    @Test
    void closeStopsEveryWorkerAndTheCountIsFixedOnceOpen() throws Exception {
        Engine engine = wideSums(3);
        engine.open();
        long[] workers = engine.workerThreadIds();
        assertEquals(2, workers.length);
        assertThrows(IllegalStateException.class, () -> engine.threads(2));
        engine.process(new float[1][64], 64);
        engine.close();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (long id : workers) assertNull(mx.getThreadInfo(id), "worker " + id + " still alive after close");
        assertThrows(IllegalArgumentException.class, () -> wideSums(0));
    }

    @Test
    void workersHaveAskedForTheirPriorityWhenOpenReturns() throws Exception {
        boolean permitted = Scheduling.fifoPermitted();
        Engine engine = wideSums(3).realtimePriority(11);
        engine.open();
        try {
            List<RealtimePriority.Outcome> outcomes = engine.workerRealtime();
            assertEquals(2, outcomes.size());
            for (RealtimePriority.Outcome o : outcomes) assertEquals(permitted, o.granted(), o.why());
            long fifo = Scheduling.policiesOf("conch-worker-").stream().filter(p -> p == Scheduling.FIFO).count();
            assertEquals(permitted ? 2 : 0, fifo, "workers the kernel runs as SCHED_FIFO");
            float[][] out = new float[1][64];
            engine.process(out, 64);
            for (int i = 0; i < 64; i++) assertEquals(36f * i, out[0][i], "frame " + i);
        } finally {
            engine.close();
        }
        assertEquals(List.of(), wideSums(1).realtimePriority(11).workerRealtime(), "no workers, nothing asked");
    }

    /** A ramp through a node that splits its block (2 in + 1, in parts) to the output: a chain, one root. */
    private static Engine splitChain(int threads, boolean failing) throws NetworkException {
        Net net = new Net();
        net.node("ramp", "TestRamp");
        net.node("split", "TestSplit", "fail", failing ? "1" : "0");
        net.node("out", "AudioOutput", "channels", "1");
        net.connect("ramp.out", "split.in").connect("split.out", "out.in1");
        return new Engine(NetworkCompiler.compile(net.spec(), TestProcessors.registry(), 256)).threads(threads);
    }

    /**
     * A chain gives a worker no branch of its own; a node splitting its block hands it parts ({@link
     * Processor#runParts}), and every frame is still 2i + 1, exactly, at random block sizes. On one thread the node
     * is offered one and never splits.
     */
    @Test
    void aSplittingNodeInAChainHandsPartsToTheWorkers() throws Exception {
        for (int threads : new int[] {1, 2, 3}) {
            Engine engine = splitChain(threads, false);
            Split split = (Split) engine.network().processors().get("split");
            engine.open();
            try {
                SplittableRandom random = new SplittableRandom(threads);
                float[][] out = new float[1][256];
                long frame = 0;
                while (frame < 400_000) {
                    int n = random.nextBoolean() ? 1 + random.nextInt(4) : 1 + random.nextInt(256);
                    engine.process(out, n);
                    for (int i = 0; i < n; i++, frame++) {
                        if (out[0][i] != 2f * frame + 1) assertEquals(2f * frame + 1, out[0][i], "frame " + frame);
                    }
                }
                // on a loaded machine the worker may not have had a core yet; given up to 10 s it takes a part
                long until = System.nanoTime() + 10_000_000_000L;
                while (threads > 1 && split.partsElsewhere() == 0 && System.nanoTime() < until) engine.process(out, 256);
                assertNull(engine.failure());
            } finally {
                engine.close();
            }
            if (threads == 1) {
                assertEquals(0, split.blocksSplit(), "blocks split on one thread");
            } else {
                assertTrue(split.blocksSplit() > 1000, split.blocksSplit() + " blocks split");
                assertTrue(split.partsElsewhere() > 0, "no part ran on a worker in " + split.blocksSplit() + " blocks");
            }
        }
    }

    /** A part that throws, whichever thread runs it, fails its node as a process call would: reported, silenced. */
    @Test
    void aFailingPartIsReportedAndItsNodeSilenced() throws Exception {
        Engine engine = splitChain(2, true);
        engine.open();
        try {
            float[][] out = new float[1][256];
            for (int i = 0; i < 200; i++) engine.process(out, 256);
            String failure = engine.failure();
            assertTrue(failure != null && failure.startsWith("split: ") && failure.contains("part 1 fails"), failure);
            for (int i = 0; i < 256; i++) assertEquals(0f, out[0][i], "frame " + i + " after the failure");
        } finally {
            engine.close();
        }
    }

    @Test
    void oneThreadIsTheSerialScheduleWithNoWorkers() throws NetworkException, IOException {
        Engine engine = wideSums(1);
        engine.open();
        try {
            assertEquals(0, engine.workerThreadIds().length);
        } finally {
            engine.close();
        }
    }
}
