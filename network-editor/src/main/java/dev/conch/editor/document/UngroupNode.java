package dev.conch.editor.document;

import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ungroup: a sub-network node replaced by the nodes of its file, as the compiler inlines it: what feeds a port is
 * wired straight to what its inlet feeds inside, what a port feeds straight from what feeds its outlet, the node's
 * knob settings and automations go to the knobs' Constant nodes. Inner ids are kept when free, else prefixed with the
 * node's id ({@code voice_filter}: a slash, the compiler's prefix, is not allowed in a file's id). Its file is read
 * once, when the edit is made; undo and redo keep the networks.
 */
public record UngroupNode(String node) implements Edit {
    private static final String INLET = "Inlet", OUTLET = "Outlet", KNOB = "Constant";

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        NodeSpec n = Specs.node(spec, node);
        if (!n.isSubNetwork()) throw new EditRefused("'" + node + "' is a " + n.type() + ", not a sub-network: there is nothing to ungroup");
        if (n.count() != 1) {
            throw new EditRefused("'" + node + "' is " + n.count() + " copies of its network; set count to 1 to ungroup it");
        }
        Path file = SubNetworks.resolve(n.type(), spec.origin());
        if (file == null) throw new EditRefused("the file of '" + node + "' (" + n.type() + ") is not found beside the network or in a library");
        NetworkSpec inner;
        try {
            inner = NetworkXml.read(file);
        } catch (NetworkException e) {
            throw new EditRefused(file + " cannot be read: " + (e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).describe()));
        } catch (IOException e) {
            throw new EditRefused(file + " cannot be read: " + e.getMessage());
        }
        // its nodes move into the including network's folder: their relative paths (files, sub-network types) are
        // rewritten to name the same files from there
        inner = FilePaths.moved(inner, registry, spec.origin().folder().resolve(file.getFileName())).spec();
        return new Inliner(spec, n, inner, file).inline();
    }

    @Override
    public String label() {
        return "ungroup " + node;
    }

    /** Something an inlet feeds inside: an input (mode null) or a param. */
    private record Consumer(Endpoint to, ControlMode mode) {
    }

    private static final class Inliner {
        final NetworkSpec outer;
        final NodeSpec sub;
        final NetworkSpec inner;
        final Path file;
        final Map<String, String> ids = new HashMap<>();
        final Set<String> inlets = new HashSet<>(), outlets = new HashSet<>(), knobs = new HashSet<>(), fed = new HashSet<>();
        final Map<String, List<Consumer>> consumers = new HashMap<>();
        final Map<String, Endpoint> sources = new HashMap<>();

        Inliner(NetworkSpec outer, NodeSpec sub, NetworkSpec inner, Path file) {
            this.outer = outer;
            this.sub = sub;
            this.inner = inner;
            this.file = file;
        }

        NetworkSpec inline() throws EditRefused {
            for (NodeSpec m : inner.nodes()) {
                if (INLET.equals(m.type())) inlets.add(m.id());
                if (OUTLET.equals(m.type())) outlets.add(m.id());
                if (KNOB.equals(m.type())) knobs.add(m.id());
            }
            for (Connection c : outer.connections()) if (c.to().node().equals(sub.id())) fed.add(c.to().port());
            for (ControlConnection c : outer.controls()) if (c.to().node().equals(sub.id())) fed.add(c.to().port());
            List<NodeSpec> nodes = innerNodes();
            List<Connection> wires = new ArrayList<>();
            List<ControlConnection> controls = new ArrayList<>();
            innerWiring(wires, controls);
            for (Connection c : outer.connections()) {
                Endpoint from = source(c.from());
                if (c.to().node().equals(sub.id())) feed(c.to().port(), from, wires, controls);
                else wires.add(new Connection(from, c.to(), c.location()));
            }
            for (ControlConnection c : outer.controls()) {
                Endpoint from = source(c.from());
                if (!c.to().node().equals(sub.id())) {
                    controls.add(new ControlConnection(from, c.to(), c.mode(), c.location()));
                } else if (knobs.contains(c.to().port())) {
                    controls.add(new ControlConnection(from, new Endpoint(ids.get(c.to().port()), "value"), c.mode(), c.location()));
                } else {
                    feed(c.to().port(), from, wires, controls);
                }
            }
            List<MidiBinding> midi = new ArrayList<>();
            for (MidiBinding m : outer.midi()) {
                if (m.to() == null || !m.to().node().equals(sub.id())) {
                    midi.add(m);
                } else if (knobs.contains(m.to().port())) {
                    midi.add(new MidiBinding(m.kind(), m.channel(), m.cc(), new Endpoint(ids.get(m.to().port()), "value"), m.location()));
                } else {
                    throw new EditRefused("MIDI is bound to " + m.to() + ", which is not a knob of " + file.getFileName());
                }
            }
            for (MidiBinding m : inner.midi()) midi.add(new MidiBinding(m.kind(), m.channel(), m.cc(), moved(m.to()), Location.UNKNOWN));
            return Specs.with(outer, nodes, wires, controls, midi);
        }

        /** The outer nodes with the sub-network's own in its place, renamed where taken, set as the node set them. */
        private List<NodeSpec> innerNodes() throws EditRefused {
            Set<String> taken = new HashSet<>();
            for (NodeSpec o : outer.nodes()) if (!o.id().equals(sub.id())) taken.add(o.id());
            Map<String, Map<String, String>> sets = settings();
            Map<String, Automation> automated = new HashMap<>();
            for (Automation a : sub.automations()) {
                if (!knobs.contains(a.param())) throw new EditRefused(sub.id() + "." + a.param() + " is automated but is no knob of " + file.getFileName());
                automated.put(a.param(), new Automation("value", a.events(), a.location()));
            }
            List<NodeSpec> kept = inner.nodes().stream().filter(this::kept).toList();
            // the kept nodes' top-left corner goes where the node was (the ports' column left of them goes away)
            double minX = kept.stream().mapToDouble(NodeSpec::x).min().orElse(0);
            double minY = kept.stream().mapToDouble(NodeSpec::y).min().orElse(0);
            List<NodeSpec> mine = new ArrayList<>();
            for (NodeSpec m : kept) {
                String id = m.id();
                if (taken.contains(id)) id = sub.id() + "_" + m.id();
                String base = id;
                for (int i = 2; taken.contains(id); i++) id = base + i;
                taken.add(id);
                ids.put(m.id(), id);
                Map<String, ParamValue> params = new LinkedHashMap<>(m.params());
                if (m.id().equals(SubNetworks.INDEX) && KNOB.equals(m.type()) && !sets.containsKey(SubNetworks.INDEX)) {
                    params.put("value", new ParamValue("0", Location.UNKNOWN)); // the one copy's number
                }
                sets.getOrDefault(m.id(), Map.of()).forEach((k, v) -> params.put(k, new ParamValue(v, Location.UNKNOWN)));
                List<Automation> autos = new ArrayList<>(m.automations());
                Automation knob = automated.get(m.id());
                if (knob != null) {
                    autos.removeIf(a -> a.param().equals("value"));
                    autos.add(knob);
                }
                mine.add(new NodeSpec(id, m.type(), params, sub.x() + m.x() - minX, sub.y() + m.y() - minY, Location.UNKNOWN, autos, m.count()));
            }
            List<NodeSpec> all = new ArrayList<>();
            for (NodeSpec o : outer.nodes()) {
                if (o.id().equals(sub.id())) all.addAll(mine);
                else all.add(o);
            }
            return all;
        }

        /** Outlets go, and inlets fed from outside (what feeds them is wired straight in); the rest is inlined. */
        private boolean kept(NodeSpec m) {
            return !(OUTLET.equals(m.type()) || INLET.equals(m.type()) && fed.contains(m.id()));
        }

        /** The node's params by the inner node they set: a knob's value, or an inner param by its path (filter.q). */
        private Map<String, Map<String, String>> settings() throws EditRefused {
            Map<String, Map<String, String>> sets = new HashMap<>();
            for (Map.Entry<String, ParamValue> p : sub.params().entrySet()) {
                String name = p.getKey();
                int dot = name.lastIndexOf('.');
                if (knobs.contains(name)) {
                    sets.computeIfAbsent(name, x -> new LinkedHashMap<>()).put("value", p.getValue().text());
                } else if (dot > 0 && inner.node(name.substring(0, dot)).isPresent()) {
                    sets.computeIfAbsent(name.substring(0, dot), x -> new LinkedHashMap<>()).put(name.substring(dot + 1), p.getValue().text());
                } else {
                    throw new EditRefused(sub.id() + "." + name + " is no knob of " + file.getFileName() + " and names no node inside it");
                }
            }
            return sets;
        }

        private void innerWiring(List<Connection> wires, List<ControlConnection> controls) throws EditRefused {
            for (Connection c : inner.connections()) {
                boolean fromInlet = inlets.contains(c.from().node()) && fed.contains(c.from().node());
                boolean toOutlet = outlets.contains(c.to().node());
                if (fromInlet && toOutlet) {
                    throw new EditRefused("inlet '" + c.from().node() + "' is wired straight to outlet '" + c.to().node()
                            + "' in " + file.getFileName() + ", which does not compile either; put a node between them first");
                } else if (fromInlet) {
                    consumers.computeIfAbsent(c.from().node(), x -> new ArrayList<>()).add(new Consumer(moved(c.to()), null));
                } else if (toOutlet) {
                    sources.put(c.to().node(), moved(c.from()));
                } else {
                    wires.add(new Connection(moved(c.from()), moved(c.to()), Location.UNKNOWN));
                }
            }
            for (ControlConnection c : inner.controls()) {
                if (inlets.contains(c.from().node()) && fed.contains(c.from().node())) {
                    consumers.computeIfAbsent(c.from().node(), x -> new ArrayList<>()).add(new Consumer(moved(c.to()), c.mode()));
                } else {
                    controls.add(new ControlConnection(moved(c.from()), moved(c.to()), c.mode(), Location.UNKNOWN));
                }
            }
        }

        /** What an outer wire's source becomes: itself, or what feeds the outlet it named. */
        private Endpoint source(Endpoint from) throws EditRefused {
            if (!from.node().equals(sub.id())) return from;
            Endpoint s = sources.get(from.port());
            if (s == null) {
                throw new EditRefused(outlets.contains(from.port())
                        ? "outlet '" + from.port() + "' of " + file.getFileName() + " is fed by nothing inside"
                        : sub.id() + " has no output '" + from.port() + "'");
            }
            return s;
        }

        private void feed(String inlet, Endpoint from, List<Connection> wires, List<ControlConnection> controls) throws EditRefused {
            if (!inlets.contains(inlet)) throw new EditRefused(sub.id() + " has no input '" + inlet + "'");
            for (Consumer c : consumers.getOrDefault(inlet, List.of())) {
                if (c.mode() == null) wires.add(new Connection(from, c.to(), Location.UNKNOWN));
                else controls.add(new ControlConnection(from, c.to(), c.mode(), Location.UNKNOWN));
            }
        }

        private Endpoint moved(Endpoint e) {
            return new Endpoint(ids.getOrDefault(e.node(), e.node()), e.port());
        }
    }
}
