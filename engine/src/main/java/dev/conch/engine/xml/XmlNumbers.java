package dev.conch.engine.xml;

import java.util.regex.Pattern;

/** Numbers as a person writes them in an attribute: plain decimals, no hex, no NaN, no Java suffixes. */
final class XmlNumbers {
    // Double.parseDouble also takes "0x1p3", "NaN", "Infinity" and "40d": none of those belong in a network file.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");

    private XmlNumbers() {
    }

    /** The value of {@code text}, or NaN when it is not a plain decimal number. */
    static double parseDecimal(String text) {
        String t = text.strip();
        if (!DECIMAL.matcher(t).matches()) return Double.NaN;
        double v = Double.parseDouble(t);
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    /** The value of {@code text}, or null when it is not a whole number that fits an int. */
    static Integer parseInteger(String text) {
        String t = text.strip();
        return INTEGER.matcher(t).matches() ? Integer.valueOf(t) : null;
    }

    /** {@code 40} not {@code 40.0}; fractions keep every digit needed to read back the same double. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("cannot write " + v + " in a network file");
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            // -0.0 is kept as "-0": records compare doubles bit-wise, so 0 would not read back equal.
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) return "-0";
            return Long.toString((long) v);
        }
        // Double.toString gives the shortest digits that read back the same; only "1.0E20" needs tidying.
        return Double.toString(v).replace(".0E", "E");
    }
}
