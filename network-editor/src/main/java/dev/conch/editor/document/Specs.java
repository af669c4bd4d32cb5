package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;

import java.util.List;

/** Copies of a spec with one part replaced: NetworkSpec is a record, and edits change one list at a time. */
final class Specs {
    private Specs() {
    }

    static NetworkSpec withNodes(NetworkSpec s, List<NodeSpec> nodes) {
        return new NetworkSpec(s.name(), s.version(), s.sampleRate(), s.duration(), s.description(), nodes,
                s.connections(), s.controls(), s.midi(), s.origin(), s.comments());
    }

    static NetworkSpec withConnections(NetworkSpec s, List<Connection> connections) {
        return new NetworkSpec(s.name(), s.version(), s.sampleRate(), s.duration(), s.description(), s.nodes(),
                connections, s.controls(), s.midi(), s.origin(), s.comments());
    }

    static NetworkSpec with(NetworkSpec s, List<NodeSpec> nodes, List<Connection> connections,
                            List<ControlConnection> controls, List<MidiBinding> midi) {
        return new NetworkSpec(s.name(), s.version(), s.sampleRate(), s.duration(), s.description(), nodes,
                connections, controls, midi, s.origin(), s.comments());
    }

    static NodeSpec moved(NodeSpec n, double x, double y) {
        return new NodeSpec(n.id(), n.type(), n.params(), x, y, n.location(), n.automations(), n.count());
    }

    static NodeSpec node(NetworkSpec s, String id) throws EditRefused {
        return s.node(id).orElseThrow(() -> new EditRefused("there is no node '" + id + "' in the network"));
    }
}
