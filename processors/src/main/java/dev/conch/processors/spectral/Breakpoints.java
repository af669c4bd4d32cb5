package dev.conch.processors.spectral;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-bin table given as text, in one of two forms:
 * <ul>
 *   <li>a breakpoint curve over frequency, {@code "0:0.1 1000:0.5 8000:1.2"} (Hz:value pairs, frequencies
 *       increasing): linear between points, held flat before the first and after the last;</li>
 *   <li>{@code "random(min, max, bands, seed)"}: the spectrum from 20 Hz to Nyquist cut into {@code bands} bands of
 *       equal width on a log scale (bins below 20 Hz join the first), each band one value drawn uniformly from
 *       [min, max) by a generator seeded with {@code seed}, band by band from the lowest;</li>
 *   <li>{@code "cycle(from, to, bins)"}: a ramp from {@code from} to {@code to} over each run of {@code bins}
 *       bins, repeated up the spectrum: bin k gets from + (to - from) · (k mod bins) / (bins - 1). A comb of
 *       values tied to bins rather than Hz, e.g. delays of 0, 1, ... 15 frames on bins 0..15, 16..31, ...</li>
 * </ul>
 */
public final class Breakpoints {
    private static final Pattern RANDOM = Pattern.compile(
            "random\\(\\s*([^,]+),\\s*([^,]+),\\s*([^,]+),\\s*([^,)]+)\\)");
    private static final Pattern CYCLE = Pattern.compile("cycle\\(\\s*([^,]+),\\s*([^,]+),\\s*([^,)]+)\\)");
    private static final double LOWEST_BAND_HZ = 20;

    private final double[] hz;
    private final double[] values;
    private final double min, max;
    private final int bands;
    private final long seed;
    /** bins per ramp of a cycle; 0 for the other forms */
    private final int period;

    private Breakpoints(double[] hz, double[] values, double min, double max, int bands, long seed, int period) {
        this.hz = hz;
        this.values = values;
        this.min = min;
        this.max = max;
        this.bands = bands;
        this.seed = seed;
        this.period = period;
    }

    /**
     * Parses {@code text} for the param {@code name}, whose values must lie in [lo, hi] ({@code unit} for messages).
     *
     * @throws IllegalArgumentException a sentence naming the param and what is wrong
     */
    public static Breakpoints parse(String name, String text, double lo, double hi, String unit) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String range = fmt(lo) + " to " + fmt(hi) + (unit.isEmpty() ? "" : " " + unit);
        if (t.startsWith("random")) {
            double[] x = arguments(name, text, t, RANDOM, "random(min, max, bands, seed)", "random(0.1, 1.5, 16, 7)");
            if (x[0] > x[1]) throw new IllegalArgumentException(name + ": in '" + text + "' min is larger than max");
            checkRange(name, x[0], lo, hi, range, text);
            checkRange(name, x[1], lo, hi, range, text);
            int bands = (int) whole(name, text, "bands", x[2], 1, 4096);
            long seed = whole(name, text, "seed", x[3], Long.MIN_VALUE, Long.MAX_VALUE);
            return new Breakpoints(null, null, x[0], x[1], bands, seed, 0);
        }
        if (t.startsWith("cycle")) {
            double[] x = arguments(name, text, t, CYCLE, "cycle(from, to, bins)", "cycle(0, 0.08, 16)");
            checkRange(name, x[0], lo, hi, range, text);
            checkRange(name, x[1], lo, hi, range, text);
            int bins = (int) whole(name, text, "bins", x[2], 1, 65536);
            return new Breakpoints(null, null, x[0], x[1], 0, 0, bins);
        }
        String[] pairs = t.split("[\\s,;]+");
        if (t.isEmpty() || pairs.length == 0) {
            throw new IllegalArgumentException(name + ": the table is empty; write Hz:value pairs such as '0:0.1 1000:0.5'");
        }
        double[] f = new double[pairs.length], v = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String[] fv = pairs[i].split(":");
            if (fv.length != 2) {
                throw new IllegalArgumentException(name + ": '" + pairs[i] + "' in '" + text
                        + "' is not a Hz:value pair (write e.g. 1000:0.5)");
            }
            f[i] = number(name, fv[0], text);
            v[i] = number(name, fv[1], text);
            if (f[i] < 0) throw new IllegalArgumentException(name + ": frequency " + fv[0] + " Hz in '" + text + "' is negative");
            if (i > 0 && f[i] <= f[i - 1]) {
                throw new IllegalArgumentException(name + ": frequencies in '" + text + "' must increase ("
                        + fv[0] + " Hz comes after " + fmt(f[i - 1]) + " Hz)");
            }
            checkRange(name, v[i], lo, hi, range, text);
        }
        return new Breakpoints(f, v, 0, 0, 0, 0, 0);
    }

    /** The largest value the table can give (for a conservative tail). */
    public double maxValue() {
        if (hz == null) return Math.max(min, max);
        return Arrays.stream(values).max().orElse(0);
    }

    /** One value per bin: bin k sits at k · binHz; {@code bins} = fftSize/2 + 1. */
    public double[] perBin(int bins, double binHz) {
        double[] out = new double[bins];
        if (period > 0) {
            for (int k = 0; k < bins; k++) out[k] = period == 1 ? min : min + (max - min) * (k % period) / (period - 1);
            return out;
        }
        if (hz == null) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] band = new double[bands];
            for (int b = 0; b < bands; b++) band[b] = min + (max - min) * rnd.nextDouble();
            double nyquist = (bins - 1) * binHz;
            double span = Math.log(nyquist / LOWEST_BAND_HZ);
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                int b = f <= LOWEST_BAND_HZ ? 0 : (int) Math.floor(bands * Math.log(f / LOWEST_BAND_HZ) / span);
                out[k] = band[Math.max(0, Math.min(bands - 1, b))];
            }
            return out;
        }
        for (int k = 0; k < bins; k++) out[k] = at(k * binHz);
        return out;
    }

    /** The curve's value at {@code f} Hz. */
    public double at(double f) {
        if (f <= hz[0]) return values[0];
        int last = hz.length - 1;
        if (f >= hz[last]) return values[last];
        int i = 1;
        while (hz[i] < f) i++;
        double u = (f - hz[i - 1]) / (hz[i] - hz[i - 1]);
        return values[i - 1] + u * (values[i] - values[i - 1]);
    }

    /** The numbers between the parentheses of {@code form}, or a sentence showing how it should read. */
    private static double[] arguments(String name, String text, String t, Pattern form, String usage, String example) {
        Matcher m = form.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": '" + text + "' should read " + usage + ", e.g. " + example);
        }
        double[] x = new double[m.groupCount()];
        for (int g = 0; g < x.length; g++) x[g] = number(name, m.group(g + 1), text);
        return x;
    }

    private static long whole(String name, String text, String what, double v, long lo, long hi) {
        boolean bounded = lo > Long.MIN_VALUE || hi < Long.MAX_VALUE;
        if (v != Math.rint(v) || v < lo || v > hi) {
            throw new IllegalArgumentException(name + ": in '" + text + "' " + what + " must be a whole number"
                    + (bounded ? " from " + lo + " to " + hi : ""));
        }
        return (long) v;
    }

    private static double number(String name, String s, String text) {
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // fall through to the sentence below
        }
        throw new IllegalArgumentException(name + ": '" + s.trim() + "' in '" + text + "' is not a number");
    }

    private static void checkRange(String name, double v, double lo, double hi, String range, String text) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + ": value " + fmt(v) + " in '" + text + "' is out of range ("
                    + range + ")");
        }
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
