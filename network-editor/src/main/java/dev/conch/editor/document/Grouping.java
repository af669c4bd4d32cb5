package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Group into sub-network: the selected nodes move into a network of their own, and one {@code net:} node takes
 * their place with the same wiring. Every wire that crossed the selection's border goes through an {@code Inlet}
 * (one per outside source) or an {@code Outlet} (one per inside source) named after the port it leaves or enters,
 * so the compiler, which joins a port's feeder straight to what the inlet feeds, builds the very network it built
 * before, only with the grouped nodes' ids prefixed. Pure: writing the file is the caller's.
 */
public final class Grouping {
    /** Left of the grouped nodes inside the new file: the inlets' column; the outlets' column is as far right. */
    private static final double PORT_COLUMN = 220, PORT_ROW = 90, MARGIN = 40;

    /** The new network (to write to {@code file}) and the including network with the one node in place. */
    public record Result(NetworkSpec inner, NetworkSpec outer, String node, String type) {
    }

    private Grouping() {
    }

    /** The first {@code group-N.xml} that does not exist in {@code folder}. */
    public static Path freeFile(Path folder) {
        for (int i = 1; ; i++) {
            Path p = folder.resolve("group-" + i + ".xml");
            if (!Files.exists(p)) return p;
        }
    }

    /**
     * {@code ids} of {@code spec} grouped into {@code file} (where the new network will be written), replaced in
     * {@code spec} by one node named {@code node}.
     */
    public static Result group(NetworkSpec spec, Collection<String> ids, String node, Path file,
                               ProcessorRegistry registry) throws EditRefused {
        if (ids.isEmpty()) throw new EditRefused("select the nodes to group first (Shift+click, or drag a band around them)");
        Set<String> in = new LinkedHashSet<>();
        for (NodeSpec n : spec.nodes()) if (ids.contains(n.id())) in.add(n.id());
        for (String id : ids) Specs.node(spec, id);
        Path folder = spec.origin().folder();
        Path target = file.toAbsolutePath().normalize();
        String type = NodeSpec.SUBNETWORK + folder.relativize(target).toString().replace('\\', '/');

        List<NodeSpec> inner = new ArrayList<>();
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = 0;
        for (NodeSpec n : spec.nodes()) {
            if (!in.contains(n.id())) continue;
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x());
        }
        for (NodeSpec n : spec.nodes()) {
            if (!in.contains(n.id())) continue;
            inner.add(new NodeSpec(n.id(), retyped(n.type(), folder, target.getParent()), n.params(),
                    n.x() - minX + MARGIN + PORT_COLUMN, n.y() - minY + MARGIN, Location.UNKNOWN, n.automations(), n.count()));
        }

        Set<String> taken = new HashSet<>(in);
        Map<Endpoint, String> inlets = new LinkedHashMap<>(); // outside source -> inlet id
        Map<Endpoint, String> outlets = new LinkedHashMap<>(); // inside source -> outlet id
        Map<String, PortSpec> inletPorts = new LinkedHashMap<>();
        Map<String, PortSpec> outletPorts = new LinkedHashMap<>();
        List<Connection> innerWires = new ArrayList<>();
        List<ControlConnection> innerControls = new ArrayList<>();
        List<Connection> outerWires = new ArrayList<>();
        List<ControlConnection> outerControls = new ArrayList<>();
        for (Connection c : spec.connections()) {
            boolean from = in.contains(c.from().node()), to = in.contains(c.to().node());
            if (from && to) {
                innerWires.add(c);
            } else if (to) {
                String inlet = inlet(inlets, c.from(), c.to(), taken, outerWires, node, spec, registry, inletPorts);
                innerWires.add(new Connection(new Endpoint(inlet, "out"), c.to(), Location.UNKNOWN));
            } else if (from) {
                String outlet = outlet(outlets, c.from(), taken, innerWires, spec, registry, outletPorts);
                outerWires.add(new Connection(new Endpoint(node, outlet), c.to(), c.location()));
            } else {
                outerWires.add(c);
            }
        }
        for (ControlConnection c : spec.controls()) {
            boolean from = in.contains(c.from().node()), to = in.contains(c.to().node());
            if (from && to) {
                innerControls.add(c);
            } else if (to) {
                String inlet = inlet(inlets, c.from(), c.to(), taken, outerWires, node, spec, registry, inletPorts);
                innerControls.add(new ControlConnection(new Endpoint(inlet, "out"), c.to(), c.mode(), Location.UNKNOWN));
            } else if (from) {
                String outlet = outlet(outlets, c.from(), taken, innerWires, spec, registry, outletPorts);
                outerControls.add(new ControlConnection(new Endpoint(node, outlet), c.to(), c.mode(), c.location()));
            } else {
                outerControls.add(c);
            }
        }
        int row = 0;
        for (var e : inletPorts.entrySet()) {
            inner.add(port(e.getKey(), "Inlet", e.getValue(), MARGIN, MARGIN + PORT_ROW * row++));
        }
        row = 0;
        for (var e : outletPorts.entrySet()) {
            inner.add(port(e.getKey(), "Outlet", e.getValue(), maxX - minX + MARGIN + 2 * PORT_COLUMN, MARGIN + PORT_ROW * row++));
        }
        List<MidiBinding> innerMidi = new ArrayList<>();
        List<MidiBinding> outerMidi = new ArrayList<>();
        for (MidiBinding m : spec.midi()) (m.to() != null && in.contains(m.to().node()) ? innerMidi : outerMidi).add(m);

        String name = target.getFileName().toString().replaceFirst("\\.xml$", "");
        NetworkSpec sub = new NetworkSpec(name, NetworkSpec.FORMAT_VERSION, spec.sampleRate(), 0,
                "Grouped from " + spec.name() + ": " + String.join(", ", in), inner, innerWires, innerControls, innerMidi,
                new dev.conch.engine.model.Origin(target), List.of());

        List<NodeSpec> outerNodes = new ArrayList<>();
        boolean placed = false;
        for (NodeSpec n : spec.nodes()) {
            if (!in.contains(n.id())) {
                outerNodes.add(n);
            } else if (!placed) { // where the first grouped node was in the list: the file keeps its order
                outerNodes.add(new NodeSpec(node, type, Map.of(), minX, minY, Location.UNKNOWN));
                placed = true;
            }
        }
        NetworkSpec outer = Specs.with(spec, outerNodes, outerWires, outerControls, outerMidi);
        return new Result(sub, outer, node, type);
    }

    /**
     * Null when {@code after} (the group's file written) compiles with no more problems than {@code before}; else
     * the first new one. Problems are counted, not compared: the grouped nodes' ids are prefixed once inlined.
     */
    public static String newProblem(NetworkSpec before, NetworkSpec after, ProcessorRegistry registry) {
        List<dev.conch.engine.model.Problem> now = ConnectionCheck.problems(after, registry);
        if (now.size() <= ConnectionCheck.problems(before, registry).size()) return null;
        return now.get(0).sentence();
    }

    /** The inlet an outside source comes in through (made at its first wire: the outer wire goes to the new node). */
    private static String inlet(Map<Endpoint, String> inlets, Endpoint source, Endpoint feeds, Set<String> taken,
                                List<Connection> outerWires, String node, NetworkSpec spec, ProcessorRegistry registry,
                                Map<String, PortSpec> ports) {
        String id = inlets.get(source);
        if (id != null) return id;
        id = fresh(feeds, taken);
        inlets.put(source, id);
        ports.put(id, port(spec, source, true, registry));
        outerWires.add(new Connection(source, new Endpoint(node, id), Location.UNKNOWN));
        return id;
    }

    /** The outlet an inside source goes out through (made at its first wire: the inner wire goes to the outlet). */
    private static String outlet(Map<Endpoint, String> outlets, Endpoint source, Set<String> taken,
                                 List<Connection> innerWires, NetworkSpec spec, ProcessorRegistry registry,
                                 Map<String, PortSpec> ports) {
        String id = outlets.get(source);
        if (id != null) return id;
        id = fresh(source, taken);
        outlets.put(source, id);
        ports.put(id, port(spec, source, true, registry));
        innerWires.add(new Connection(source, new Endpoint(id, "in"), Location.UNKNOWN));
        return id;
    }

    /** Named after the port ({@code in}); when taken, after its node too ({@code filter_in}), then numbered. */
    private static String fresh(Endpoint port, Set<String> taken) {
        String id = port.port();
        if (taken.contains(id)) id = port.node() + "_" + port.port();
        String base = id;
        for (int i = 2; taken.contains(id); i++) id = base + i;
        taken.add(id);
        return id;
    }

    private static PortSpec port(NetworkSpec spec, Endpoint e, boolean output, ProcessorRegistry registry) {
        NodeSpec n = spec.node(e.node()).orElse(null);
        if (n == null) return null;
        NodeFacts facts = NodeFacts.of(n, registry, spec.origin());
        return (output ? facts.outputs() : facts.inputs()).stream().filter(p -> p.name().equals(e.port())).findFirst()
                .orElse(null);
    }

    private static NodeSpec port(String id, String type, PortSpec carried, double x, double y) {
        Map<String, ParamValue> params = new LinkedHashMap<>();
        if (carried != null && carried.kind() != dev.conch.engine.runtime.PortKind.AUDIO) {
            params.put("kind", new ParamValue(carried.kind().name().toLowerCase(Locale.ROOT), Location.UNKNOWN));
        }
        return new NodeSpec(id, type, params, x, y, Location.UNKNOWN);
    }

    /**
     * A grouped node's type as seen from its new file: a sub-network found beside the including network is named
     * again from the new file's folder; one found in a library needs no change.
     */
    static String retyped(String type, Path from, Path to) {
        if (!type.startsWith(NodeSpec.SUBNETWORK)) return type;
        String name = type.substring(NodeSpec.SUBNETWORK.length()).trim();
        Path file = from.resolve(name);
        if (name.isEmpty() || !Files.isRegularFile(file) || to == null) return type;
        return NodeSpec.SUBNETWORK + to.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
