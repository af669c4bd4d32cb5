package dev.conch.engine.model;

/**
 * A control output driving a parameter: {@code from} is {@code node.port} (a control output), {@code to} is
 * {@code node.param}. The control value replaces the param's own value, clamped to its range, sample by sample
 * for per-sample params and once per block otherwise.
 */
public record ControlConnection(Endpoint from, Endpoint to, Location location) {
    public ControlConnection(String from, String to) {
        this(Endpoint.parse(from), Endpoint.parse(to), Location.UNKNOWN);
    }
}
