package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The network's AudioInput hands the engine's input to the schedule sample for sample: at every block size, in the
 * 64-frame segments a loop cuts, and with fewer channels than it has.
 */
class AudioInputTest {
    private static final int FRAMES = 5000;

    private static float[][] noise(int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[channels][FRAMES];
        for (float[] c : x) for (int i = 0; i < FRAMES; i++) c[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    /** Runs {@code spec} over {@code input} in blocks of {@code block} frames and returns the output. */
    private static float[][] run(NetworkSpec spec, float[][] input, int block) throws NetworkException {
        Engine engine = new Engine(NetworkCompiler.compile(spec, TestProcessors.registry(), 512));
        float[][] out = new float[engine.outputChannels()][FRAMES];
        float[][] in = new float[input.length][block];
        float[][] y = new float[out.length][block];
        for (int done = 0; done < FRAMES; done += block) {
            int n = Math.min(block, FRAMES - done);
            for (int c = 0; c < in.length; c++) System.arraycopy(input[c], done, in[c], 0, n);
            engine.process(in, y, n);
            for (int c = 0; c < out.length; c++) System.arraycopy(y[c], 0, out[c], done, n);
        }
        return out;
    }

    @Test
    void theInputReachesTheOutputUnchangedAtEveryBlockSize() throws NetworkException {
        NetworkSpec swap = new Net().node("in", "AudioInput").node("out", "AudioOutput", "channels", "2")
                .connect("in.out1", "out.in2").connect("in.out2", "out.in1").spec();
        float[][] x = noise(2, 3);
        for (int block : new int[] {1, 97, 512, 4096}) {
            float[][] y = run(swap, x, block);
            assertArrayEquals(x[1], y[0], "channel 2 on output 1 at block " + block);
            assertArrayEquals(x[0], y[1], "channel 1 on output 2 at block " + block);
        }
    }

    /** A loop makes the schedule run in 64-frame segments: the node must follow them through each callback. */
    @Test
    void throughAFeedbackLoopTheInputIsHeardAtItsFrameAtEveryBlockSize() throws NetworkException {
        NetworkSpec echo = new Net().node("in", "AudioInput", "channels", "1").node("sum", "TestSum")
                .node("dly", "TestLoopDelay", "samples", "100").node("out", "AudioOutput", "channels", "1")
                .connect("in.out1", "sum.a").connect("dly.out", "sum.b").connect("sum.out", "dly.in")
                .connect("sum.out", "out.in1").spec();
        float[][] x = noise(1, 5);
        float[] want = new float[FRAMES]; // y[n] = x[n] + y[n - 100], from the definition
        for (int i = 0; i < FRAMES; i++) want[i] = x[0][i] + (i >= 100 ? want[i - 100] : 0f);
        for (int block : new int[] {1, 63, 64, 512}) {
            assertArrayEquals(want, run(echo, x, block)[0], "block " + block);
        }
    }

    /**
     * A 5:3 node then a 3:5 node: the schedule fires the input up to 4 frames ahead (to make the first of five output
     * tokens it needs all five inputs), so the node plays its input 4 frames late, the same at every block size.
     * Expected from the definitions: FiveToThree keeps tokens 0, 2, 4 of five; ThreeToFive copies three, then
     * writes their sum and its firing count.
     */
    @Test
    void throughAMultiRateChainTheInputIsPlayedLateByTheChainsLookahead() throws NetworkException {
        NetworkSpec chain = new Net().node("in", "AudioInput", "channels", "1").node("down", "TestFiveToThree")
                .node("up", "TestThreeToFive").node("out", "AudioOutput", "channels", "1")
                .connect("in.out1", "down.in").connect("down.out", "up.in").connect("up.out", "out.in1").spec();
        assertEquals(4, new Engine(NetworkCompiler.compile(chain, TestProcessors.registry(), 512)).inputLatency());
        float[][] x = noise(1, 17);
        float[] late = new float[FRAMES];
        System.arraycopy(x[0], 0, late, 4, FRAMES - 4);
        float[] want = new float[FRAMES];
        for (int g = 0; g + 5 <= FRAMES; g += 5) {
            float a = late[g], b = late[g + 2], c = late[g + 4];
            float[] five = {a, b, c, a + b + c, g / 5};
            System.arraycopy(five, 0, want, g, 5);
        }
        for (int block : new int[] {1, 3, 97, 512}) {
            assertArrayEquals(want, run(chain, x, block)[0], "block " + block);
        }
    }

    @Test
    void anInputReadFasterThanItArrivesIsRefused() {
        NetworkSpec fast = new Net().node("in", "AudioInput", "channels", "1").node("down", "TestFiveToThree")
                .node("out", "AudioOutput", "channels", "1").connect("in.out1", "down.in").connect("down.out", "out.in1").spec();
        NetworkException e = org.junit.jupiter.api.Assertions.assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(fast, TestProcessors.registry(), 512));
        assertEquals("in", e.problems().get(0).node(), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("would be read 5/3 times as fast as its sound arrives"),
                e.getMessage());
    }

    @Test
    void channelsTheDriverDoesNotGiveAndNoInputAtAllReadSilence() throws NetworkException {
        NetworkSpec pass = new Net().node("in", "AudioInput", "channels", "2").node("out", "AudioOutput", "channels", "2")
                .connect("in.out1", "out.in1").connect("in.out2", "out.in2").spec();
        float[][] x = noise(1, 7);
        float[][] y = run(pass, x, 128);
        assertArrayEquals(x[0], y[0], "the one channel given");
        assertArrayEquals(new float[FRAMES], y[1], "the channel not given is silent");

        Engine engine = new Engine(NetworkCompiler.compile(pass, TestProcessors.registry(), 512));
        float[][] out = {new float[256], new float[256]};
        java.util.Arrays.fill(out[0], 1f);
        engine.process(out, 256);
        assertArrayEquals(new float[256], out[0], "process without input: silence");
        assertEquals(2, engine.inputChannels());
    }

    @Test
    void tenThousandCallbacksWithInputAllocateZeroBytes() throws NetworkException {
        NetworkSpec echo = new Net().node("in", "AudioInput", "channels", "2").node("sum", "TestSum")
                .node("dly", "TestLoopDelay", "samples", "300").node("out", "AudioOutput", "channels", "2")
                .connect("in.out1", "sum.a").connect("dly.out", "sum.b").connect("sum.out", "dly.in")
                .connect("sum.out", "out.in1").connect("in.out2", "out.in2").spec();
        Engine engine = new Engine(NetworkCompiler.compile(echo, TestProcessors.registry(), 512));
        float[][] in = noise(2, 9);
        float[][] out = new float[2][512];
        int[] blocks = new SplittableRandom(13).ints(10_000, 1, 513).toArray();
        Runnable callbacks = () -> {
            for (int b : blocks) engine.process(in, out, b);
        };
        callbacks.run();
        assertEquals(0, AllocationMeter.fewestBytesOver(3, callbacks), "bytes allocated over 10,000 callbacks");
    }
}
