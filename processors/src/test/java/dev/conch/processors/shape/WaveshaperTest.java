package dev.conch.processors.shape;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waveshaper: curves against their formulas, the table, oversampling against aliasing, and declared latency.
 *
 * <p>Aliasing: a 5 kHz sine at drive 10 through tanh, 48 kHz. Over one second after the start (5000 whole cycles,
 * periodic in the window) harmonics sit at 5, 10, 15, 20 kHz; the power in every other bin is aliasing
 * (total - DC - harmonics, Parseval). Measured, relative to the output's power: 1× -12.9 dB, 2× -26.8 dB,
 * 4× -34.1 dB (asserted: 2× at least 10 dB below 1×, 4× at least 5 dB below 2×). tanh(10·sin) is nearly a
 * square wave whose harmonics fall only as 1/k, so even at 4× those above 96 kHz fold back into the band: the
 * remaining aliasing is the oversampling factor's limit, not the filters'.
 */
class WaveshaperTest {
    private static final double SR = 48000;

    private static ProcessorHarness shaper(int block, String... kv) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return ProcessorHarness.create(Waveshaper.class, p, SR, block);
    }

    private static float[] ramp(int n, double from, double to) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (from + (to - from) * i / (n - 1));
        return x;
    }

    @Test
    void curvesMatchTheirFormulasWithDriveBiasMixAndOutput() {
        Map<String, DoubleUnaryOperator> curves = new HashMap<>();
        curves.put("tanh", Math::tanh);
        curves.put("atan", v -> 2 / Math.PI * Math.atan(Math.PI / 2 * v));
        curves.put("hardclip", v -> Math.max(-1, Math.min(1, v)));
        curves.put("cubic", v -> Math.abs(v) >= 1 ? Math.signum(v) : 1.5 * (v - v * v * v / 3));
        curves.put("foldback", v -> {   // reflect at ±1 until inside, step by step
            double u = v;
            while (u > 1 || u < -1) u = u > 1 ? 2 - u : -2 - u;
            return u;
        });
        double d = 2.5, b = 0.2, m = 0.7, o = Math.pow(10, -3.0 / 20);
        float[] x = ramp(4001, -1.5, 1.5);
        for (Map.Entry<String, DoubleUnaryOperator> e : curves.entrySet()) {
            DoubleUnaryOperator f = e.getValue();
            float[] y = shaper(500, "curve", e.getKey(), "drive", "2.5", "bias", "0.2", "mix", "0.7", "output", "-3")
                    .run("in", x, "out");
            for (int i = 0; i < x.length; i++) {
                double expected = o * (m * (f.applyAsDouble(d * x[i] + b) - f.applyAsDouble(b)) + (1 - m) * x[i]);
                assertEquals(expected, y[i], 1e-6, e.getKey() + " at x = " + x[i]);
            }
        }
    }

    @Test
    void silenceStaysSilentWhateverTheBias() {
        for (String curve : new String[]{"tanh", "atan", "hardclip", "cubic", "foldback"}) {
            float[] y = shaper(64, "curve", curve, "bias", "0.7", "drive", "20", "oversample", "4").run("in", new float[500], "out");
            assertEquals(0, Signals.maxAbs(y), 1e-12, curve);
        }
    }

    @Test
    void tableInterpolatesLinearlyAndHoldsItsEnds() {
        float[] x = {-1f, -0.5f, 0f, 0.25f, 0.5f, 0.75f, 1f, 0.9f};
        ProcessorHarness h = shaper(8, "curve", "table", "table", "-1:-0.5 0:0 0.5:0.9 1:1");
        float[] y = h.run("in", x, "out");
        double[] expected = {-0.5, -0.25, 0, 0.45, 0.9, 0.95, 1, 0.98};
        for (int i = 0; i < x.length; i++) assertEquals(expected[i], y[i], 1e-6, "x = " + x[i]);
        // drive 2 pushes 0.9 to 1.8 and -0.75 to -1.5: outside the table, its end values hold
        float[] z = shaper(2, "curve", "table", "table", "-1:-0.5 0:0 0.5:0.9 1:1", "drive", "2")
                .run("in", new float[]{0.9f, -0.75f}, "out");
        assertEquals(1, z[0], 1e-6);
        assertEquals(-0.5, z[1], 1e-6);
    }

    @Test
    void malformedTablesAreExplained() {
        ProcessorRegistry r = ProcessorRegistry.of(Waveshaper.class);
        String[][] cases = {
                {"-1:-1 0:zero 1:1", "point 2 '0:zero' is not of the form x:y"},
                {"0.5:0 0:1", "x values must ascend"},
                {"-2:0 1:1", "x outside -1 to 1"},
                {"0:0", "at least two points"},
        };
        for (String[] c : cases) {
            var created = r.create("Waveshaper", Map.of("curve", "table", "table", c[0]));
            assertEquals(1, created.problems().size(), c[0]);
            String message = created.problems().get(0).message();
            assertTrue(message.contains(c[1]), message);
        }
    }

    @Test
    void oversamplingReducesAliasing() {
        double[] alias = new double[3];
        int[] factors = {1, 2, 4};
        for (int k = 0; k < 3; k++) {
            int skip = 4800, n = (int) SR;
            float[] x = Signals.sine(skip + n, 5000, SR, 1);
            float[] y = shaper(512, "curve", "tanh", "drive", "10", "oversample", Integer.toString(factors[k]))
                    .run("in", x, "out");
            float[] w = Arrays.copyOfRange(y, skip, skip + n);
            double total = Signals.power(w, 0, n);
            double rest = total - Signals.binPower(w, 0, n, 0);
            for (int h = 1; h * 5000 < SR / 2; h++) rest -= Signals.binPower(w, 0, n, h * 5000L);
            alias[k] = Signals.dbPower(rest / total);
        }
        System.out.printf("tanh drive 10 on 5 kHz: alias power 1x %.1f dB, 2x %.1f dB, 4x %.1f dB%n", alias[0], alias[1], alias[2]);
        assertTrue(alias[1] < alias[0] - 10, "2x: " + alias[1] + " dB vs 1x " + alias[0]);
        assertTrue(alias[2] < alias[1] - 5, "4x: " + alias[2] + " dB vs 2x " + alias[1]);
    }

    @Test
    void declaredLatencyIsTheMeasuredDelay() {
        assertEquals(0, shaper(64).processor().latency());
        for (String factor : new String[]{"2", "4"}) {
            ProcessorHarness h = shaper(64, "curve", "hardclip", "oversample", factor);
            int latency = h.processor().latency();
            assertTrue(latency > 0);
            // an impulse in the linear range comes out centred on the latency
            float[] y = h.run("in", Arrays.copyOf(new float[]{0.5f}, 400), "out");
            assertEquals(latency, Signals.peakIndex(y), factor + "x impulse peak");
            // and a 1 kHz sine comes out as the same sine, delayed by exactly the latency
            ProcessorHarness s = shaper(64, "curve", "hardclip", "oversample", factor);
            float[] x = Signals.sine(4000, 1000, SR, 0.5);
            float[] z = s.run("in", x, "out");
            for (int i = 1000; i < 4000; i++) assertEquals(x[i - latency], z[i], 1e-4, factor + "x sample " + i);
        }
    }

    @Test
    void sameOutputAtAnyBlockSizeWithRamps() {
        float[] x = Signals.sine(12000, 440, SR, 0.9);
        for (String factor : new String[]{"1", "4"}) {
            float[] ref = null;
            for (int block : new int[]{1, 64, 1000}) {
                ProcessorHarness h = shaper(block, "curve", "atan", "oversample", factor);
                float[] y = new float[x.length];
                System.arraycopy(h.run("in", Arrays.copyOf(x, 3000), "out"), 0, y, 0, 3000);
                h.set("drive", 30);
                h.set("bias", -0.3);
                h.set("mix", 0.4);
                h.set("output", -6);
                System.arraycopy(h.run("in", Arrays.copyOfRange(x, 3000, x.length), "out"), 0, y, 3000, x.length - 3000);
                if (ref == null) ref = y;
                else assertArrayEquals(ref, y, factor + "x at block " + block);
            }
        }
    }

    @Test
    void resetClearsTheOversamplingFilters() {
        ProcessorHarness h = shaper(100, "oversample", "2", "drive", "5");
        float[] x = Signals.noise(1000, 9, 1);
        float[] first = h.run("in", x, "out");
        h.processor().reset();
        assertArrayEquals(first, h.run("in", x, "out"));
    }
}
