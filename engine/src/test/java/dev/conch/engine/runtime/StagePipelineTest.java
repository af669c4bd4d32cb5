package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A chain cut in two and run as a pipeline on two threads, against the network's definition. */
class StagePipelineTest {

    /**
     * Frame i is i + i (i + 0.5) + 5: a ramp, a ramp whose scale a control ramp drives (i + 0.5 at frame i), summed,
     * plus a per-block level of 5. Exact in float while the values stay under 2^24.
     */
    private static Engine chain() throws NetworkException {
        Net net = new Net()
                .node("ctl", "TestControlRamp")
                .node("ramp", "TestRamp", "scale", "1")
                .node("scaled", "TestRamp")
                .node("sum", "TestSum")
                .node("level", "TestHold", "level", "5")
                .node("out", "AudioOutput", "channels", "1");
        net.control("ctl.out", "scaled.scale").connect("ramp.out", "sum.a").connect("scaled.out", "sum.b")
                .connect("sum.out", "level.in").connect("level.out", "out.in1");
        return new Engine(NetworkCompiler.compile(net.spec(), TestProcessors.registry(), 256));
    }

    private static float definition(long i) {
        return i + i * (i + 0.5f) + 5;
    }

    @Test
    void everyFrameIsItsDefinitionAtEveryCutInPiecesOfRandomSize() throws Exception {
        Engine probe = chain();
        int steps = probe.network().schedule().stepNames().size();
        assertArrayEquals(IntStream.range(1, steps).toArray(), probe.pipelineCuts(), "every op is rate 1: any cut");
        for (int cut : probe.pipelineCuts()) {
            for (int piece : new int[] {1, 7, 64, 256}) {
                Engine engine = chain();
                engine.open();
                try {
                    engine.pipeline(cut, piece);
                    assertEquals(2, engine.threads());
                    SplittableRandom random = new SplittableRandom(cut * 31L + piece);
                    float[][] out = new float[1][256];
                    long frame = 0;
                    while (frame < (piece == 1 ? 600 : 3000)) { // a piece of 1 frame is two hand-overs a frame
                        int n = random.nextBoolean() ? 1 + random.nextInt(4) : 1 + random.nextInt(256);
                        engine.process(out, n);
                        for (int i = 0; i < n; i++, frame++) {
                            if (out[0][i] != definition(frame)) {
                                assertEquals(definition(frame), out[0][i], "cut " + cut + ", piece " + piece + ", frame " + frame);
                            }
                        }
                    }
                    assertNull(engine.failure());
                } finally {
                    engine.close();
                }
            }
        }
    }

    /** Multi-rate ops fire by their readers' demand, which the first stage could not know ahead: they stay before the cut. */
    @Test
    void cutsComeAfterEveryMultiRateStepAndBeforeTheOutput() throws Exception {
        Net net = new Net()
                .node("ramp", "TestRamp", "scale", "1")
                .node("up", "TestThreeToFive")
                .node("down", "TestFiveToThree")
                .node("level", "TestHold", "level", "1")
                .node("out", "AudioOutput", "channels", "1")
                .node("tail", "TestHold", "level", "2");
        net.connect("ramp.out", "up.in").connect("up.out", "down.in").connect("down.out", "level.in")
                .connect("level.out", "out.in1").connect("level.out", "tail.in");
        Engine engine = new Engine(NetworkCompiler.compile(net.spec(), TestProcessors.registry(), 64));
        List<String> steps = engine.network().schedule().stepNames();
        int down = steps.indexOf("down");
        int out = steps.indexOf("out");
        assertArrayEquals(IntStream.rangeClosed(down + 1, out).toArray(), engine.pipelineCuts(), "steps " + steps);
    }

    @Test
    void aPipelineNeedsAnOpenSerialEngineAndAValidCutAndCloseStopsItsWorker() throws Exception {
        Engine engine = chain();
        assertThrows(IllegalStateException.class, () -> engine.pipeline(1, 64), "not open yet");
        engine.open();
        assertThrows(IllegalArgumentException.class, () -> engine.pipeline(0, 64), "nothing before the cut");
        engine.pipeline(2, 64);
        assertThrows(IllegalStateException.class, () -> engine.threads(2), "one or the other");
        long worker = engine.workerThreadIds()[0];
        engine.process(new float[1][64], 64);
        engine.close();
        assertNull(ManagementFactory.getThreadMXBean().getThreadInfo(worker), "the pipeline's worker outlived close");
    }
}
