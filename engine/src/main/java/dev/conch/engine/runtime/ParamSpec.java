package dev.conch.engine.runtime;

import java.util.List;
import java.util.Locale;

/**
 * The declaration of one parameter: the single truth read by the XML validator, {@code conch describe},
 * the editor's inspector and the live control queue.
 *
 * <pre>{@code
 * ParamSpec.number("frequency", "Hz", 10, 20000, 1000).perSample().smoothed(20)
 *          .describe("cutoff or centre frequency")
 * }</pre>
 *
 * @param smoothingMs  length of the linear ramp a live change follows (0: jumps); only for {@link ParamRate#SAMPLE}
 * @param structural   fixed once the network is compiled (port counts, buffer sizes): never changed live
 */
public record ParamSpec(String name, ParamType type, String unit, double min, double max, String defaultText,
                        List<String> choices, ParamRate rate, double smoothingMs, boolean structural,
                        String description) {

    public ParamSpec {
        choices = List.copyOf(choices);
        if (type == ParamType.NUMBER || type == ParamType.INTEGER) {
            if (!(min <= max)) throw new IllegalArgumentException(name + ": min > max");
        }
    }

    public static ParamSpec number(String name, String unit, double min, double max, double def) {
        return new ParamSpec(name, ParamType.NUMBER, unit, min, max, format(def), List.of(), ParamRate.BLOCK, 0, false, "");
    }

    public static ParamSpec integer(String name, String unit, int min, int max, int def) {
        return new ParamSpec(name, ParamType.INTEGER, unit, min, max, Integer.toString(def), List.of(), ParamRate.BLOCK, 0,
                false, "");
    }

    public static ParamSpec choice(String name, String def, String... choices) {
        List<String> list = List.of(choices);
        if (!list.contains(def)) throw new IllegalArgumentException(name + ": default " + def + " is not a choice");
        return new ParamSpec(name, ParamType.CHOICE, "", 0, list.size() - 1, def, list, ParamRate.BLOCK, 0, false, "");
    }

    public static ParamSpec bool(String name, boolean def) {
        return new ParamSpec(name, ParamType.BOOLEAN, "", 0, 1, Boolean.toString(def), List.of(), ParamRate.BLOCK, 0, false, "");
    }

    public static ParamSpec text(String name, String def) {
        return new ParamSpec(name, ParamType.TEXT, "", 0, 0, def, List.of(), ParamRate.BLOCK, 0, true, "");
    }

    public ParamSpec perSample() {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, ParamRate.SAMPLE, smoothingMs, structural, description);
    }

    public ParamSpec smoothed(double ms) {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, ParamRate.SAMPLE, ms, structural, description);
    }

    public ParamSpec asStructural() {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, true, description);
    }

    public ParamSpec describe(String text) {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, structural, text);
    }

    /** Can this param be changed while the network runs (through the control queue or a control connection)? */
    public boolean live() {
        return !structural && type != ParamType.TEXT;
    }

    /**
     * Reads the file's text into the numeric value the processor sees (a choice's index, 1/0 for booleans).
     *
     * @throws IllegalArgumentException with a sentence for a sound designer when the text is not acceptable
     */
    public double parse(String text) {
        String t = text.trim();
        switch (type) {
            case NUMBER, INTEGER -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + Text.clip(text) + "' is not a number (expected " + rangeText() + ")");
                }
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("'" + Text.clip(text) + "' is not a finite number");
                }
                if (type == ParamType.INTEGER && v != Math.rint(v)) {
                    throw new IllegalArgumentException("'" + Text.clip(text) + "' is not a whole number (expected " + rangeText() + ")");
                }
                checkRange(v, text);
                return v;
            }
            case CHOICE -> {
                int i = choices.indexOf(t.toLowerCase(Locale.ROOT));
                if (i < 0) i = choices.indexOf(t);
                if (i < 0 && t.matches("\\d{1,9}") && Integer.parseInt(t) < choices.size()) i = Integer.parseInt(t);
                if (i < 0) {
                    throw new IllegalArgumentException("'" + Text.clip(text) + "' is not one of " + String.join(", ", choices)
                            + " (or their index, 0 to " + (choices.size() - 1) + ")");
                }
                return i;
            }
            case BOOLEAN -> {
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "on", "yes", "1": return 1;
                    case "false", "off", "no", "0": return 0;
                    default: throw new IllegalArgumentException("'" + Text.clip(text) + "' is not true or false");
                }
            }
            default -> {
                return 0;
            }
        }
    }

    /** Checks a value already numeric (a live change): same rules as {@link #parse}. */
    public void checkRange(double v, String shown) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(shown + (unit.isEmpty() ? "" : " " + unit) + " is out of range: "
                    + name + " takes " + rangeText());
        }
    }

    public double defaultValue() {
        return parse(defaultText);
    }

    /** "20 … 20000 Hz", "one of sine, saw", "true or false", "text". */
    public String rangeText() {
        return switch (type) {
            case NUMBER, INTEGER -> format(min) + " to " + format(max) + (unit.isEmpty() ? "" : " " + unit);
            case CHOICE -> "one of " + String.join(", ", choices);
            case BOOLEAN -> "true or false";
            case TEXT -> "text";
        };
    }

    /** The value as the network file writes it. */
    public String textOf(double value) {
        return switch (type) {
            case CHOICE -> choices.get((int) value);
            case BOOLEAN -> Boolean.toString(value != 0);
            case INTEGER -> Long.toString((long) value);
            default -> format(value);
        };
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
