package dev.conch.processors.control;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A breakpoint envelope: the control passes through the points of {@code points}, one value per sample.
 *
 * <p>{@code points} is a list of {@code time:value} pairs, times in seconds from the start, not decreasing,
 * separated by spaces or commas: {@code "0:0 2:1 10:0.3"}. A point may end with {@code @exp} (or {@code @lin}, the
 * default) to choose the curve of the segment that <i>arrives</i> at it: in {@code "0:0.1 2:1@exp 10:0.3"} the
 * control rises exponentially from 0.1 to 1 over the first two seconds, then falls in a straight line.
 *
 * <p>With t the time and u = (t − t₀) / (t₁ − t₀) the position within the segment from (t₀, v₀) to (t₁, v₁):
 * <pre>
 *   lin:  v = v₀ + (v₁ − v₀) · u
 *   exp:  v = v₀ · (v₁ / v₀)^u      when v₀ and v₁ have the same sign and neither is 0
 *         (a constant rate in octaves or decibels; otherwise no exponential joins them and the segment is linear)
 * </pre>
 * Before the first point the control holds the first value, after the last it holds the last. Two points at the
 * same time make a jump: from that time on, the later one holds. With {@code loop} on, the time wraps at the last
 * point's time: the curve repeats with that period, jumping back to its start at each wrap.
 *
 * <p>t = n / firingRate from the count n of samples so far, so the values at the breakpoints are exact and the
 * output is the same at any block size.
 *
 * <p>"Sample" above means firing: a control source fires once per firing of the node it drives (once per sample for
 * an audio node, once per hop for a spectral one), and firingRate = sampleRate / samplesPerFiring (from
 * {@link ProcessContext}) keeps its times in seconds either way.
 */
@ProcessorInfo(name = "Breakpoints", category = "Control",
        description = "A breakpoint envelope from time:value pairs (seconds), linear or exponential per segment, optionally looping.")
public final class Breakpoints extends Processor {
    private static final String EXAMPLE = "e.g. 0:0 2:1@exp 10:0.3";

    private final Output out = controlOut("out", "the envelope");
    private final Param points = param(ParamSpec.text("points", "0:0 1:1")
            .describe("time:value pairs, seconds; end a point with @exp for an exponential segment into it"));
    private final Param loop = param(ParamSpec.bool("loop", false)
            .describe("repeat the curve, with the last point's time as the period"));

    private double[] times = {0};
    private double[] values = {0};
    /** per segment j (from point j to j + 1): ln(v₁ / v₀) for an exponential segment, NaN for a linear one */
    private double[] logRatios = {};
    private double firingRate;
    private long n;
    private int cursor;

    @Override
    protected void configure() {
        parse(points.text());
    }

    /** Reads the points text; an IllegalArgumentException names the param and what is wrong. */
    private void parse(String text) {
        List<double[]> list = new ArrayList<>();
        List<Boolean> exp = new ArrayList<>();
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("points: no points given; write time:value pairs in seconds, " + EXAMPLE);
        }
        for (String token : trimmed.split("[\\s,]+")) {
            String pair = token;
            boolean isExp = false;
            int at = token.indexOf('@');
            if (at >= 0) {
                String c = token.substring(at + 1).toLowerCase(Locale.ROOT);
                pair = token.substring(0, at);
                switch (c) {
                    case "exp", "exponential" -> isExp = true;
                    case "lin", "linear" -> isExp = false;
                    default -> throw new IllegalArgumentException("points: '" + token + "' asks for the curve '" + c
                            + "'; the curves are lin and exp (" + EXAMPLE + ")");
                }
                if (list.isEmpty()) {
                    throw new IllegalArgumentException("points: '" + token + "' is the first point, so no segment"
                            + " arrives at it and @" + c + " has nothing to shape; put the curve on a later point");
                }
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("points: '" + token + "' is not a time:value pair (" + EXAMPLE + ")");
            }
            double t = number(pair.substring(0, colon), token, "time");
            double v = number(pair.substring(colon + 1), token, "value");
            if (t < 0) throw new IllegalArgumentException("points: in '" + token + "' the time is negative; times count"
                    + " seconds from the start");
            if (!list.isEmpty() && t < list.get(list.size() - 1)[0]) {
                throw new IllegalArgumentException("points: '" + token + "' comes before the point ahead of it in time;"
                        + " list the points in time order");
            }
            list.add(new double[]{t, v});
            exp.add(isExp);
        }
        int count = list.size();
        times = new double[count];
        values = new double[count];
        logRatios = new double[Math.max(0, count - 1)];
        for (int j = 0; j < count; j++) {
            times[j] = list.get(j)[0];
            values[j] = list.get(j)[1];
        }
        for (int j = 0; j + 1 < count; j++) {
            double v0 = values[j], v1 = values[j + 1];
            boolean sameSign = (v0 > 0 && v1 > 0) || (v0 < 0 && v1 < 0);
            logRatios[j] = exp.get(j + 1) && sameSign ? Math.log(v1 / v0) : Double.NaN;
        }
    }

    private static double number(String s, String token, String what) {
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // fall through to the sentence below
        }
        throw new IllegalArgumentException("points: in '" + token + "' the " + what + " '" + s + "' is not a number ("
                + EXAMPLE + ")");
    }

    @Override
    public void prepare(ProcessContext ctx) {
        firingRate = ctx.firingsPerSecond(); // a control driving a spectral node fires once per frame
        reset();
    }

    @Override
    public void reset() {
        n = 0;
        cursor = 0;
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        int last = times.length - 1;
        double period = times[last];
        boolean looping = loop.on() && period > 0;
        for (int i = 0; i < frames; i++) {
            double t = (n + i) / firingRate;
            if (looping) t -= period * Math.floor(t / period);
            if (t < times[cursor]) cursor = 0;                 // the loop wrapped
            while (cursor < last && times[cursor + 1] <= t) cursor++;
            double v;
            if (t < times[0] || cursor == last) {
                v = t < times[0] ? values[0] : values[last];
            } else {
                double t0 = times[cursor], u = (t - t0) / (times[cursor + 1] - t0);
                double v0 = values[cursor], lr = logRatios[cursor];
                v = lr == lr ? v0 * Math.exp(lr * u) : v0 + (values[cursor + 1] - v0) * u;
            }
            y[i] = (float) v;
        }
        n += frames;
    }
}
