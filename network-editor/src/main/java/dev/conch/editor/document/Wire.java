package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;

/**
 * A wire on the canvas, as the person selects it: a stream connection into an input port, or a modulation
 * ({@code <control>}) into a param. Either is named by its two ends; locations play no part.
 */
public record Wire(Endpoint from, Endpoint to, boolean control) {

    public static Wire of(Connection c) {
        return new Wire(c.from(), c.to(), false);
    }

    public static Wire of(ControlConnection c) {
        return new Wire(c.from(), c.to(), true);
    }

    /** The edit that removes it. */
    public Edit removal() {
        return control ? new RemoveControl(to) : new Disconnect(from, to);
    }

    @Override
    public String toString() {
        return from + (control ? " ~> " : " -> ") + to;
    }
}
