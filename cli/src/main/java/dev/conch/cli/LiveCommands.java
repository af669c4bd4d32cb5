package dev.conch.cli;

import java.util.Locale;

import dev.conch.engine.runtime.Text;

/**
 * What a user may type while a network plays: {@code shape.drive=5}, {@code set shape.drive 5} or
 * {@code set shape drive 5}; {@code quit} (or {@code q}) stops.
 */
final class LiveCommands {
    private LiveCommands() {
    }

    /**
     * A parsed line: a param change (the value as typed: the param's spec parses it, as it does --set's), a stop
     * request, or a sentence saying what was not understood.
     */
    record Line(String node, String param, String value, boolean quit, String problem) {
        static Line problem(String why) {
            return new Line(null, null, null, false, why);
        }
    }

    static Line parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) return null;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("q") || lower.equals("quit") || lower.equals("exit")) return new Line(null, null, null, true, null);
        String target;
        String value;
        if (lower.startsWith("set ")) {
            String[] words = t.substring(4).trim().split("\\s+");
            if (words.length == 2) {
                target = words[0];
                value = words[1];
            } else if (words.length == 3) {
                target = words[0] + "." + words[1];
                value = words[2];
            } else {
                return Line.problem("write set node.param value, e.g. set shape.drive 5");
            }
        } else {
            int eq = t.indexOf('=');
            if (eq < 0) return Line.problem("'" + Text.clip(t) + "': write node.param=value (e.g. shape.drive=5), or quit");
            target = t.substring(0, eq).trim();
            value = t.substring(eq + 1).trim();
        }
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            return Line.problem("'" + Text.clip(target) + "' is not node.param (e.g. shape.drive)");
        }
        return new Line(target.substring(0, dot), target.substring(dot + 1), value, false, null);
    }
}
