package dev.conch.processors.time;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delay: exact timing, geometric feedback, the loop split equal to process(), and loop problems in words. */
class DelayTest {
    private static final double SR = 48000;

    private static ProcessorHarness delay(int block, String... kv) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return ProcessorHarness.create(Delay.class, p, SR, block);
    }

    @Test
    void impulseComesOutAfterExactlyTimeTimesRate() {
        float[] y = delay(256, "time", "10").run("in", Signals.impulse(2000, 0), "out");
        for (int i = 0; i < y.length; i++) assertEquals(i == 480 ? 1f : 0f, y[i], 0f, "sample " + i);
    }

    @Test
    void fractionalDelayInterpolatesLinearly() {
        // 10.01 ms = 480.48 samples: the impulse is shared 0.52 / 0.48 between samples 480 and 481
        float[] y = delay(256, "time", "10.01").run("in", Signals.impulse(1000, 0), "out");
        assertEquals(0.52, y[480], 1e-6);
        assertEquals(0.48, y[481], 1e-6);
        assertEquals(0, Signals.maxAbs(Arrays.copyOf(y, 480)), 0);
    }

    @Test
    void feedbackDecaysGeometrically() {
        float[] y = delay(100, "time", "5", "feedback", "0.6", "dry", "0.5").run("in", Signals.impulse(3000, 0), "out");
        assertEquals(0.5, y[0], 0f);   // dry
        for (int k = 1; k * 240 < y.length; k++) {
            assertEquals(Math.pow(0.6, k - 1), y[k * 240], 1e-6, "echo " + k);
            assertEquals(0, y[k * 240 + 1], 0f);
        }
    }

    @Test
    void emitAndAbsorbGiveWhatProcessGives() {
        float[] x = Signals.noise(20000, 5, 1);
        ProcessorHarness whole = delay(256, "time", "7", "feedback", "0.7", "wet", "0.8");
        ProcessorHarness split = delay(256, "time", "7", "feedback", "0.7", "wet", "0.8");
        Delay d = (Delay) split.processor();
        assertNull(d.closeLoop(SR, 256));
        float[] a = new float[x.length], b = new float[x.length];
        for (int done = 0; done < x.length; done += 256) {
            if (done == 8192) {   // a live change of time and feedback lands on both alike
                whole.set("time", 9.5);
                split.set("time", 9.5);
                whole.set("feedback", 0.3);
                split.set("feedback", 0.3);
            }
            System.arraycopy(x, done, whole.in("in"), 0, Math.min(256, x.length - done));
            System.arraycopy(x, done, split.in("in"), 0, Math.min(256, x.length - done));
            int n = Math.min(256, x.length - done);
            whole.process(n);
            d.emit(n);
            d.absorb(n);
            System.arraycopy(whole.out("out"), 0, a, done, n);
            System.arraycopy(split.out("out"), 0, b, done, n);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void loopProblemsAreSentences() {
        Delay shortDelay = (Delay) delay(512, "time", "2").processor();
        assertEquals("its delay of 2 ms (96 samples) is shorter than the loop's lead of 512 samples (10.67 ms, what the"
                + " loop's other nodes may compute ahead): raise time", shortDelay.closeLoop(SR, 512));
        Delay wetDry = (Delay) delay(512, "time", "100", "dry", "0.5").processor();
        assertEquals("it mixes its dry input into the output, which a loop cannot compute: set dry to 0 and mix the dry"
                + " signal with a Mixer", wetDry.closeLoop(SR, 512));
        assertNull(((Delay) delay(512, "time", "100").processor()).closeLoop(SR, 512));
        assertNull(((Delay) delay(512, "time", "2").processor()).closeLoop(SR, 96));
    }

    @Test
    void timeLongerThanMaxtimeIsReported() {
        ProcessorRegistry.Created c = ProcessorRegistry.of(Delay.class)
                .create("Delay", Map.of("time", "3000", "maxtime", "2000"));
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).message().contains("raise maxtime"), c.problems().get(0).message());
    }

    @Test
    void sameOutputAtAnyBlockSizeWithModulatedTime() {
        float[] x = Signals.noise(30000, 6, 1);
        float[] ref = null;
        for (int block : new int[]{1, 64, 1000}) {
            ProcessorHarness h = delay(block, "time", "3", "feedback", "0.5", "dry", "0.3");
            float[] y = new float[x.length];
            System.arraycopy(h.run("in", Arrays.copyOf(x, 10000), "out"), 0, y, 0, 10000);
            h.set("time", 0.01);   // below one sample: held at 1 sample
            System.arraycopy(h.run("in", Arrays.copyOfRange(x, 10000, x.length), "out"), 0, y, 10000, x.length - 10000);
            if (ref == null) ref = y;
            else assertArrayEquals(ref, y, "block " + block);
        }
    }

    @Test
    void resetEmptiesTheLine() {
        ProcessorHarness h = delay(128, "time", "1", "feedback", "0.9");
        float[] x = Signals.noise(2000, 7, 1);
        float[] first = h.run("in", x, "out");
        h.processor().reset();
        assertArrayEquals(first, h.run("in", x, "out"));
    }
}
