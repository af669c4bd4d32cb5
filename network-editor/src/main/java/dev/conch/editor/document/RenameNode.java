package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

/**
 * Gives a node another id, and every reference to it with it: wires both ways, modulations both ways and MIDI
 * bindings (its automation timelines live inside the node and go with it).
 */
public record RenameNode(String id, String newId) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        Specs.node(spec, id);
        String to = newId == null ? "" : newId.trim();
        if (to.isEmpty() || !to.equals(newId) || to.chars().anyMatch(Character::isWhitespace)) {
            throw new EditRefused("'" + newId + "' cannot be an id: give a name without spaces, such as osc2");
        }
        if (to.endsWith(".") || to.startsWith(".")) {
            throw new EditRefused("'" + newId + "' cannot be an id: wires name ports as id.port, so it may not start or end with a dot");
        }
        if (to.equals(id)) return spec;
        if (spec.node(to).isPresent()) throw new EditRefused("the id '" + to + "' is already used by another node");
        return Specs.with(spec,
                spec.nodes().stream().map(n -> n.id().equals(id) ? renamed(n, to) : n).toList(),
                spec.connections().stream().map(c -> new Connection(at(c.from(), to), at(c.to(), to), c.location())).toList(),
                spec.controls().stream().map(c -> new ControlConnection(at(c.from(), to), at(c.to(), to), c.mode(),
                        c.location())).toList(),
                spec.midi().stream().map(m -> new MidiBinding(m.kind(), m.channel(), m.cc(), at(m.to(), to),
                        m.location())).toList());
    }

    private Endpoint at(Endpoint e, String to) {
        return e != null && e.node().equals(id) ? new Endpoint(to, e.port()) : e;
    }

    private static NodeSpec renamed(NodeSpec n, String to) {
        return new NodeSpec(to, n.type(), n.params(), n.x(), n.y(), n.location(), n.automations(), n.count());
    }

    @Override
    public String label() {
        return "rename '" + id + "' to '" + newId + "'";
    }
}
