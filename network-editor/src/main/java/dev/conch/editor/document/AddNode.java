package dev.conch.editor.document;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds a node of a registered type, or a sub-network found from the network's file (a library one), with its default
 * params (none written: the file stays short).
 */
public record AddNode(String id, String type, double x, double y) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        boolean subNetwork = type.startsWith(NodeSpec.SUBNETWORK) && SubNetworks.resolve(type, spec.origin()) != null;
        if (!registry.has(type) && !subNetwork) {
            throw new EditRefused(dev.conch.engine.model.Diagnostics.unknownType(type, registry.closest(type)));
        }
        if (spec.node(id).isPresent()) throw new EditRefused("the id '" + id + "' is already used by another node");
        List<NodeSpec> nodes = new ArrayList<>(spec.nodes());
        nodes.add(new NodeSpec(id, type, Map.of(), x, y, Location.UNKNOWN));
        return Specs.withNodes(spec, nodes);
    }

    @Override
    public String label() {
        return "add " + type + " '" + id + "'";
    }
}
