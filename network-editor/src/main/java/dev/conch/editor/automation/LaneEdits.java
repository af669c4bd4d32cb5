package dev.conch.editor.automation;

import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.AutomationEvent.Kind;
import dev.conch.engine.runtime.AutomationCurve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a lane's mouse gestures do to a timeline, without JavaFX: each returns the new list of events (time order),
 * which the lane hands to the document as one {@link dev.conch.editor.document.SetAutomation}. A point is an
 * event's (time, value): a ramp's end, a set's or target's start; a curve has one point per value.
 */
public final class LaneEdits {
    /** A new target's time constant, as a share of the time to the next event (it gets ~95 % there). */
    private static final double TARGET_SHARE = 1 / 3.0;
    /** Points of a curve made from another kind: the timeline sampled at this many even steps. */
    private static final int CURVE_POINTS = 5;

    private LaneEdits() {
    }

    /** One draggable point: event {@code event}, and for a curve which of its values ({@code 0} otherwise). */
    public record Point(int event, int value, double time, double level) {
    }

    /** Every point of a timeline, in event order. */
    public static List<Point> points(List<AutomationEvent> events) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            AutomationEvent e = events.get(i);
            if (e.kind() == Kind.VALUE_CURVE) {
                int n = e.values().size();
                for (int k = 0; k < n; k++) {
                    out.add(new Point(i, k, e.time() + (n == 1 ? 0 : e.duration() * k / (n - 1)), e.values().get(k)));
                }
            } else {
                out.add(new Point(i, 0, e.time(), e.value()));
            }
        }
        return out;
    }

    /** A point added at (time, value): a linear ramp to it, the sound designer's usual line between points. */
    public static List<AutomationEvent> add(List<AutomationEvent> events, double time, double value) {
        List<AutomationEvent> out = new ArrayList<>(events);
        out.add(AutomationEvent.linear(value, Math.max(0, time)));
        return sorted(out);
    }

    /** Event {@code index} removed. */
    public static List<AutomationEvent> delete(List<AutomationEvent> events, int index) {
        List<AutomationEvent> out = new ArrayList<>(events);
        out.remove(index);
        return out;
    }

    /**
     * A point dragged to (time, value). A set, ramp or target moves in time and value; a curve's first point moves the
     * whole curve in time, its last stretches it (never shorter than a millisecond), any point changes its value.
     */
    public static List<AutomationEvent> move(List<AutomationEvent> events, Point p, double time, double value) {
        AutomationEvent e = events.get(p.event());
        double t = Math.max(0, time);
        AutomationEvent moved;
        if (e.kind() == Kind.VALUE_CURVE) {
            List<Double> values = new ArrayList<>(e.values());
            values.set(p.value(), value);
            double start = e.time(), duration = e.duration();
            if (p.value() == 0) start = t;
            else if (p.value() == values.size() - 1) duration = Math.max(1e-3, t - start);
            moved = new AutomationEvent(Kind.VALUE_CURVE, start, 0, 0, duration, values, e.location());
        } else {
            moved = new AutomationEvent(e.kind(), t, value, e.timeConstant(), e.duration(), e.values(), e.location());
        }
        List<AutomationEvent> out = new ArrayList<>(events);
        out.set(p.event(), moved);
        return sorted(out);
    }

    /**
     * Event {@code index} with the segment type {@code kind}, at the same time and value. A target approaches its
     * value with a time constant a third of the way to the next event; a curve starts as the timeline was (its
     * values sampled over the same stretch), ready to be reshaped point by point.
     *
     * @param initial the param's own value (before the first event)
     * @param end     where the lane's timeline ends (a last event's curve runs to here, or 1 s)
     */
    public static List<AutomationEvent> retype(List<AutomationEvent> events, int index, Kind kind, double initial,
                                               double end) {
        AutomationEvent e = events.get(index);
        if (e.kind() == kind) return events;
        double t = e.time();
        double next = index + 1 < events.size() ? events.get(index + 1).time() : Math.max(t + 1, end);
        double span = Math.max(1e-3, next - t);
        double value = e.kind() == Kind.VALUE_CURVE ? e.values().get(e.values().size() - 1) : e.value();
        AutomationEvent made = switch (kind) {
            case SET_VALUE -> AutomationEvent.set(value, t);
            case LINEAR_RAMP -> AutomationEvent.linear(value, t);
            case EXPONENTIAL_RAMP -> AutomationEvent.exponential(value, t);
            case SET_TARGET -> AutomationEvent.target(value, t, span * TARGET_SHARE);
            case VALUE_CURVE -> AutomationEvent.curve(sample(events, index, initial, t, span), t, span);
        };
        List<AutomationEvent> out = new ArrayList<>(events);
        out.set(index, made);
        return sorted(out);
    }

    /** The timeline as it is, sampled at {@link #CURVE_POINTS} even steps over [t, t + span]. */
    private static List<Double> sample(List<AutomationEvent> events, int index, double initial, double t, double span) {
        List<Double> values = new ArrayList<>();
        try {
            AutomationCurve c = new AutomationCurve(events, initial);
            for (int k = 0; k < CURVE_POINTS; k++) values.add(c.next(t + span * k / (CURVE_POINTS - 1)));
        } catch (IllegalArgumentException impossible) { // an exponential ramp through zero: start flat instead
            for (int k = 0; k < CURVE_POINTS; k++) values.add(events.get(index).value());
        }
        return values;
    }

    private static List<AutomationEvent> sorted(List<AutomationEvent> events) {
        return events.stream().sorted(Comparator.comparingDouble(AutomationEvent::time)).toList();
    }
}
