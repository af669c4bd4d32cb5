package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's own machinery (demand pass, multi-rate streams, loop halves, latency compensation, control
 * connections, timed live changes, output guard) allocates nothing on the audio thread.
 */
class EngineAllocationTest {

    @Test
    void tenThousandCallbacksAllocateZeroBytes() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("ctl", "TestControlRamp")
                .node("up", "TestThreeToFive").node("down", "TestFiveToThree")
                .node("slow", "TestLatent", "samples", "13").node("sum", "TestSum")
                .node("loop", "TestSum").node("dly", "TestLoopDelay", "samples", "512")
                .node("nan", "TestThrower", "after", "5000", "nan", "true")
                .node("hold", "TestHold").node("lone", "TestFiveToThree")
                .node("out", "AudioOutput", "channels", "3")
                .control("ctl.out", "ramp.scale").control("ctl.out", "hold.level") // a per-block param: fired in runs
                .connect("ramp.out", "hold.in").connect("hold.out", "out.in3")
                .connect("ramp.out", "lone.in") // a node nothing reads: fired by its own rate
                .connect("ramp.out", "up.in").connect("up.out", "down.in").connect("down.out", "slow.in")
                .connect("slow.out", "sum.a").connect("ramp.out", "sum.b")
                .connect("sum.out", "loop.a").connect("dly.out", "loop.b").connect("loop.out", "dly.in")
                .connect("loop.out", "out.in1").connect("ramp.out", "nan.in").connect("nan.out", "out.in2").spec();
        // ramp*control grows without bound; the point here is the machinery, not the values
        Engine engine = new Engine(NetworkCompiler.compile(spec, TestProcessors.registry(), 512));
        float[][] out = new float[3][512];
        SplittableRandom random = new SplittableRandom(11);
        int[] blocks = new int[10_000];
        for (int i = 0; i < blocks.length; i++) blocks[i] = 1 + random.nextInt(512);
        Runnable callbacks = () -> {
            for (int b : blocks) engine.process(out, b);
        };
        callbacks.run(); // warm up: class loading and JIT happen here, not in the measured run
        AllocationMeter.warmUp(() -> engine.process(out, 256), 5000, 100_000);
        engine.set("ramp", "scale", 2); // a live change queued from this (non-audio) thread
        long bytes = AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < blocks.length; i++) {
                engine.process(out, blocks[i]);
            }
        });
        assertEquals(0, bytes, "bytes allocated on the audio thread over 10,000 callbacks");
    }

    /** An offline render asks every sink for room before each block: that question allocates nothing either. */
    @Test
    void theOfflineLoopAllocatesZeroBytesBetweenCallbacks() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive")
                .node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "up.in").connect("up.out", "out.in1").spec();
        Engine engine = new Engine(NetworkCompiler.compile(spec, TestProcessors.registry(), 256));
        float[][] out = new float[1][256];
        Runnable offline = () -> {
            try {
                for (int i = 0; i < 10_000; i++) {
                    engine.awaitCapacity();
                    engine.process(out, 256);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        offline.run();
        assertEquals(0, AllocationMeter.fewestBytesOver(3, offline), "bytes allocated over 10,000 offline blocks");
    }

    private static volatile Object sink;

    @Test
    void theMeterSeesAnAllocation() {
        long bytes = AllocationMeter.bytesAllocatedBy(() -> sink = new byte[1000]);
        org.junit.jupiter.api.Assertions.assertTrue(bytes >= 1000, bytes + " bytes");
    }
}
