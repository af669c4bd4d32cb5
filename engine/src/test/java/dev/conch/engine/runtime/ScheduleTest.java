package dev.conch.engine.runtime;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {
    private final ProcessorRegistry registry = TestProcessors.registry();

    /** What a 3-in/5-out node makes of the ramp 0,1,2..., computed here from its definition, not by the engine. */
    private static float[] expectedThreeToFive(int frames) {
        float[] y = new float[frames];
        for (int j = 0; j < frames; j++) {
            int f = j / 5, k = j % 5;
            float a = 3 * f, b = 3 * f + 1, c = 3 * f + 2;
            y[j] = switch (k) {
                case 0 -> a;
                case 1 -> b;
                case 2 -> c;
                case 3 -> a + b + c;
                default -> f;
            };
        }
        return y;
    }

    private NetworkSpec threeToFive() {
        return new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "up.in").connect("up.out", "out.in1").spec();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 64, 100, 1000, 4096, 8192})
    void multiRateNodeWorksAtEveryBlockSize(int block) throws NetworkException {
        int frames = 20000;
        float[] out = Render.channel0(threeToFive(), registry, block, frames);
        assertArrayEquals(expectedThreeToFive(frames), out);
    }

    @Test
    void multiRateNodeWorksWithRandomBlockSizes() throws NetworkException {
        int frames = 100_000;
        float[] out = Render.render(threeToFive(), registry, 8192, frames, new SplittableRandom(7))[0];
        assertArrayEquals(expectedThreeToFive(frames), out);
    }

    /**
     * A branch whose output feeds nothing (the normal state while wiring in the editor) used to hold its producer's
     * stream forever: the stream overflowed and the render died in take(). Now it fires by its own rate, so the main
     * path is untouched and a monitor on the branch sees its tokens, at any block size.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 97, 512, 8192})
    void danglingBranchesRunWithoutHoldingTheirProducer(int block) throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive").node("down", "TestFiveToThree")
                .node("lone", "TestFiveToThree").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "out.in1").connect("ramp.out", "up.in").connect("up.out", "down.in")
                .connect("ramp.out", "lone.in").spec();
        int frames = 40_000;
        Engine e = new Engine(NetworkCompiler.compile(spec, registry, block));
        var down = e.tap("down", "out", 1 << 17);
        float[][] buf = new float[1][block];
        float[] out = new float[frames];
        SplittableRandom random = new SplittableRandom(block);
        for (int done = 0; done < frames; ) {
            int n = Math.min(frames - done, 1 + random.nextInt(block));
            e.process(buf, n);
            System.arraycopy(buf[0], 0, out, done, n);
            done += n;
        }
        assertTrue(!e.overflowed(), "a stream overflowed");
        for (int j = 0; j < frames; j++) assertEquals(j, out[j], "frame " + j);
        // ramp -> 3:5 -> 5:3 keeps tokens a, c and the firing counter of each three (see the test below)
        float[][] taken = new float[1][1 << 17];
        int n = down.poll(taken, 1 << 17);
        float[] seen = taken[0];
        assertTrue(n >= frames - 15, "the dangling chain ran: " + n + " tokens for " + frames + " frames");
        for (int j = 0; j < n; j++) {
            int f = j / 3, k = j % 3;
            assertEquals(k == 0 ? 3 * f : k == 1 ? 3 * f + 2 : f, seen[j], "token " + j);
        }
    }

    @Test
    void upThenDownChainKeepsEveryTokenInOrder() throws NetworkException {
        // ramp -> 3:5 -> 5:3 keeps tokens 0,2,4 of each five, i.e. a, c, firing counter
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive").node("down", "TestFiveToThree")
                .node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "up.in").connect("up.out", "down.in").connect("down.out", "out.in1").spec();
        int frames = 30000;
        float[] a = Render.render(spec, registry, 8192, frames, new SplittableRandom(3))[0];
        float[] b = Render.channel0(spec, registry, 1, frames);
        assertArrayEquals(b, a);
        for (int j = 0; j < frames; j++) {
            int f = j / 3, k = j % 3;
            float expected = k == 0 ? 3 * f : k == 1 ? 3 * f + 2 : f;
            assertEquals(expected, a[j], "frame " + j);
        }
    }

    @Test
    void compilerAlignsPathsOfDifferentLatency() throws NetworkException {
        // ramp -> latent(37) -> out.in1 ; ramp -> out.in2 directly: in2 must be delayed by 37 too
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("slow", "TestLatent", "samples", "37")
                .node("out", "AudioOutput", "channels", "2")
                .connect("ramp.out", "slow.in").connect("slow.out", "out.in1").connect("ramp.out", "out.in2").spec();
        CompiledNetwork net = NetworkCompiler.compile(spec, registry, 64);
        assertEquals(37, net.latency());
        assertEquals(1, net.compensations().size(), net.compensations().toString());
        float[][] out = Render.render(spec, registry, 64, 1000, new SplittableRandom(1));
        for (int i = 0; i < 1000; i++) {
            float expected = i < 37 ? 0 : i - 37;
            assertEquals(expected, out[0][i], "latent path, frame " + i);
            assertEquals(expected, out[1][i], "compensated path, frame " + i);
        }
    }

    @Test
    void latencyAddsAlongAChainAndTakesTheMaxWherePathsMeet() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp")
                .node("a", "TestLatent", "samples", "10").node("b", "TestLatent", "samples", "5")
                .node("c", "TestLatent", "samples", "20").node("sum", "TestSum").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "a.in").connect("a.out", "b.in").connect("ramp.out", "c.in")
                .connect("b.out", "sum.a").connect("c.out", "sum.b").connect("sum.out", "out.in1").spec();
        CompiledNetwork net = NetworkCompiler.compile(spec, registry, 128);
        assertEquals(15, net.latencies().get("b"));
        assertEquals(20, net.latencies().get("sum"));
        assertEquals(20, net.latency());
        float[] out = Render.channel0(spec, registry, 128, 500);
        for (int i = 0; i < 500; i++) assertEquals(i < 20 ? 0 : 2 * (i - 20), out[i], "frame " + i);
    }

    @Test
    void feedbackLoopThroughADelayRecirculates() throws NetworkException {
        // ramp*0 + impulse? use ramp scaled so only the first sample... simpler: y[n] = x[n] + y[n - 64]
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("sum", "TestSum")
                .node("dly", "TestLoopDelay", "samples", "64").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "sum.a").connect("dly.out", "sum.b").connect("sum.out", "dly.in")
                .connect("sum.out", "out.in1").spec();
        int frames = 640;
        float[] expected = new float[frames];
        for (int n = 0; n < frames; n++) expected[n] = n + (n >= 64 ? expected[n - 64] : 0);
        for (int block : new int[]{1, 17, 64}) {
            assertArrayEquals(expected, Render.channel0(spec, registry, block, frames), "block " + block);
        }
        CompiledNetwork net = NetworkCompiler.compile(spec, registry, 64);
        assertTrue(net.order().indexOf("dly<") < net.order().indexOf("sum"), net.order().toString());
        assertTrue(net.order().indexOf("dly>") > net.order().indexOf("sum"), net.order().toString());
    }

    @Test
    void controlConnectionDrivesAParamSampleBySample() throws NetworkException {
        // ramp.scale driven by 0.5, 1.5, 2.5...: out[n] = n * (n + 0.5)
        NetworkSpec spec = new Net().node("ctl", "TestControlRamp").node("ramp", "TestRamp")
                .node("out", "AudioOutput", "channels", "1")
                .control("ctl.out", "ramp.scale").connect("ramp.out", "out.in1").spec();
        float[] out = Render.render(spec, registry, 256, 2000, new SplittableRandom(5))[0];
        for (int n = 0; n < 2000; n++) assertEquals((float) (n * (n + 0.5)), out[n], "frame " + n);
    }

    /**
     * A per-block param is read once per process call; driven by a control, it used to take the control's value at
     * the start of each callback block, so the output depended on the block size. The node is now called once per
     * run of frames over which the control holds still: here the control moves every frame, and every frame gets
     * its own value at any block size (found by the generated-network property tests, on Oscillator.waveform).
     */
    @Test
    void aControlOnAPerBlockParamTakesEffectAtItsFrameAtAnyBlockSize() throws NetworkException {
        NetworkSpec spec = new Net().node("ctl", "TestControlRamp").node("ramp", "TestRamp").node("hold", "TestHold")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "hold.in")
                .control("ctl.out", "hold.level").connect("hold.out", "out.in1").spec();
        for (int block : new int[] {1, 7, 256}) {
            float[] out = Render.render(spec, registry, block, 3000, new SplittableRandom(block))[0];
            for (int n = 0; n < 3000; n++) assertEquals(n + (n + 0.5f), out[n], "frame " + n + ", block " + block);
        }
    }

    @Test
    void liveChangeAppliesAtItsExactFrame() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "out.in1").spec();
        Engine engine = new Engine(NetworkCompiler.compile(spec, registry, 512));
        assertTrue(engine.set("ramp", "scale", 2, 300));
        float[][] out = new float[1][512];
        engine.process(out, 512);
        for (int n = 0; n < 512; n++) assertEquals(n < 300 ? n : 2f * n, out[0][n], "frame " + n);
    }

    @Test
    void liveChangesAreCheckedOnTheCallersThread() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("slow", "TestLatent", "samples", "3")
                .node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "slow.in").connect("slow.out", "out.in1").spec();
        Engine engine = new Engine(NetworkCompiler.compile(spec, registry, 64));
        var e1 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> engine.set("ramp", "scale", 1e9));
        assertTrue(e1.getMessage().contains("out of range"), e1.getMessage());
        var e2 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> engine.set("slow", "samples", 4));
        assertTrue(e2.getMessage().contains("fixed"), e2.getMessage());
        var e3 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> engine.set("nope", "x", 4));
        assertTrue(e3.getMessage().contains("no node 'nope'"), e3.getMessage());
    }

    @Test
    void aFailingProcessorGoesSilentAndTheStreamContinues() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("bad", "TestThrower", "after", "100")
                .node("sum", "TestSum").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "bad.in").connect("bad.out", "sum.a").connect("ramp.out", "sum.b")
                .connect("sum.out", "out.in1").spec();
        Engine engine = new Engine(NetworkCompiler.compile(spec, registry, 64));
        float[][] out = new float[1][64];
        float[] all = new float[640];
        for (int b = 0; b < 10; b++) {
            engine.process(out, 64);
            System.arraycopy(out[0], 0, all, b * 64, 64);
        }
        assertEquals(2f * 50, all[50]);
        assertEquals(130f, all[130], "after the failure only the healthy path sounds");
        assertNotNull(engine.failure());
        assertTrue(engine.failure().startsWith("bad:"), engine.failure());
    }

    @Test
    void nanNeverReachesTheOutputAndIsCounted() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("bad", "TestThrower", "after", "10", "nan", "true")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "bad.in").connect("bad.out", "out.in1").spec();
        Engine engine = new Engine(NetworkCompiler.compile(spec, registry, 64));
        float[][] out = new float[1][64];
        engine.process(out, 64);
        for (float x : out[0]) assertTrue(Float.isFinite(x));
        assertEquals(54, engine.guardedSamples());
        assertNull(engine.failure());
    }

    @Test
    void unconnectedOptionalInputReadsSilenceAndExtraOutputChannelsAreZero() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("sum", "TestSum").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "sum.a").connect("sum.out", "out.in1").spec();
        Engine engine = new Engine(NetworkCompiler.compile(spec, registry, 32));
        float[][] out = {new float[32], new float[32]};
        java.util.Arrays.fill(out[1], 9f);
        engine.process(out, 32);
        assertEquals(31f, out[0][31]);
        assertEquals(0f, out[1][5]);
    }

    @Test
    void harnessRunsAProcessorAlone() {
        ProcessorHarness h = ProcessorHarness.create(dev.conch.engine.testing.Latent.class, Map.of("samples", "2"), 48000, 8);
        float[] y = h.run("in", new float[]{1, 2, 3, 4}, "out");
        assertArrayEquals(new float[]{0, 0, 1, 2}, y);
    }
}
