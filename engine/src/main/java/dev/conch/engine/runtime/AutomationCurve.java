package dev.conch.engine.runtime;

import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.AutomationEvent.Kind;

import java.util.List;

/**
 * Evaluates an automation timeline (Web Audio semantics, see {@link AutomationEvent}) at times that only move
 * forward, in O(1) per call and without allocation: the events are flattened into arrays once, and a cursor
 * remembers the current event.
 *
 * <p>A ramp runs from the previous event's time and value (time 0 and the param's own value when it is the
 * first event); a target or curve starts from the value just before it.
 */
public final class AutomationCurve {
    private final Kind[] kinds;
    private final double[] times;
    private final double[] values;
    private final double[] constants;
    private final double[] durations;
    private final double[][] curves;
    /** Value at each event's time once the event has happened (a ramp's end value, a curve's last value...). */
    private final double[] valueAfter;
    /** Value just before each event's time (where a target or curve starts). */
    private final double[] valueBefore;
    private final double initial;
    private int cursor = -1;

    /**
     * @param initial the param's own value, which holds before the first event
     * @throws IllegalArgumentException for an exponential ramp between values of different sign or zero
     */
    public AutomationCurve(List<AutomationEvent> events, double initial) {
        int n = events.size();
        this.initial = initial;
        kinds = new Kind[n];
        times = new double[n];
        values = new double[n];
        constants = new double[n];
        durations = new double[n];
        curves = new double[n][];
        valueAfter = new double[n];
        valueBefore = new double[n];
        for (int i = 0; i < n; i++) {
            AutomationEvent e = events.get(i);
            kinds[i] = e.kind();
            times[i] = e.time();
            values[i] = e.value();
            constants[i] = e.timeConstant();
            durations[i] = e.duration();
            curves[i] = e.values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        for (int i = 0; i < n; i++) {
            double before = evaluate(i - 1, times[i]);
            valueBefore[i] = before;
            if (kinds[i] == Kind.EXPONENTIAL_RAMP) {
                double from = i == 0 ? initial : valueAfter(i - 1, times[i - 1]);
                if (from == 0 || values[i] == 0 || Math.signum(from) != Math.signum(values[i])) {
                    throw new IllegalArgumentException("exponentialRampToValueAtTime from " + from + " to " + values[i]
                            + " is impossible: both values must be nonzero and of the same sign");
                }
            }
            valueAfter[i] = switch (kinds[i]) {
                case SET_VALUE, LINEAR_RAMP, EXPONENTIAL_RAMP -> values[i];
                case SET_TARGET -> before;
                case VALUE_CURVE -> curves[i][curves[i].length - 1];
            };
        }
    }

    /** Back to time 0, as made: the next call may start the timeline again. */
    void rewind() {
        cursor = -1;
    }

    /** The value at {@code seconds}; calls must not go back in time (but for {@link #rewind}). */
    public double next(double seconds) {
        while (cursor + 1 < times.length && times[cursor + 1] <= seconds && !kinds[cursor + 1].ramp()
                || cursor + 1 < times.length && kinds[cursor + 1].ramp() && times[cursor + 1] <= seconds) {
            cursor++;
        }
        return evaluate(cursor, seconds);
    }

    /** The value at {@code t} given that event {@code i} is the last one at or before t (-1: none). */
    private double evaluate(int i, double t) {
        int next = i + 1;
        if (next < kinds.length && kinds[next].ramp() && t < times[next]) {
            double t0 = i < 0 ? 0 : times[i];
            double v0 = i < 0 ? initial : valueAfter(i, t0);
            double v1 = values[next];
            double span = times[next] - t0;
            double x = span <= 0 ? 1 : (t - t0) / span;
            if (x < 0) x = 0;
            return kinds[next] == Kind.LINEAR_RAMP ? v0 + (v1 - v0) * x : v0 * Math.pow(v1 / v0, x);
        }
        if (i < 0) return initial;
        return valueAfter(i, t);
    }

    /** The value of event {@code i} at time {@code t} >= its time, with no later event in between. */
    private double valueAfter(int i, double t) {
        switch (kinds[i]) {
            case SET_TARGET:
                return values[i] + (valueBefore[i] - values[i]) * Math.exp(-(t - times[i]) / constants[i]);
            case VALUE_CURVE: {
                double[] c = curves[i];
                double pos = (t - times[i]) / durations[i] * (c.length - 1);
                if (pos >= c.length - 1) return c[c.length - 1];
                if (pos <= 0) return c[0];
                int k = (int) pos;
                return c[k] + (c[k + 1] - c[k]) * (pos - k);
            }
            default:
                return values[i];
        }
    }
}
