package dev.conch.engine.driver;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSessionTest {
    private static final float[][] NO_INPUT = new float[0][];

    private static Engine engine(double scale) throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp", "scale", Double.toString(scale))
                .node("slow", "TestLatent", "samples", "5").node("out", "AudioOutput", "channels", "2")
                .connect("ramp.out", "slow.in").connect("slow.out", "out.in1").connect("ramp.out", "out.in2").spec();
        return new Engine(NetworkCompiler.compile(spec, TestProcessors.registry(), 256));
    }

    @Test
    void tenThousandCallbacksWithInputLiveChangesMidiMetersAndHotSwapsAllocateNothing() throws Exception {
        LiveSession session = new LiveSession(engine(1e-6), 5);
        session.configure(48000, 2, 2, 256);
        float[][] in = new float[2][256]; // full duplex: the input is metered every callback
        for (int i = 0; i < 256; i++) in[0][i] = in[1][i] = (float) Math.sin(i * 0.1);
        float[][] out = new float[2][256];
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger callbacks = new AtomicInteger();
        AtomicInteger swaps = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // another thread compiles networks and swaps them in, sends param changes and MIDI, and reads the meters
        dev.conch.engine.midi.MidiMapper midi = new dev.conch.engine.midi.MidiMapper(session, java.util.List.of(
                new dev.conch.engine.model.MidiBinding(dev.conch.engine.model.MidiBinding.Kind.CC, 0, 1,
                        dev.conch.engine.model.Endpoint.parse("ramp.scale"), null)), 256);
        Thread control = new Thread(() -> {
            float[][] level = new float[2][16];
            int lastSwap = 0;
            try {
                while (!done.get()) {
                    int now = callbacks.get();
                    if (now - lastSwap >= 200) {
                        session.swap(engine(1e-6 * (1 + swaps.incrementAndGet() % 3)));
                        lastSwap = now;
                    }
                    session.set("ramp", "scale", 1e-6 * (now % 7));
                    midi.send(new javax.sound.midi.ShortMessage(javax.sound.midi.ShortMessage.CONTROL_CHANGE, 0, 1,
                            now % 128), -1);
                    session.meters().poll(level, 16);
                    session.inputMeters().poll(level, 16);
                    Thread.sleep(1);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "control");
        for (int i = 0; i < 3000; i++) {
            session.process(in, out, 256); // warm up before measuring, swaps included
            callbacks.incrementAndGet();
        }
        control.start();
        AllocationMeter.warmUp(() -> {
            session.process(in, out, 256);
            callbacks.incrementAndGet();
        }, 3000, 100_000);
        int swapsBefore = swaps.get();
        int[] swapsSeen = {swapsBefore};
        long bytes = AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < 10_000; i++) {
                if (i % 1_000 == 999) { // on a loaded machine the control thread may not run for a while: wait
                    // (up to 2 s) until it swapped since the last wait, so swaps land among the measured callbacks
                    long deadline = System.nanoTime() + 2_000_000_000L;
                    while (swaps.get() == swapsSeen[0] && System.nanoTime() < deadline) Thread.onSpinWait();
                    swapsSeen[0] = swaps.get();
                }
                session.process(in, out, 256);
                callbacks.incrementAndGet();
                if ((i & 15) == 0) Thread.onSpinWait();
            }
        });
        done.set(true);
        control.join();
        session.shutdown();
        assertNull(failure.get());
        // each measured round waits for a fresh swap 10 times, and fewestBytesOver may stop after one round
        assertTrue(swaps.get() - swapsBefore >= 8,
                "hot-swaps during the measured callbacks: " + (swaps.get() - swapsBefore));
        assertEquals(0, bytes, "bytes allocated by 10,000 live callbacks");
    }

    /**
     * Swaps far faster than the janitor closes (it sleeps 10 ms when it finds nothing, and here a swap and the
     * callbacks that retire the old engine take microseconds): every engine is still closed, so none leaves its
     * worker thread behind.
     */
    @Test
    void everyReplacedEngineIsClosedHoweverFastTheSwapsCome() throws Exception {
        Engine first = engine(1).threads(2);
        first.open();
        LiveSession session = new LiveSession(first, 0.1);
        session.configure(48000, 0, 2, 64);
        java.util.List<Engine> next = new java.util.ArrayList<>();
        for (int k = 0; k < 200; k++) {
            Engine e = engine(1).threads(2);
            e.open();
            next.add(e);
        }
        float[][] out = new float[2][64];
        for (Engine e : next) {
            session.swap(e);
            session.process(NO_INPUT, out, 64); // takes it up and fades (0.1 ms: 5 frames) ...
            session.process(NO_INPUT, out, 64); // ... and retires the old one
        }
        session.shutdown();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long workers = java.util.Arrays.stream(mx.getThreadInfo(mx.getAllThreadIds())).filter(java.util.Objects::nonNull)
                .filter(t -> t.getThreadName().startsWith("conch-worker-")).count();
        assertEquals(0, workers, "workers of engines the session never closed");
    }

    @Test
    void theInputMeterGivesEachCapturedChannelsPeakPerCallback() throws Exception {
        LiveSession session = new LiveSession(engine(1e-6), 5);
        session.configure(48000, 2, 2, 64);
        float[][] in = new float[2][64];
        in[0][10] = -0.5f;
        in[1][63] = 0.25f;
        session.process(in, new float[2][64], 64);
        in[0][10] = 0.125f;
        session.process(in, new float[2][64], 64);
        float[][] levels = new float[2][4];
        assertEquals(2, session.inputMeters().poll(levels, 4), "one meter frame per callback");
        assertEquals(0.5f, levels[0][0]);
        assertEquals(0.25f, levels[1][0]);
        assertEquals(0.125f, levels[0][1]);
        session.shutdown();
    }

    @Test
    void swapCrossfadesLinearlyFromTheOldEngineToTheNew() throws Exception {
        // old: ramp*1 on channel 2 ; new: ramp*0 (silence). Over a 1 ms (48 frame) fade, channel 2 must go
        // from the old value to 0 along (1 - k/48)
        LiveSession session = new LiveSession(engine(1), 1);
        session.configure(48000, 0, 2, 64);
        float[][] out = new float[2][64];
        session.process(NO_INPUT, out, 64);
        session.swap(engine(0));
        session.process(NO_INPUT, out, 64);
        for (int k = 0; k < 64; k++) {
            double old = 64 + k - 5; // the old ramp keeps counting while it fades (5 samples of aligned latency)
            double expected = k >= 48 ? 0 : old * (1 - k / 48.0);
            assertEquals(expected, out[1][k], 1e-3, "frame " + k);
        }
        session.shutdown();
    }

    @Test
    void metersReportEachBlocksPeak() throws Exception {
        LiveSession session = new LiveSession(engine(0.5), 5);
        session.configure(48000, 0, 2, 100);
        float[][] out = new float[2][100];
        session.process(NO_INPUT, out, 100);
        session.process(NO_INPUT, out, 100);
        float[][] levels = new float[2][4];
        assertEquals(2, session.meters().poll(levels, 4));
        assertEquals((99 - 5) * 0.5f, levels[1][0]); // both channels carry the 5-sample latency (compensated)
        assertEquals((199 - 5) * 0.5f, levels[1][1]);
        session.shutdown();
    }

    @Test
    void aDeviceAtAnotherSampleRateIsRefusedWithTheFix() throws Exception {
        LiveSession session = new LiveSession(engine(1), 5);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> session.configure(44100, 0, 2, 256));
        assertTrue(e.getMessage().contains("--rate 44100"), e.getMessage());
        session.shutdown();
    }

    /**
     * The editor showed "playing" while its audio thread had died on an internal error. A session now ends the
     * stream on anything thrown outside a processor and says why; a processor that throws goes silent and is named.
     */
    @Test
    void failuresOnTheAudioThreadAreSentencesAndAnInternalOneEndsTheStream() throws Exception {
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("bad", "TestThrower", "after", "100")
                .node("out", "AudioOutput", "channels", "2")
                .connect("ramp.out", "bad.in").connect("bad.out", "out.in1").connect("ramp.out", "out.in2").spec();
        LiveSession session = new LiveSession(new Engine(NetworkCompiler.compile(spec, TestProcessors.registry(), 256)), 5);
        session.configure(48000, 0, 2, 256);
        float[][] out = new float[2][256];
        assertTrue(session.process(NO_INPUT, out, 64));
        assertNull(session.failure());
        assertTrue(session.process(NO_INPUT, out, 64), "a failing processor does not stop the stream");
        assertEquals("a node failed and went silent: bad: java.lang.IllegalStateException: deliberate failure",
                session.failure());
        assertEquals(0f, out[0][63], 0f);
        assertEquals(127f, out[1][63], 0f);

        float[][] tooShort = new float[2][16]; // a driver asking for more frames than its buffers hold
        assertTrue(!session.process(NO_INPUT, tooShort, 64), "an internal error ends the stream");
        assertTrue(session.stopped());
        assertTrue(session.failure().startsWith("the sound stopped: internal error on the audio thread"
                + " (java.lang.ArrayIndexOutOfBoundsException"), session.failure());
        out[0][0] = 1f;
        assertTrue(!session.process(NO_INPUT, out, 64), "and it stays ended");
        session.shutdown();
    }

    /**
     * A timeline that stops at its end: the ramp (channel 2 carries the frame number, 5 frames late as the compensated
     * latency makes it) is cut at exactly frame 100.
     */
    @Test
    void stoppingAtTheEndSilencesFromExactlyTheEndsFrame() throws Exception {
        LiveSession session = new LiveSession(engine(1), 1);
        session.configure(48000, 0, 2, 64);
        session.endAt(100, false);
        float[][] out = new float[2][64];
        session.process(NO_INPUT, out, 64);
        assertEquals(58f, out[1][63], 0f);
        session.process(NO_INPUT, out, 64);
        for (int k = 0; k < 64; k++) assertEquals(64 + k < 100 ? 64 + k - 5 : 0, out[1][k], 0f, "frame " + (64 + k));
        session.process(NO_INPUT, out, 64);
        for (int k = 0; k < 64; k++) assertEquals(0f, out[1][k], 0f, "after the end, frame " + (128 + k));
        session.shutdown();
    }

    /**
     * A loop: the first callback starting at or past the end (frame 128) hands over to the armed engine, whose ramp
     * starts again from 0 (after a 48-frame crossfade from the old one); without an armed engine it plays on.
     */
    @Test
    void aLoopStartsTheArmedEngineOverAtTheFirstCallbackPastTheEnd() throws Exception {
        LiveSession session = new LiveSession(engine(1), 1);
        session.configure(48000, 0, 2, 64);
        session.endAt(128, true);
        float[][] out = new float[2][64];
        session.process(NO_INPUT, out, 64);
        session.process(NO_INPUT, out, 64);
        session.process(NO_INPUT, out, 64);
        assertEquals(186f, out[1][63], 0f, "nothing armed: the network plays on past the end");
        assertEquals(0, session.loops());
        Engine again = engine(1);
        session.armLoop(again);
        assertTrue(session.loopArmed());
        session.process(NO_INPUT, out, 64);
        assertEquals(1, session.loops());
        assertTrue(!session.loopArmed(), "the armed engine was used");
        assertEquals(again, session.engine(), "live changes now go to the engine that loops");
        for (int k = 48; k < 64; k++) assertEquals(k - 5, out[1][k], 0f, "after the fade, the ramp from its start");
        assertEquals(64, again.frame());
        session.shutdown();
    }

    /** Loops handed over on the audio thread, with another thread arming each next start, allocate nothing there. */
    @Test
    void loopingAllocatesNothingOnTheAudioThread() throws Exception {
        LiveSession session = new LiveSession(engine(1e-6), 1);
        session.configure(48000, 0, 2, 256);
        session.endAt(2048, true); // a loop every 8 callbacks
        float[][] out = new float[2][256];
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread arming = new Thread(() -> {
            try {
                while (!done.get()) {
                    if (!session.loopArmed()) session.armLoop(engine(1e-6));
                    Thread.sleep(1);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "arming");
        arming.start();
        AllocationMeter.warmUp(() -> session.process(NO_INPUT, out, 256), 3000, 100_000);
        long before = session.loops();
        long bytes = AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < 10_000; i++) {
                session.process(NO_INPUT, out, 256);
                if ((i & 7) == 7) { // give the arming thread its moment on a loaded machine (up to 1 s)
                    long deadline = System.nanoTime() + 1_000_000_000L;
                    while (!session.loopArmed() && System.nanoTime() < deadline) Thread.onSpinWait();
                }
            }
        });
        done.set(true);
        arming.join();
        session.shutdown();
        assertNull(failure.get());
        assertTrue(session.loops() - before >= 1000, "loops during the measured callbacks: " + (session.loops() - before));
        assertEquals(0, bytes, "bytes allocated by 10,000 callbacks looping every 8");
    }
}
