package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

/** Removes a node and everything wired to it (connections, control connections, MIDI bindings). */
public record RemoveNode(String id) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        Specs.node(spec, id);
        return Specs.with(spec,
                spec.nodes().stream().filter(n -> !n.id().equals(id)).toList(),
                spec.connections().stream().filter(c -> !id.equals(c.from().node()) && !id.equals(c.to().node())).toList(),
                spec.controls().stream().filter(c -> !id.equals(c.from().node()) && !id.equals(c.to().node())).toList(),
                spec.midi().stream().filter(m -> m.to() == null || !id.equals(m.to().node())).toList());
    }

    @Override
    public String label() {
        return "remove '" + id + "'";
    }
}
