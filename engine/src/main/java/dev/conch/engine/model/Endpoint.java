package dev.conch.engine.model;

/** One end of a connection: {@code node.port} (or {@code node.param} for a control connection's target). */
public record Endpoint(String node, String port) {

    /** Splits {@code "osc.out"} at its last dot; null when there is no dot or a side is empty. */
    public static Endpoint parse(String text) {
        if (text == null) return null;
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) return null;
        return new Endpoint(text.substring(0, dot).trim(), text.substring(dot + 1).trim());
    }

    @Override
    public String toString() {
        return node + "." + port;
    }
}
