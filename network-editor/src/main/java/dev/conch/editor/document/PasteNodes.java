package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pastes a copied {@link Subnetwork} shifted by (dx, dy): every node gets a fresh id ("osc" becomes "osc2" when
 * "osc" is taken) and the wires among the copies are rewired to the new ids.
 */
public record PasteNodes(Subnetwork copy, double dx, double dy) implements Edit {

    /** Old id to new id, as {@link #applyTo} will name them in {@code spec}. */
    public Map<String, String> renaming(NetworkSpec spec) {
        Set<String> taken = new HashSet<>();
        for (NodeSpec n : spec.nodes()) taken.add(n.id());
        Map<String, String> names = new LinkedHashMap<>();
        for (NodeSpec n : copy.nodes()) {
            String base = n.id().replaceFirst("\\d+$", "");
            if (base.isEmpty()) base = n.id();
            String id = base;
            for (int i = 2; taken.contains(id); i++) id = base + i;
            taken.add(id);
            names.put(n.id(), id);
        }
        return names;
    }

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        if (copy.isEmpty()) throw new EditRefused("there is nothing to paste: copy some nodes first");
        Map<String, String> names = renaming(spec);
        List<NodeSpec> nodes = new ArrayList<>(spec.nodes());
        for (NodeSpec n : copy.nodes()) {
            nodes.add(new NodeSpec(names.get(n.id()), n.type(), n.params(), Math.max(0, n.x() + dx),
                    Math.max(0, n.y() + dy), Location.UNKNOWN, n.automations(), n.count()));
        }
        List<Connection> connections = new ArrayList<>(spec.connections());
        for (Connection c : copy.connections()) {
            connections.add(new Connection(rename(c.from(), names), rename(c.to(), names), Location.UNKNOWN));
        }
        List<ControlConnection> controls = new ArrayList<>(spec.controls());
        for (ControlConnection c : copy.controls()) {
            controls.add(new ControlConnection(rename(c.from(), names), rename(c.to(), names), c.mode(), Location.UNKNOWN));
        }
        return Specs.with(spec, nodes, connections, controls, spec.midi());
    }

    private static Endpoint rename(Endpoint e, Map<String, String> names) {
        return new Endpoint(names.get(e.node()), e.port());
    }

    @Override
    public String label() {
        return "paste " + copy.nodes().size() + (copy.nodes().size() == 1 ? " node" : " nodes");
    }
}
