package dev.conch.processors.shape;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;

/**
 * Static nonlinearity with drive, bias, dry/wet mix and optional oversampling.
 *
 * <p>Per sample, with d = drive, b = bias, o = 10^(output/20), m = mix:
 * y = o · (m · (f(d·x + b) - f(b)) + (1 - m) · x). Subtracting f(b) keeps silence silent (no DC step from bias).
 * Curves, each with f(0) = 0 and reaching ±1 (so drive 1 on a full-scale input is a gentle, sensible setting):
 * <ul>
 *   <li>tanh: f(v) = tanh(v), by {@link FastTanh} (within 1e-6)</li>
 *   <li>atan: f(v) = (2/π) · atan(π/2 · v) (slope 1 at 0, tends to ±1)</li>
 *   <li>hardclip: f(v) = max(-1, min(1, v))</li>
 *   <li>cubic: f(v) = 1.5 · (v - v³/3) for |v| ≤ 1, sign(v) beyond (smooth soft clip, slope 1.5 at 0)</li>
 *   <li>foldback: f(v) = 1 - |((v + 1) mod 4) - 2| (v folded back into [-1, 1] at ±1, like a triangle)</li>
 *   <li>table: linear interpolation through the points of {@code table} ("x:y x:y ...", x ascending in
 *       [-1, 1]), holding the first/last y outside them</li>
 * </ul>
 * With oversample 2 or 4, the input is upsampled, shaped (dry path included, so dry and wet stay aligned) and
 * decimated by {@link Oversampler}; this adds {@link #latency()} samples of delay. Params are read once per
 * base-rate sample.
 */
@ProcessorInfo(name = "Waveshaper", category = "Shapers",
        description = "Distortion by a static curve (tanh, atan, hardclip, cubic, foldback or a table), oversampled.")
public final class Waveshaper extends Processor {
    private static final int TANH = 0, ATAN = 1, HARDCLIP = 2, CUBIC = 3, FOLDBACK = 4, TABLE = 5;
    /** half-length of the oversampling filter in base samples: its latency is twice this */
    static final int HALF_TAPS = 24;

    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "shaped signal");
    private final Param curve = param(ParamSpec.choice("curve", "tanh", "tanh", "atan", "hardclip", "cubic", "foldback", "table")
            .describe("transfer curve"));
    private final Param drive = param(ParamSpec.number("drive", "", 0.1, 100, 1).perSample().smoothed(20)
            .describe("linear gain into the curve"));
    private final Param bias = param(ParamSpec.number("bias", "", -1, 1, 0).perSample().smoothed(20)
            .describe("offset added before the curve (asymmetry, even harmonics)"));
    private final Param output = param(ParamSpec.number("output", "dB", -60, 24, 0).perSample().smoothed(20)
            .describe("level after the curve"));
    private final Param mix = param(ParamSpec.number("mix", "", 0, 1, 1).perSample().smoothed(20)
            .describe("0: dry only, 1: shaped only"));
    private final Param table = param(ParamSpec.text("table", "-1:-1 1:1")
            .describe("points x:y of the table curve, x ascending in [-1, 1]"));
    private final Param oversample = param(ParamSpec.choice("oversample", "1", "1", "2", "4").asStructural()
            .describe("oversampling factor against aliasing (adds latency)"));

    private double[] tableX, tableY;
    private Oversampler oversampler;

    @Override
    protected void configure() {
        parseTable(table.text());
    }

    @Override
    public void prepare(ProcessContext ctx) {
        int factor = factor();
        oversampler = factor > 1 ? new Oversampler(factor, HALF_TAPS, ctx.maxFirings()) : null;
    }

    @Override
    public void reset() {
        if (oversampler != null) oversampler.reset();
    }

    @Override
    public int latency() {
        return factor() > 1 ? 2 * HALF_TAPS : 0;
    }

    private int factor() {
        return switch (oversample.choice()) {
            case 1 -> 2;
            case 2 -> 4;
            default -> 1;
        };
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        int c = curve.choice();
        boolean dSteady = drive.steady(), bSteady = bias.steady(), oSteady = output.steady(), mSteady = mix.steady();
        double d = drive.value(), b = bias.value(), m = mix.value();
        double o = Dsp.dbToGain(output.value());
        double fb = shape(c, b);
        Oversampler os = oversampler;
        if (os == null && c == TANH) {
            tanh(x, y, frames, dSteady && bSteady && oSteady && mSteady, d, b, o, m);
            return;
        }
        double[][] s = os == null ? null : os.up(x, frames);
        for (int i = 0; i < frames; i++) {
            if (!dSteady) d = drive.next();
            if (!bSteady) {
                b = bias.next();
                fb = shape(c, b);
            }
            if (!oSteady) o = Dsp.dbToGain(output.next());
            if (!mSteady) m = mix.next();
            if (s == null) {
                double xi = x[i];
                y[i] = (float) (o * (m * (shape(c, d * xi + b) - fb) + (1 - m) * xi));
            } else {
                for (double[] sp : s) {
                    double u = sp[i];
                    sp[i] = o * (m * (shape(c, d * u + b) - fb) + (1 - m) * u);
                }
            }
        }
        if (os != null) os.down(frames, y);
    }

    /**
     * tanh without oversampling, the common case, in float (see {@link FastTanh}): a block with no param moving is
     * one loop the JIT turns into SIMD code. Both loops do the same float arithmetic, so output does not depend on
     * which of them ran (or on the block size).
     */
    private void tanh(float[] x, float[] y, int frames, boolean steady, double d, double b, double o, double m) {
        float df = (float) d, bf = (float) b, of = (float) o, mf = (float) m, fb = FastTanh.tanh(bf);
        if (steady) {
            for (int i = 0; i < frames; i++) y[i] = tanh(x[i], df, bf, of, mf, fb);
            return;
        }
        for (int i = 0; i < frames; i++) {
            df = (float) drive.next();
            bf = (float) bias.next();
            fb = FastTanh.tanh(bf);
            of = (float) Dsp.dbToGain(output.next());
            mf = (float) mix.next();
            y[i] = tanh(x[i], df, bf, of, mf, fb);
        }
    }

    private static float tanh(float x, float d, float b, float o, float m, float fb) {
        return o * (m * (FastTanh.tanh(d * x + b) - fb) + (1 - m) * x);
    }

    private double shape(int c, double v) {
        switch (c) {
            case TANH:
                return FastTanh.tanh((float) v);
            case ATAN:
                return (2 / Math.PI) * Math.atan(Math.PI / 2 * v);
            case HARDCLIP:
                return v > 1 ? 1 : (v < -1 ? -1 : v);
            case CUBIC:
                if (v >= 1) return 1;
                if (v <= -1) return -1;
                return 1.5 * (v - v * v * v / 3);
            case FOLDBACK: {
                if (!(Math.abs(v) < 1e12)) return 0; // a NaN or absurd value folds to nothing sensible
                double t = v + 1;
                double r = t - 4 * Math.floor(t / 4);
                return 1 - Math.abs(r - 2);
            }
            default:
                return lookup(v);
        }
    }

    /** Linear interpolation in the table, clamped to its end values outside [first x, last x]. */
    private double lookup(double v) {
        double[] xs = tableX, ys = tableY;
        int n = xs.length;
        if (!(v > xs[0])) return ys[0];
        if (v >= xs[n - 1]) return ys[n - 1];
        int lo = 0, hi = n - 1;   // xs[lo] < v < xs[hi]... invariant: xs[lo] <= v < xs[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= v) lo = mid;
            else hi = mid;
        }
        double t = (v - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + t * (ys[hi] - ys[lo]);
    }

    private void parseTable(String text) {
        String[] items = text.trim().split("[\\s,;]+");
        if (items.length < 2 || items[0].isEmpty()) {
            throw new IllegalArgumentException("table needs at least two points x:y, e.g. \"-1:-1 0:0.3 1:1\"; got \""
                    + text + "\"");
        }
        double[] xs = new double[items.length], ys = new double[items.length];
        for (int k = 0; k < items.length; k++) {
            String item = items[k];
            int colon = item.indexOf(':');
            try {
                if (colon < 0) throw new NumberFormatException();
                xs[k] = Double.parseDouble(item.substring(0, colon));
                ys[k] = Double.parseDouble(item.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("table point " + (k + 1) + " '" + item
                        + "' is not of the form x:y with two numbers (e.g. 0.5:0.8)");
            }
            if (!Double.isFinite(xs[k]) || !Double.isFinite(ys[k])) {
                throw new IllegalArgumentException("table point " + (k + 1) + " '" + item + "' is not finite");
            }
            if (xs[k] < -1 || xs[k] > 1) {
                throw new IllegalArgumentException("table point " + (k + 1) + " '" + item + "' has x outside -1 to 1");
            }
            if (k > 0 && xs[k] <= xs[k - 1]) {
                throw new IllegalArgumentException("table point " + (k + 1) + " '" + item
                        + "' does not come after the point before it: x values must ascend");
            }
        }
        tableX = xs;
        tableY = ys;
    }
}
