package dev.conch.editor.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A param text made of {@code x:y} points separated by spaces ("0:0 2:1@exp 10:0.3"), split into rows the
 * inspector's table can edit and joined back into the same text. The y side keeps any suffix (Breakpoints'
 * {@code @exp}) untouched: the processor, not the editor, knows what it means.
 */
public final class PointList {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** One point: x and y as the user typed them (y may carry a suffix such as {@code @exp}). */
    public record Point(String x, String y) {
        @Override
        public String toString() {
            return x.trim() + ":" + y.trim();
        }
    }

    private PointList() {
    }

    /** The points of {@code text}, or empty when it is not a plain point list (a random(...) form, a word). */
    public static Optional<List<Point>> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        List<Point> points = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            int colon = token.indexOf(':');
            if (colon <= 0 || colon == token.length() - 1) return Optional.empty();
            String x = token.substring(0, colon), y = token.substring(colon + 1);
            String yNumber = y.contains("@") ? y.substring(0, y.indexOf('@')) : y;
            if (!NUMBER.matcher(x).matches() || !NUMBER.matcher(yNumber).matches()) return Optional.empty();
            points.add(new Point(x, y));
        }
        return Optional.of(points);
    }

    /** The param text for these points, in the order given. */
    public static String format(List<Point> points) {
        StringBuilder b = new StringBuilder();
        for (Point p : points) {
            if (b.length() > 0) b.append(' ');
            b.append(p);
        }
        return b.toString();
    }
}
