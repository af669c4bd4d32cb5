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
 * @param scale        how a slider spreads the range: {@link Scale#LOG} by default for Hz, s and ms (see {@link #number})
 * @param step         the values are min + k·step (0: any value in range; integers are whole anyway); checked by {@link #parse}
 * @param powersOfTwo  only powers of two are valid (an FFT size); checked by {@link #parse}
 * @param file         for a text param naming a file, whether the processor reads or writes it: the compiler resolves
 *                     a relative path against the folder of the network file it was written in before the processor
 *                     sees it (see {@code dev.conch.engine.graph.FilePaths}), so processors get absolute paths
 */
public record ParamSpec(String name, ParamType type, String unit, double min, double max, String defaultText,
                        List<String> choices, ParamRate rate, double smoothingMs, boolean structural,
                        String description, Scale scale, double step, boolean powersOfTwo, FileUse file) {

    /** What a text param's value names: nothing special, a file the processor reads, or one it writes. */
    public enum FileUse { NONE, READS, WRITES }

    /** How a control (a slider) spreads a number's range: evenly, or evenly in ratios (octaves, decades). */
    public enum Scale { LINEAR, LOG }

    /** Units whose values are heard in ratios: a slider over them is {@link Scale#LOG} unless told otherwise. */
    private static final List<String> RATIO_UNITS = List.of("Hz", "s", "ms");

    public ParamSpec {
        choices = List.copyOf(choices);
        scale = scale == null ? Scale.LINEAR : scale;
        if (type == ParamType.NUMBER || type == ParamType.INTEGER) {
            if (!(min <= max)) throw new IllegalArgumentException(name + ": min > max");
        }
        if (!(step >= 0)) throw new IllegalArgumentException(name + ": step < 0");
        file = file == null ? FileUse.NONE : file;
    }

    /** A param that names no file (every param before files were resolved by the compiler). */
    public ParamSpec(String name, ParamType type, String unit, double min, double max, String defaultText,
                     List<String> choices, ParamRate rate, double smoothingMs, boolean structural,
                     String description, Scale scale, double step, boolean powersOfTwo) {
        this(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, structural, description, scale, step,
                powersOfTwo, FileUse.NONE);
    }

    /** A number; Hz, s and ms are {@link Scale#LOG} (a range starting at 0 is log above max/10⁵, 0 at the far left). */
    public static ParamSpec number(String name, String unit, double min, double max, double def) {
        return new ParamSpec(name, ParamType.NUMBER, unit, min, max, format(def), List.of(), ParamRate.BLOCK, 0, false, "",
                RATIO_UNITS.contains(unit) ? Scale.LOG : Scale.LINEAR, 0, false);
    }

    public static ParamSpec integer(String name, String unit, int min, int max, int def) {
        return new ParamSpec(name, ParamType.INTEGER, unit, min, max, Integer.toString(def), List.of(), ParamRate.BLOCK, 0,
                false, "", Scale.LINEAR, 0, false);
    }

    public static ParamSpec choice(String name, String def, String... choices) {
        List<String> list = List.of(choices);
        if (!list.contains(def)) throw new IllegalArgumentException(name + ": default " + def + " is not a choice");
        return new ParamSpec(name, ParamType.CHOICE, "", 0, list.size() - 1, def, list, ParamRate.BLOCK, 0, false, "",
                Scale.LINEAR, 0, false);
    }

    public static ParamSpec bool(String name, boolean def) {
        return new ParamSpec(name, ParamType.BOOLEAN, "", 0, 1, Boolean.toString(def), List.of(), ParamRate.BLOCK, 0, false, "",
                Scale.LINEAR, 0, false);
    }

    public static ParamSpec text(String name, String def) {
        return new ParamSpec(name, ParamType.TEXT, "", 0, 0, def, List.of(), ParamRate.BLOCK, 0, true, "", Scale.LINEAR, 0, false);
    }

    /** A text param naming a file the processor reads; a relative path starts from the network file's folder. */
    public static ParamSpec fileToRead(String name) {
        return text(name, "").naming(FileUse.READS);
    }

    /** A text param naming a file the processor writes; a relative path starts from the network file's folder. */
    public static ParamSpec fileToWrite(String name) {
        return text(name, "").naming(FileUse.WRITES);
    }

    private ParamSpec naming(FileUse use) {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, structural, description,
                scale, step, powersOfTwo, use);
    }

    /** Whether the value names a file (which the compiler resolves before the processor sees it). */
    public boolean namesFile() {
        return file != FileUse.NONE;
    }

    public ParamSpec perSample() {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, ParamRate.SAMPLE, smoothingMs, structural,
                description, scale, step, powersOfTwo, file);
    }

    public ParamSpec smoothed(double ms) {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, ParamRate.SAMPLE, ms, structural, description,
                scale, step, powersOfTwo, file);
    }

    public ParamSpec asStructural() {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, true, description, scale,
                step, powersOfTwo, file);
    }

    public ParamSpec describe(String text) {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, structural, text, scale,
                step, powersOfTwo, file);
    }

    /** A slider over this param spreads its range as {@code how}. */
    public ParamSpec scaled(Scale how) {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, structural, description,
                how, step, powersOfTwo, file);
    }

    /** Only min + k·{@code size} is valid. */
    public ParamSpec step(double size) {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, structural, description,
                scale, size, powersOfTwo, file);
    }

    /** Only powers of two are valid (and a slider over them moves an octave at a time). */
    public ParamSpec onlyPowersOfTwo() {
        return new ParamSpec(name, type, unit, min, max, defaultText, choices, rate, smoothingMs, structural, description,
                Scale.LOG, step, true, file);
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
                checkSteps(v, text);
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

    /** A value off the declared step, or not a power of two where only those are valid, is refused in a sentence. */
    private void checkSteps(double v, String shown) {
        if (powersOfTwo && (v != Math.rint(v) || v < 1 || Long.bitCount((long) v) != 1)) {
            long below = Long.highestOneBit(Math.max(1, (long) v));
            throw new IllegalArgumentException(Text.clip(shown) + " is not a power of two: " + name + " takes "
                    + rangeText() + " (try " + below + " or " + below * 2 + ")");
        }
        if (step > 0 && Math.abs((v - min) / step - Math.rint((v - min) / step)) > 1e-9) {
            throw new IllegalArgumentException(Text.clip(shown) + " is not a step of " + format(step) + " from "
                    + format(min) + ": " + name + " takes " + rangeText());
        }
    }

    /**
     * The valid value nearest {@code v}, at the precision a person reads it (what a slider commits): in range, on
     * the step or a power of two, whole for integers, a tenth of a dB, else four significant digits.
     */
    public double round(double v) {
        double r = Math.max(min, Math.min(max, v));
        if (powersOfTwo) {
            long below = Long.highestOneBit(Math.max(1, (long) r));
            r = r / below < Math.sqrt(2) ? below : below * 2;
        } else if (step > 0) {
            r = min + Math.rint((r - min) / step) * step;
        } else if (type == ParamType.INTEGER) {
            r = Math.rint(r);
        } else if (unit.equals("dB")) {
            r = Math.rint(r * 10) / 10;
        } else if (r != 0) {
            r = new java.math.BigDecimal(r).round(new java.math.MathContext(4)).doubleValue();
        }
        return Math.max(min, Math.min(max, r));
    }

    public double defaultValue() {
        return parse(defaultText);
    }

    /** "20 … 20000 Hz", "one of sine, saw", "true or false", "text". */
    public String rangeText() {
        return switch (type) {
            case NUMBER, INTEGER -> format(min) + " to " + format(max) + (unit.isEmpty() ? "" : " " + unit)
                    + (powersOfTwo ? ", a power of two" : step > 0 ? " in steps of " + format(step) : "");
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
