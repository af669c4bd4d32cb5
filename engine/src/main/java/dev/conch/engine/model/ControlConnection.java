package dev.conch.engine.model;

/**
 * A control output driving a parameter: {@code from} is {@code node.port} (a control output), {@code to} is
 * {@code node.param}. The control value replaces the param's own value, or is added to it, or multiplies it
 * ({@link ControlMode}); the result is clamped to the param's range, sample by sample for per-sample params and
 * once per block otherwise.
 */
public record ControlConnection(Endpoint from, Endpoint to, ControlMode mode, Location location) {

    public ControlConnection {
        mode = mode == null ? ControlMode.REPLACE : mode;
    }

    public ControlConnection(Endpoint from, Endpoint to, Location location) {
        this(from, to, ControlMode.REPLACE, location);
    }

    public ControlConnection(String from, String to) {
        this(Endpoint.parse(from), Endpoint.parse(to), ControlMode.REPLACE, Location.UNKNOWN);
    }
}
