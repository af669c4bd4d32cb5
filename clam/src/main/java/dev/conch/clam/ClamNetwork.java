package dev.conch.clam;

import dev.conch.engine.model.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code .clamnetwork} file as CLAM wrote it: its processings (config fields flattened to paths such as
 * {@code WindowGenerator/Type}) and its port and control links, each with where it was written.
 */
record ClamNetwork(String description, List<Processing> processings, List<Link> links) {

    ClamNetwork {
        processings = List.copyOf(processings);
        links = List.copyOf(links);
    }

    /** One {@code <processing>}: id and type as written, canvas position, config leaves by path. */
    record Processing(String id, String type, double x, double y, Map<String, String> config, Location location) {

        String text(String field, String fallback) {
            String v = config.get(field);
            return v == null || v.isBlank() ? fallback : v.strip();
        }

        /** A number field; CLAM writes decimals with optional exponents ({@code 1e+06}). */
        double number(String field, double fallback) {
            String v = config.get(field);
            if (v == null || v.isBlank()) return fallback;
            try {
                return Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        int integer(String field, int fallback) {
            double v = number(field, fallback);
            return Double.isFinite(v) ? (int) Math.round(v) : fallback;
        }

        /** CLAM writes bools as 1/0; one bug-report file has {@code true}. */
        boolean bool(String field, boolean fallback) {
            String v = config.get(field);
            if (v == null || v.isBlank()) return fallback;
            String t = v.strip().toLowerCase(Locale.ROOT);
            return t.equals("1") || t.equals("true") || t.equals("yes");
        }

        /** Space-separated numbers ({@code <DefaultGains>0.5 0.5</DefaultGains>}). */
        List<Double> numbers(String field) {
            List<Double> list = new ArrayList<>();
            String v = config.get(field);
            if (v == null) return list;
            for (String s : v.strip().split("\\s+")) {
                try {
                    if (!s.isEmpty()) list.add(Double.parseDouble(s));
                } catch (NumberFormatException e) {
                    list.add(Double.NaN);
                }
            }
            return list;
        }
    }

    /**
     * One {@code <port_connection>} or {@code <control_connection>}: {@code proc.port} on each side, split at the last
     * dot as CLAM does (ids and port names hold spaces, never dots).
     */
    record Link(boolean control, String fromNode, String fromPort, String toNode, String toPort, Location location) {
        String fromText() {
            return fromNode + "." + fromPort;
        }

        String toText() {
            return toNode + "." + toPort;
        }
    }
}
