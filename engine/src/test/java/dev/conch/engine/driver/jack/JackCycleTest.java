package dev.conch.engine.driver.jack;

import dev.conch.engine.driver.AudioCallback;
import dev.conch.engine.driver.CallbackStats;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conch's part of a JACK period, run on direct buffers like the ones JNAJack hands over, without a server. */
class JackCycleTest {
    private static final java.nio.FloatBuffer[] NO_CAPTURE = new java.nio.FloatBuffer[0];

    static NetworkSpec ramp(int channels) {
        Net net = new Net().node("ramp", "TestRamp", "scale", "1e-4").node("out", "AudioOutput", "channels",
                Integer.toString(channels));
        for (int c = 1; c <= channels; c++) net.connect("ramp.out", "out.in" + c);
        return net.spec();
    }

    /** Drives an Engine, as `conch play` will. */
    static final class EngineCallback implements AudioCallback {
        final Engine engine;
        volatile double sampleRate;
        volatile int configured, shutdowns;

        EngineCallback(Engine engine) {
            this.engine = engine;
        }

        @Override
        public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
            this.sampleRate = sampleRate;
            configured++;
        }

        @Override
        public boolean process(float[][] in, float[][] out, int frames) {
            engine.process(out, frames);
            return true;
        }

        @Override
        public void shutdown() {
            shutdowns++;
        }
    }

    private static FloatBuffer[] ports(int channels, int frames) {
        FloatBuffer[] ports = new FloatBuffer[channels];
        for (int c = 0; c < channels; c++) {
            ports[c] = ByteBuffer.allocateDirect(frames * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return ports;
    }

    private static float[] read(FloatBuffer port, int frames) {
        float[] a = new float[frames];
        port.get(0, a);
        return a;
    }

    @Test
    void periodsOfAnySizeCarryTheRenderContiguously() throws NetworkException {
        // 256 like jackd -p 256, then 10000: longer than the scratch buffers, so served in two pieces
        int[] periods = {256, 256, 10_000, 64, 8192, 1};
        int total = 0;
        for (int p : periods) total += p;
        float[][] expected = Render.render(ramp(2), TestProcessors.registry(), 512, total, null);
        Engine engine = new Engine(NetworkCompiler.compile(ramp(2), TestProcessors.registry(), 512));
        CallbackStats stats = new CallbackStats();
        JackCycle cycle = new JackCycle(new EngineCallback(engine), stats, 0, 2, 48000);
        int at = 0;
        for (int p : periods) {
            FloatBuffer[] ports = ports(2, p);
            cycle.run(NO_CAPTURE, ports, p);
            for (int c = 0; c < 2; c++) {
                float[] want = java.util.Arrays.copyOfRange(expected[c], at, at + p);
                assertArrayEquals(want, read(ports[c], p), "channel " + c + ", period of " + p + " at frame " + at);
            }
            at += p;
        }
        assertEquals(periods.length, stats.callbacks(), "one timing record per JACK period");
    }

    /** Full duplex: what the capture ports hold this period is the callback's input in the same period. */
    @Test
    void theCapturePortsAreTheCallbacksInputInTheSamePeriod() {
        AudioCallback invert = new AudioCallback() {
            public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
            }

            public boolean process(float[][] in, float[][] out, int frames) {
                for (int c = 0; c < out.length; c++) for (int i = 0; i < frames; i++) out[c][i] = -in[1 - c][i];
                return true;
            }

            public void shutdown() {
            }
        };
        JackCycle cycle = new JackCycle(invert, new CallbackStats(), 2, 2, 48000);
        for (int period : new int[] {256, 10000}) { // 10000: longer than the scratch, served in two pieces
            FloatBuffer[] captures = ports(2, period);
            for (int i = 0; i < period; i++) {
                captures[0].put(i, (i + 1) * 1e-4f);
                captures[1].put(i, -(i + 1) * 2e-4f);
            }
            FloatBuffer[] ports = ports(2, period);
            cycle.run(captures, ports, period);
            float[] left = read(ports[0], period), right = read(ports[1], period);
            for (int i = 0; i < period; i++) {
                assertEquals((i + 1) * 2e-4f, left[i], "out_1 is -in_2 at " + i + " of " + period);
                assertEquals(-(i + 1) * 1e-4f, right[i], "out_2 is -in_1 at " + i + " of " + period);
            }
        }
    }

    @Test
    void afterTheCallbackAsksToStopThePortsGoSilent() {
        int[] calls = {0};
        AudioCallback twoBlocks = new AudioCallback() {
            public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
            }

            public boolean process(float[][] in, float[][] out, int frames) {
                java.util.Arrays.fill(out[0], 0, frames, 0.5f);
                return ++calls[0] < 2;
            }

            public void shutdown() {
            }
        };
        JackCycle cycle = new JackCycle(twoBlocks, new CallbackStats(), 0, 1, 48000);
        for (int period = 0; period < 4; period++) {
            FloatBuffer[] ports = ports(1, 128);
            ports[0].put(0, 9f); // stale data that must be overwritten
            cycle.run(NO_CAPTURE, ports, 128);
            float want = period < 2 ? 0.5f : 0f; // the block that said "stop" still plays
            for (float x : read(ports[0], 128)) assertEquals(want, x, "period " + period);
        }
        assertEquals(2, calls[0], "not called again after returning false");
        assertTrue(cycle.finished());
        assertNull(cycle.failure());
    }

    @Test
    void aThrowingCallbackIsSilencedAndReported() {
        AudioCallback broken = new AudioCallback() {
            public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
            }

            public boolean process(float[][] in, float[][] out, int frames) {
                java.util.Arrays.fill(out[0], 0, frames, 0.25f);
                throw new IllegalStateException("boom");
            }

            public void shutdown() {
            }
        };
        JackCycle cycle = new JackCycle(broken, new CallbackStats(), 0, 1, 48000);
        FloatBuffer[] ports = ports(1, 64);
        cycle.run(NO_CAPTURE, ports, 64);
        for (float x : read(ports[0], 64)) assertEquals(0f, x, "half-written block replaced by silence");
        assertNotNull(cycle.failure());
        assertEquals("boom", cycle.failure().getMessage());
        assertTrue(cycle.finished());
    }

    @Test
    void aPortViewShorterThanThePeriodIsNotOverrun() throws NetworkException {
        Engine engine = new Engine(NetworkCompiler.compile(ramp(1), TestProcessors.registry(), 512));
        JackCycle cycle = new JackCycle(new EngineCallback(engine), new CallbackStats(), 0, 1, 48000);
        FloatBuffer[] ports = ports(1, 100);
        cycle.run(NO_CAPTURE, ports, 300); // no BufferOverflowException on the realtime thread
        float[] want = java.util.Arrays.copyOf(Render.channel0(ramp(1), TestProcessors.registry(), 512, 300), 100);
        assertArrayEquals(want, read(ports[0], 100));
    }

    @Test
    void onlyXrunsThatWereNotOurLatePeriodCountAgain() {
        JackCycle cycle = new JackCycle(new AudioCallback() {
            public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
            }

            public boolean process(float[][] in, float[][] out, int frames) {
                long until = System.nanoTime() + 2_000_000; // 2 ms against a 1-frame deadline: surely late
                while (System.nanoTime() < until) Thread.onSpinWait();
                return true;
            }

            public void shutdown() {
            }
        }, new CallbackStats(), 0, 1, 48000);
        cycle.run(NO_CAPTURE, ports(1, 1), 1);
        assertTrue(cycle.takeLate(), "a late period is reported once");
        assertFalse(cycle.takeLate(), "and then forgotten");
    }

    @Test
    void tenThousandPeriodsAllocateNothing() throws NetworkException {
        Engine engine = new Engine(NetworkCompiler.compile(ramp(2), TestProcessors.registry(), 256));
        JackCycle cycle = new JackCycle(new EngineCallback(engine), new CallbackStats(), 0, 2, 48000);
        FloatBuffer[] ports = ports(2, 256);
        Runnable period = () -> {
            ports[0].rewind(); // JNAJack rewinds each port's view before the period
            ports[1].rewind();
            cycle.run(NO_CAPTURE, ports, 256);
        };
        Runnable tenThousand = () -> {
            for (int i = 0; i < 10_000; i++) period.run();
        };
        // the JIT allocates a few bytes when it swaps in compiled code for a loop; let that happen before measuring
        tenThousand.run();
        AllocationMeter.warmUp(period, 5000, 100_000);
        long bytes = AllocationMeter.fewestBytesOver(3, tenThousand);
        assertEquals(0, bytes, "bytes allocated by Conch's part of 10,000 JACK periods");
    }
}
