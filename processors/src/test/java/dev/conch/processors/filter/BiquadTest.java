package dev.conch.processors.filter;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Biquad against the Audio EQ Cookbook: gains are measured by feeding a sine and fitting the steady-state output
 * amplitude, and compared with |H(e^jω)| of the cookbook's direct-form coefficients computed here. Measured:
 * lowpass Q 0.7071 at cutoff -3.0104 dB; 12.10 dB between 4× and 8× cutoff (250 Hz: 1 and 2 kHz); worst
 * deviation from the cookbook over all types and probes below 0.00001 dB (asserted ±0.1 dB). Under sweeps of
 * the cutoff from 20 Hz to 20 kHz every 5 ms at Q 40 the output stays finite and bounded and dies away after.
 */
class BiquadTest {
    private static final double SR = 48000;
    private static final String[] TYPES = {"lowpass", "highpass", "bandpass", "notch", "peak", "lowshelf", "highshelf"};

    private static ProcessorHarness biquad(String type, double f, double q, double gain, int block) {
        Map<String, String> p = new HashMap<>();
        p.put("type", type);
        p.put("frequency", Double.toString(f));
        p.put("q", Double.toString(q));
        p.put("gain", Double.toString(gain));
        return ProcessorHarness.create(Biquad.class, p, SR, block);
    }

    /** Steady-state gain in dB at {@code f}: 1 s to settle, then a least-squares sine fit over 0.5 s. */
    private static double measuredDb(ProcessorHarness h, double f) {
        float[] x = Signals.sine((int) (1.5 * SR), f, SR, 1);
        float[] y = h.run("in", x, "out");
        int from = (int) SR, len = (int) (0.5 * SR);
        return Signals.db(Signals.sineAmplitude(y, from, len, f, SR) / Signals.sineAmplitude(x, from, len, f, SR));
    }

    /** |H(e^jω)| in dB from the cookbook's formulas (Q form for the shelves). */
    static double cookbookDb(String type, double f0, double q, double gainDb, double f) {
        double w0 = 2 * Math.PI * f0 / SR, cos = Math.cos(w0), sin = Math.sin(w0), alpha = sin / (2 * q);
        double a = Math.pow(10, gainDb / 40), sq = 2 * Math.sqrt(a) * alpha;
        double b0, b1, b2, a0, a1, a2;
        switch (type) {
            case "lowpass" -> { b0 = (1 - cos) / 2; b1 = 1 - cos; b2 = (1 - cos) / 2; a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha; }
            case "highpass" -> { b0 = (1 + cos) / 2; b1 = -(1 + cos); b2 = (1 + cos) / 2; a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha; }
            case "bandpass" -> { b0 = alpha; b1 = 0; b2 = -alpha; a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha; }
            case "notch" -> { b0 = 1; b1 = -2 * cos; b2 = 1; a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha; }
            case "peak" -> { b0 = 1 + alpha * a; b1 = -2 * cos; b2 = 1 - alpha * a; a0 = 1 + alpha / a; a1 = -2 * cos; a2 = 1 - alpha / a; }
            case "lowshelf" -> {
                b0 = a * ((a + 1) - (a - 1) * cos + sq); b1 = 2 * a * ((a - 1) - (a + 1) * cos); b2 = a * ((a + 1) - (a - 1) * cos - sq);
                a0 = (a + 1) + (a - 1) * cos + sq; a1 = -2 * ((a - 1) + (a + 1) * cos); a2 = (a + 1) + (a - 1) * cos - sq;
            }
            case "highshelf" -> {
                b0 = a * ((a + 1) + (a - 1) * cos + sq); b1 = -2 * a * ((a - 1) + (a + 1) * cos); b2 = a * ((a + 1) + (a - 1) * cos - sq);
                a0 = (a + 1) - (a - 1) * cos + sq; a1 = 2 * ((a - 1) - (a + 1) * cos); a2 = (a + 1) - (a - 1) * cos - sq;
            }
            default -> throw new IllegalArgumentException(type);
        }
        double w = 2 * Math.PI * f / SR;
        double nr = b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w), ni = -b1 * Math.sin(w) - b2 * Math.sin(2 * w);
        double dr = a0 + a1 * Math.cos(w) + a2 * Math.cos(2 * w), di = -a1 * Math.sin(w) - a2 * Math.sin(2 * w);
        return Signals.db(Math.hypot(nr, ni) / Math.hypot(dr, di));
    }

    @Test
    void butterworthLowpassIsMinus3dBAtCutoff() {
        double db = measuredDb(biquad("lowpass", 1000, 0.7071, 0, 512), 1000);
        System.out.printf("lowpass Q 0.7071 at cutoff: %.4f dB%n", db);
        assertEquals(-3.01, db, 0.05);
    }

    @Test
    void lowpassStopbandFalls12dBPerOctave() {
        double at4 = measuredDb(biquad("lowpass", 250, 0.7071, 0, 512), 1000);
        double at8 = measuredDb(biquad("lowpass", 250, 0.7071, 0, 512), 2000);
        System.out.printf("lowpass 250 Hz: %.2f dB at 1 kHz, %.2f dB at 2 kHz, slope %.2f dB/octave%n", at4, at8, at4 - at8);
        assertEquals(12, at4 - at8, 1);
    }

    @Test
    void everyTypeMatchesTheCookbookResponse() {
        double[][] settings = {{1000, 0.7071, 6}, {300, 2.5, -9}, {5000, 0.5, 12}};
        double[] probes = {50, 150, 300, 700, 1000, 1700, 3000, 5000, 8000, 12000, 17000};
        double worst = 0;
        for (String type : TYPES) {
            for (double[] s : settings) {
                for (double f : probes) {
                    double expected = cookbookDb(type, s[0], s[1], s[2], f);
                    if (expected < -60) continue;   // deep in a notch or stopband: float output resolution
                    double measured = measuredDb(biquad(type, s[0], s[1], s[2], 256), f);
                    worst = Math.max(worst, Math.abs(measured - expected));
                    assertEquals(expected, measured, 0.1,
                            type + " f0=" + s[0] + " Q=" + s[1] + " gain=" + s[2] + " at " + f + " Hz");
                }
            }
        }
        System.out.printf("all types: worst deviation from the cookbook %.5f dB%n", worst);
    }

    @Test
    void fastCutoffSweepsStayStable() {
        float[] noise = Signals.noise((int) SR, 11, 1);
        for (String type : TYPES) {
            ProcessorHarness h = biquad(type, 1000, 40, 48, 64);
            // retarget every 5 ms between 20 Hz and 20 kHz: the 20 ms smoothing never settles, so the cutoff
            // sweeps across the whole range, changing every sample, for 4 seconds
            double peak = 0;
            for (int k = 0; k < 800; k++) {
                h.set("frequency", k % 2 == 0 ? 20000 : 20);
                float[] y = h.run("in", Arrays.copyOfRange(noise, (k % 190) * 240, (k % 190) * 240 + 240), "out");
                assertTrue(Signals.allFinite(y), type + ": output not finite");
                peak = Math.max(peak, Signals.maxAbs(y));
            }
            assertTrue(peak < 1e4, type + ": output reached " + peak);
            // then silence at a fixed cutoff: the state must die away (the +48 dB peak at Q 40 has poles with
            // Q·A = 634, a time constant of 0.2 s at 1 kHz: hence 5 s)
            h.set("frequency", 1000);
            float[] tail = h.run("in", new float[(int) (5 * SR)], "out");
            double rest = Signals.maxAbs(Arrays.copyOfRange(tail, tail.length - 4800, tail.length));
            assertTrue(rest < 1e-6, type + ": still " + rest + " after 5 s of silence");
        }
    }

    @Test
    void sameOutputAtAnyBlockSizeWithModulation() {
        float[] x = Signals.noise(20000, 12, 1);
        for (String type : TYPES) {
            float[] ref = null;
            for (int block : new int[]{1, 64, 1000}) {
                ProcessorHarness h = biquad(type, 500, 3, 6, block);
                float[] y = new float[x.length];
                System.arraycopy(h.run("in", Arrays.copyOf(x, 5000), "out"), 0, y, 0, 5000);
                h.set("frequency", 8000);
                h.set("q", 0.5);
                h.set("gain", -12);
                System.arraycopy(h.run("in", Arrays.copyOfRange(x, 5000, x.length), "out"), 0, y, 5000, x.length - 5000);
                if (ref == null) ref = y;
                else assertArrayEquals(ref, y, type + " at block " + block);
            }
        }
    }

    /**
     * A node filtering N channels gives each channel the bits a node of its own gives it (the channels go two by two
     * through one loop when the params are steady, and share each sample's coefficients while they move): 1 to 5
     * channels, every type, blocks 1, 97 and 1000, the params steady and then gliding.
     */
    @Test
    void eachChannelOfAMultiChannelNodeIsTheMonoNodesBits() {
        for (String type : TYPES) {
            for (int channels = 2; channels <= 5; channels++) {
                for (int block : new int[] {1, 97, 1000}) {
                    Map<String, String> p = new HashMap<>(Map.of("type", type, "frequency", "700", "q", "2", "gain", "5"));
                    p.put("channels", Integer.toString(channels));
                    ProcessorHarness many = ProcessorHarness.create(Biquad.class, p, SR, block);
                    float[][] x = new float[channels][];
                    float[][] y = new float[channels][6000];
                    for (int c = 0; c < channels; c++) x[c] = Signals.noise(6000, 100 + c, 1);
                    for (int done = 0; done < 6000; ) {
                        int n = Math.min(block, 6000 - done);
                        if (done == 3000 - 3000 % block) {
                            many.set("frequency", 9000); // from here the params glide
                            many.set("q", 0.6);
                        }
                        for (int c = 0; c < channels; c++) System.arraycopy(x[c], done, many.in("in" + (c + 1)), 0, n);
                        many.process(n);
                        for (int c = 0; c < channels; c++) System.arraycopy(many.out("out" + (c + 1)), 0, y[c], done, n);
                        done += n;
                    }
                    for (int c = 0; c < channels; c++) {
                        ProcessorHarness one = biquad(type, 700, 2, 5, block);
                        float[] alone = new float[6000];
                        int change = 3000 - 3000 % block;
                        System.arraycopy(one.run("in", Arrays.copyOf(x[c], change), "out"), 0, alone, 0, change);
                        one.set("frequency", 9000);
                        one.set("q", 0.6);
                        System.arraycopy(one.run("in", Arrays.copyOfRange(x[c], change, 6000), "out"), 0, alone, change,
                                6000 - change);
                        assertArrayEquals(alone, y[c], type + ", channel " + (c + 1) + " of " + channels + ", block " + block);
                        assertTrue(Math.abs(alone[5999]) > 0, "a guard: the filter passes something");
                    }
                }
            }
        }
    }

    /**
     * A ringing tail decays through the flush threshold (1e-30) to exact zero at the same frames at any block size
     * (a flush counted from a block's start would not). The tail's last non-zero floats (around 1e-31, far below
     * hearing) are compared bit for bit, and the states do reach zero. (Flushing every 64th frame instead of every
     * sample was tried: no gain measured, P1's Biquad is at its recursion's limit either way.)
     */
    @Test
    void theTailReachesZeroAtTheSameFramesAtAnyBlockSize() {
        float[] x = new float[30_000];
        x[0] = 1;
        float[] ref = null;
        for (int block : new int[] {1, 63, 64, 65, 4096}) {
            float[] y = biquad("highpass", 8000, 0.6, 0, block).run("in", x, "out");
            int last = y.length - 1;
            while (last >= 0 && y[last] == 0) last--;
            assertTrue(last > 20 && last < y.length - 1000, "the tail ends in exact zeros, at " + last);
            assertTrue(Math.abs(y[last]) < 1e-28, "its last sample is below the threshold: " + y[last]);
            if (ref == null) ref = y;
            else assertArrayEquals(ref, y, "block " + block);
        }
    }

    @Test
    void resetClearsTheState() {
        float[] x = Signals.noise(3000, 13, 1);
        ProcessorHarness h = biquad("lowpass", 300, 8, 0, 500);
        float[] first = h.run("in", x, "out");
        h.processor().reset();
        assertArrayEquals(first, h.run("in", x, "out"));
    }
}
