package dev.conch.processors.mix;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mixer: declared inputs, exact sums, gains in dB, silent unconnected inputs, rejected gains for absent inputs. */
class MixerTest {
    private static final double SR = 48000;
    private static final int N = 2000;

    private static float[] mix(ProcessorHarness h, float[]... xs) {
        float[] y = new float[N];
        for (int done = 0; done < N; ) {
            int n = Math.min(h.maxFirings(), N - done);
            for (int k = 0; k < xs.length; k++) {
                if (h.processor().input("in" + (k + 1)).connected()) System.arraycopy(xs[k], done, h.in("in" + (k + 1)), 0, n);
            }
            h.process(n);
            System.arraycopy(h.out("out"), 0, y, done, n);
            done += n;
        }
        return y;
    }

    @Test
    void declaresExactlyTheRequestedInputs() {
        ProcessorHarness h = ProcessorHarness.create(Mixer.class, Map.of("inputs", "5"), SR, 64);
        assertEquals(5, h.processor().inputs().size());
        assertNotNull(h.processor().input("in5"));
        assertNull(h.processor().input("in6"));
        assertNotNull(h.processor().param("gain5"));
        assertNull(h.processor().param("gain6"));
    }

    @Test
    void unityGainsSumExactly() {
        float[] a = Signals.noise(N, 1, 1), b = Signals.noise(N, 2, 1), c = Signals.noise(N, 3, 1);
        float[] y = mix(ProcessorHarness.create(Mixer.class, Map.of("inputs", "3"), SR, 128), a, b, c);
        for (int i = 0; i < N; i++) assertEquals(a[i] + b[i] + c[i], y[i], 0.0f, "sample " + i);
    }

    @Test
    void gainsAndMasterInDb() {
        float[] a = Signals.noise(N, 4, 1), b = Signals.noise(N, 5, 1), c = Signals.noise(N, 6, 1);
        ProcessorHarness h = ProcessorHarness.create(Mixer.class,
                Map.of("inputs", "3", "gain1", "-6", "gain2", "3.5", "gain3", "-120", "master", "-2"), SR, 100);
        float[] y = mix(h, a, b, c);
        double g1 = 0.501187, g2 = Math.pow(10, 3.5 / 20), g3 = 1e-6, m = Math.pow(10, -2.0 / 20);
        for (int i = 0; i < N; i++) assertEquals(m * (g1 * a[i] + g2 * b[i] + g3 * c[i]), y[i], 2e-6, "sample " + i);
    }

    @Test
    void unconnectedInputIsSilent() {
        float[] a = Signals.noise(N, 7, 1), b = Signals.noise(N, 8, 1);
        ProcessorHarness h = ProcessorHarness.create(Mixer.class, Map.of("gain1", "-6"), SR, 256).disconnect("in2");
        float[] y = mix(h, a, b);
        for (int i = 0; i < N; i++) assertEquals(a[i] * 0.501187, y[i], 1e-6);
    }

    @Test
    void gainForAnInputTheMixerLacksIsReported() {
        ProcessorRegistry.Created c = ProcessorRegistry.of(Mixer.class).create("Mixer", Map.of("inputs", "2", "gain5", "-3"));
        assertEquals(1, c.problems().size());
        String message = c.problems().get(0).message();
        assertTrue(message.contains("no parameter 'gain5'") && message.contains("gain1, gain2"), message);
        assertEquals("gain5", c.problems().get(0).param());
        // params declared in configure() are settable from the file, like any other
        assertTrue(ProcessorRegistry.of(Mixer.class).create("Mixer", Map.of("inputs", "5", "gain5", "-3")).problems().isEmpty());
    }

    @Test
    void sameOutputAtAnyBlockSizeWithRamps() {
        float[] a = Signals.noise(N, 9, 1), b = Signals.noise(N, 10, 1);
        float[] ref = null;
        for (int block : new int[]{1, 64, 1000}) {
            ProcessorHarness h = ProcessorHarness.create(Mixer.class, Map.of(), SR, block);
            h.set("gain1", -12);
            h.set("master", 6);
            float[] y = mix(h, a, b);
            if (ref == null) ref = y;
            else assertArrayEquals(ref, y, "block " + block);
        }
    }
}
