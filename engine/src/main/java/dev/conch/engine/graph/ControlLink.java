package dev.conch.engine.graph;

import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Location;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;

/** A resolved control connection (or an automation timeline's source): {@code fromNode.from} drives {@code toNode.to}. */
record ControlLink(String fromNode, Output from, String toNode, Param to, ControlMode mode, Location location) {
}
