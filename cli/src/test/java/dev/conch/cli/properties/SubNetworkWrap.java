package dev.conch.cli.properties;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves one node of a generated network into a sub-network file of its own: the file holds the node and an Inlet for
 * each of its connected inputs and an Outlet for each used output, named as the ports, so the including network's
 * wiring stays word for word. Inlining must give back the same network, so the wrapped one renders the same bits:
 * the boundary is then crossed by whatever the generator makes (spectra, multi-rate ports, feedback loops, controls
 * taken from the node).
 */
final class SubNetworkWrap {
    private static final String INNER = "wrapped";

    private SubNetworkWrap() {
    }

    /**
     * The network with node number {@code pick} (modulo the nodes that can be wrapped) in a sub-network written into
     * {@code dir}, read back from its file; null when no node can be: the network's AudioInput and AudioOutput, an
     * Inlet or Outlet, a node
     * whose params a control or MIDI binding drives, one connected to itself, one with a port name used both ways.
     */
    static NetworkSpec wrap(NetworkSpec spec, ProcessorRegistry registry, Path dir, int pick) throws Exception {
        List<NodeSpec> candidates = spec.nodes().stream().filter(n -> wrappable(spec, registry, n)).toList();
        if (candidates.isEmpty()) return null;
        NodeSpec x = candidates.get(Math.floorMod(pick, candidates.size()));
        Processor p = registry.create(x.type(), x.paramTexts()).processor();

        Set<String> inlets = new LinkedHashSet<>();
        Set<String> outlets = new LinkedHashSet<>();
        for (Connection c : spec.connections()) {
            if (c.to().node().equals(x.id())) inlets.add(c.to().port());
            if (c.from().node().equals(x.id())) outlets.add(c.from().port());
        }
        for (ControlConnection c : spec.controls()) if (c.from().node().equals(x.id())) outlets.add(c.from().port());
        if (inlets.contains(INNER) || outlets.contains(INNER) || inlets.stream().anyMatch(outlets::contains)) return null;

        List<NodeSpec> nodes = new ArrayList<>();
        List<Connection> wires = new ArrayList<>();
        nodes.add(new NodeSpec(INNER, x.type(), x.params(), 0, 0, x.location(), x.automations()));
        for (String in : inlets) {
            nodes.add(port(in, "Inlet", p.input(in) == null ? null : p.input(in).spec()));
            wires.add(new Connection(new Endpoint(in, "out"), new Endpoint(INNER, in), Location.UNKNOWN));
        }
        for (String out : outlets) {
            nodes.add(port(out, "Outlet", p.output(out) == null ? null : p.output(out).spec()));
            wires.add(new Connection(new Endpoint(INNER, out), new Endpoint(out, "in"), Location.UNKNOWN));
        }
        NetworkSpec inner = new NetworkSpec("wrap", NetworkSpec.FORMAT_VERSION, spec.sampleRate(), 0, "", nodes, wires,
                List.of());
        NetworkXml.write(inner, dir.resolve("wrapped.xml"));

        List<NodeSpec> outer = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            outer.add(n != x ? n : new NodeSpec(x.id(), "net:wrapped.xml", Map.of(), x.x(), x.y(), x.location()));
        }
        Path file = dir.resolve("wrapping.xml");
        NetworkXml.write(new NetworkSpec(spec.name(), spec.version(), spec.sampleRate(), spec.duration(),
                spec.description(), outer, spec.connections(), spec.controls(), spec.midi()), file);
        return NetworkXml.read(file);
    }

    private static NodeSpec port(String id, String type, PortSpec spec) {
        Map<String, ParamValue> params = new LinkedHashMap<>();
        if (spec != null) params.put("kind", new ParamValue(spec.kind().label()));
        return new NodeSpec(id, type, params);
    }

    private static boolean wrappable(NetworkSpec spec, ProcessorRegistry registry, NodeSpec n) {
        // an Inlet or Outlet inside a sub-network is one of its ports, not a node: it would not mean the same there
        if (!registry.has(n.type()) || List.of("AudioInput", "AudioOutput", "Inlet", "Outlet").contains(n.type())) {
            return false;
        }
        for (ControlConnection c : spec.controls()) if (c.to().node().equals(n.id())) return false;
        for (MidiBinding m : spec.midi()) if (m.to().node().equals(n.id())) return false;
        for (Connection c : spec.connections()) if (c.from().node().equals(n.id()) && c.to().node().equals(n.id())) return false;
        return true;
    }
}
