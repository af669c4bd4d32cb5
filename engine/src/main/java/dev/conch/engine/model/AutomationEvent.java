package dev.conch.engine.model;

import java.util.List;

/**
 * One event of a param's automation timeline, in the Web Audio API's vocabulary (times in seconds from the start):
 * <ul>
 *   <li>{@code setValueAtTime(value, startTime)}: jumps to {@code value};</li>
 *   <li>{@code linearRampToValueAtTime(value, endTime)}: from the previous event's value and time,
 *       v(t) = V0 + (V1 − V0)·(t − T0)/(T1 − T0);</li>
 *   <li>{@code exponentialRampToValueAtTime(value, endTime)}: v(t) = V0·(V1/V0)^((t − T0)/(T1 − T0)); V0 and V1
 *       nonzero and of the same sign;</li>
 *   <li>{@code setTargetAtTime(target, startTime, timeConstant)}: v(t) = V1 + (V0 − V1)·e^(−(t − T0)/τ), V0 the
 *       value just before T0;</li>
 *   <li>{@code setValueCurveAtTime(values, startTime, duration)}: the values spread evenly over the duration, linearly
 *       interpolated; the last one holds afterwards.</li>
 * </ul>
 *
 * @param time  startTime, or endTime for the two ramps
 * @param value value, or target for setTargetAtTime (unused for a curve)
 */
public record AutomationEvent(Kind kind, double time, double value, double timeConstant, double duration,
                              List<Double> values, Location location) {

    public enum Kind {
        SET_VALUE("setValueAtTime"),
        LINEAR_RAMP("linearRampToValueAtTime"),
        EXPONENTIAL_RAMP("exponentialRampToValueAtTime"),
        SET_TARGET("setTargetAtTime"),
        VALUE_CURVE("setValueCurveAtTime");

        private final String element;

        Kind(String element) {
            this.element = element;
        }

        /** The element name in network files (the Web Audio method name). */
        public String element() {
            return element;
        }

        public boolean ramp() {
            return this == LINEAR_RAMP || this == EXPONENTIAL_RAMP;
        }

        public static Kind ofElement(String name) {
            for (Kind k : values()) if (k.element.equals(name)) return k;
            return null;
        }
    }

    public AutomationEvent {
        values = values == null ? List.of() : List.copyOf(values);
        location = location == null ? Location.UNKNOWN : location;
    }

    public static AutomationEvent set(double value, double startTime) {
        return new AutomationEvent(Kind.SET_VALUE, startTime, value, 0, 0, List.of(), Location.UNKNOWN);
    }

    public static AutomationEvent linear(double value, double endTime) {
        return new AutomationEvent(Kind.LINEAR_RAMP, endTime, value, 0, 0, List.of(), Location.UNKNOWN);
    }

    public static AutomationEvent exponential(double value, double endTime) {
        return new AutomationEvent(Kind.EXPONENTIAL_RAMP, endTime, value, 0, 0, List.of(), Location.UNKNOWN);
    }

    public static AutomationEvent target(double target, double startTime, double timeConstant) {
        return new AutomationEvent(Kind.SET_TARGET, startTime, target, timeConstant, 0, List.of(), Location.UNKNOWN);
    }

    public static AutomationEvent curve(List<Double> values, double startTime, double duration) {
        return new AutomationEvent(Kind.VALUE_CURVE, startTime, 0, 0, duration, values, Location.UNKNOWN);
    }
}
