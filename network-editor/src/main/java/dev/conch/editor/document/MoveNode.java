package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

/** Places a node at x, y on the canvas (written to the file, so the layout survives a save). */
public record MoveNode(String id, double x, double y) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        Specs.node(spec, id);
        return Specs.withNodes(spec, spec.nodes().stream().map(n -> n.id().equals(id) ? Specs.moved(n, x, y) : n).toList());
    }

    @Override
    public String label() {
        return "move '" + id + "'";
    }
}
