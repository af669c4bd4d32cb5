package dev.conch.engine.model;

/** A stream connection from an output port to an input port (audio, spectrum or control: the kinds must match). */
public record Connection(Endpoint from, Endpoint to, Location location) {
    public Connection(String from, String to) {
        this(Endpoint.parse(from), Endpoint.parse(to), Location.UNKNOWN);
    }
}
