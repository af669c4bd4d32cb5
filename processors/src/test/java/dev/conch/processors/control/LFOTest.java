package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.conch.processors.control.ControlTesting.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LFO against the definitions: frequency from rising zero crossings of the rendered stream, depth and offset from
 * its extremes, initial phase, the sample-and-hold draws against the JDK's SplittableRandom (which runs the same
 * SplitMix64 from the same seed), and the same output at any block size.
 */
class LFOTest {
    private static final String[] PERIODIC = {"sine", "triangle", "saw", "square"};

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private static float[] lfo(Map<String, String> p, int frames) {
        return ControlTesting.render(LFO.class, p, frames, 512);
    }

    private static double measuredFrequency(float[] y) {
        return Signals.zeroCrossingFrequency(y, 0, y.length, SR);
    }

    @Test
    void frequencyMeasuredFromZeroCrossingsIsWithinAThousandth() {
        double worst = 0;
        for (String wave : PERIODIC) {
            for (double f : new double[]{0.5, 3.7, 40, 100}) {
                int frames = (int) (SR * Math.max(2, 20 / f));   // at least 20 cycles
                float[] y = lfo(params("waveform", wave, "rate", Double.toString(f)), frames);
                double error = Math.abs(measuredFrequency(y) / f - 1);
                worst = Math.max(worst, error);
                assertTrue(error < 1e-3, wave + " at " + f + " Hz measured " + measuredFrequency(y) + " Hz");
            }
        }
        // the phase comes from a sample count, so the only error left is the interpolation of the crossings
        assertTrue(worst < 1e-5, "worst relative frequency error " + worst);
    }

    @Test
    void tempoSyncGivesOneCycleEveryBeatsBeatsAndIgnoresRate() {
        for (double[] tb : new double[][]{{150, 0.5}, {93, 4}, {120, 0.25}}) {
            double expected = tb[0] / 60 / tb[1];
            int frames = (int) (SR * Math.max(2, 20 / expected));
            float[] y = lfo(params("sync", "true", "tempo", Double.toString(tb[0]), "beats", Double.toString(tb[1]),
                    "rate", "77"), frames);
            double error = Math.abs(measuredFrequency(y) / expected - 1);
            assertTrue(error < 1e-3, tb[0] + " BPM, " + tb[1] + " beats: measured " + measuredFrequency(y)
                    + " Hz, expected " + expected);
        }
    }

    @Test
    void depthAndOffsetSetTheExtremes() {
        for (String wave : PERIODIC) {
            float[] y = lfo(params("waveform", wave, "rate", "1", "depth", "0.3", "offset", "2"), (int) SR * 3);
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
            for (float v : y) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            // the sampled extremes of a 1 Hz wave are within one sample's step (4 · 0.3 / 48000) of the true ones
            assertEquals(1.7, min, 3e-5, wave + " minimum");
            assertEquals(2.3, max, 3e-5, wave + " maximum");
            assertEquals(2.0, Signals.mean(y, 0, (int) SR * 3), 1e-4, wave + " mean over whole cycles");
        }
    }

    @Test
    void phaseSetsTheFirstValue() {
        assertEquals(1, lfo(params("waveform", "sine", "phase", "0.25"), 4)[0], 1e-7);
        assertEquals(0, lfo(params("waveform", "sine", "phase", "0"), 4)[0], 0);
        assertEquals(-1, lfo(params("waveform", "square", "phase", "0.5"), 4)[0], 0);
        assertEquals(0.5, lfo(params("waveform", "saw", "phase", "0.75"), 4)[0], 1e-7);
        assertEquals(1, lfo(params("waveform", "triangle", "phase", "0.5"), 4)[0], 1e-7);
        // the sine's samples are sin(2π(φ0 + n f / SR)), exactly as the definition says
        float[] y = lfo(params("waveform", "sine", "phase", "0.1", "rate", "7.3", "depth", "0.5"), 48000);
        for (int n = 0; n < y.length; n++) {
            assertEquals(0.5 * Math.sin(2 * Math.PI * (0.1 + n * 7.3 / SR)), y[n], 1e-6, "sample " + n);
        }
    }

    @Test
    void sampleAndHoldDrawsSplitMix64ValuesOncePerCycle() {
        long seed = 1234567;
        int period = 4000;   // 12 Hz at 48 kHz
        float[] y = lfo(params("waveform", "random", "rate", "12", "seed", Long.toString(seed),
                "depth", "0.5", "offset", "3"), period * 200);
        SplittableRandom reference = new SplittableRandom(seed);   // the JDK's SplitMix64: same gamma, same mixer
        int changes = 0;
        for (int c = 0; c < 200; c++) {
            double drawn = 2 * ((reference.nextLong() >>> 11) * 0x1.0p-53) - 1;
            // away from the cycle's edges (where the wrap may fall a sample either side of c · period)
            for (int i = c * period + 2; i < (c + 1) * period - 2; i++) {
                assertEquals((float) (3 + 0.5 * drawn), y[i], 0, "cycle " + c + " sample " + i);
            }
        }
        for (int i = 1; i < y.length; i++) {
            if (y[i] != y[i - 1]) {
                changes++;
                int distance = Math.abs(i - Math.round(i / (float) period) * period);
                assertTrue(distance <= 1, "value changed at sample " + i + ", not at a cycle boundary");
            }
        }
        assertEquals(199, changes);
    }

    @Test
    void sampleAndHoldValuesAreUniformOnTheirRange() {
        int period = 480;   // 100 Hz
        float[] y = lfo(params("waveform", "random", "rate", "100", "seed", "99"), period * 4000);
        double sum = 0, sumSq = 0, min = 1, max = -1;
        for (int c = 0; c < 4000; c++) {
            double v = y[c * period + period / 2];
            sum += v;
            sumSq += v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / 4000, variance = sumSq / 4000 - mean * mean;
        assertEquals(0, mean, 0.04, "mean of uniform [-1, 1)");          // σ of the mean: 0.009
        assertEquals(1.0 / 3, variance, 0.03, "variance of uniform [-1, 1)");
        assertTrue(min >= -1 && max < 1 && min < -0.99 && max > 0.99, "range " + min + " .. " + max);
    }

    @Test
    void seedsGiveRepeatableDifferentSequences() {
        Map<String, String> a = params("waveform", "random", "rate", "50", "seed", "7");
        Map<String, String> b = params("waveform", "random", "rate", "50", "seed", "8");
        float[] ya = lfo(a, 48000);
        assertArrayEquals(ya, lfo(a, 48000));
        assertFalse(java.util.Arrays.equals(ya, lfo(b, 48000)));
    }

    @Test
    void outputIsBitIdenticalAtBlockSizes1And64And997EvenWithLiveChanges() {
        for (String wave : new String[]{"sine", "triangle", "saw", "square", "random"}) {
            for (boolean sync : new boolean[]{false, true}) {
                Map<String, String> p = params("waveform", wave, "rate", "13.3", "depth", "2", "offset", "-1",
                        "sync", Boolean.toString(sync), "tempo", "133", "beats", "0.25", "seed", "5", "phase", "0.3");
                float[] reference = null;
                for (int block : new int[]{1, 64, 997}) {
                    ProcessorHarness h = ControlTesting.harness(LFO.class, p, block);
                    // live changes in the middle: a rate/tempo glide and a depth glide, at sample 30,001
                    float[] y = ControlTesting.run(h, null, null, 96000, block, 30001, x -> {
                        x.set("rate", 2.5);
                        x.set("tempo", 61);
                        x.set("depth", 0.5);
                    });
                    if (reference == null) reference = y;
                    else assertArrayEquals(reference, y, wave + " sync=" + sync + " at block " + block);
                }
            }
        }
    }

    @Test
    void aRateChangeGlidesWithoutAJumpAndKeepsThePhaseContinuous() {
        ProcessorHarness h = ControlTesting.harness(LFO.class, params("rate", "2"), 256);
        float[] y = ControlTesting.run(h, null, null, 96000, 256, 24000, x -> x.set("rate", 50));
        double biggest = 0;
        for (int i = 1; i < y.length; i++) biggest = Math.max(biggest, Math.abs(y[i] - y[i - 1]));
        // at 50 Hz a sine moves at most 2π · 50 / 48000 ≈ 0.0065 per sample: anything larger is a discontinuity
        assertTrue(biggest < 2 * Math.PI * 50 / SR + 1e-6, "largest step " + biggest);
        // after the 20 ms glide it runs at exactly 50 Hz
        float[] tail = java.util.Arrays.copyOfRange(y, 48000, 96000);
        assertEquals(50, measuredFrequency(tail), 50e-5);
    }

    @Test
    void rateStaysInHertzWhenEachFiringIsAHop() {
        // driving a spectral node of hop 256 at 48 kHz: 187.5 firings per second
        ProcessorHarness h = ControlTesting.harness(LFO.class, params("rate", "1.5"), 64);
        h.processor().prepare(new ProcessContext(SR, 64, 64, 256));
        float[] y = h.render("out", 187 * 20);
        assertEquals(1.5, Signals.zeroCrossingFrequency(y, 0, y.length, SR / 256), 1.5e-4);
    }

    @Test
    void allocatesNothingWhileRunning() {
        for (String wave : new String[]{"sine", "random"}) {
            ProcessorHarness h = ControlTesting.harness(LFO.class, params("waveform", wave, "rate", "30"), 256);
            h.set("rate", 31);   // a glide in progress keeps the per-sample path busy for a while
            assertEquals(0, ControlTesting.bytesPer10000Calls(h, 256), wave);
        }
    }
}
