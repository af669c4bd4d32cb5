package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Copied nodes with the wires among them (audio and control), what the clipboard holds. Wires to nodes outside
 * the copy are left behind: a pasted copy has nothing to connect them to. MIDI bindings are not copied (two
 * nodes answering the same controller is rarely wanted).
 */
public record Subnetwork(List<NodeSpec> nodes, List<Connection> connections, List<ControlConnection> controls) {

    public static Subnetwork of(NetworkSpec spec, Collection<String> ids) {
        Set<String> in = Set.copyOf(ids);
        return new Subnetwork(
                spec.nodes().stream().filter(n -> in.contains(n.id())).toList(),
                spec.connections().stream().filter(c -> in.contains(c.from().node()) && in.contains(c.to().node())).toList(),
                spec.controls().stream().filter(c -> in.contains(c.from().node()) && in.contains(c.to().node())).toList());
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }
}
