package dev.conch.engine.graph;

import dev.conch.engine.model.Location;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;

/** A resolved stream connection: {@code fromNode.from} feeds {@code toNode.to}. */
record Link(String fromNode, Output from, String toNode, Input to, Location location) {
    /** {@code "dry.out -> mix.in2"}, as the compensation list shows it. */
    String describe() {
        return fromNode + "." + from.name() + " -> " + toNode + "." + to.name();
    }
}
