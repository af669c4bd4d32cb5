package dev.conch.engine.graph;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * How a spectral node gets its framing: from the stream it reads, as the STFT upstream cut it. Nodes are
 * configured producers first along spectrum connections, so each consumer's configure() already sees the format its
 * source's output carries ({@link dev.conch.engine.runtime.Processor#inputFormat(String)}).
 *
 * <p>Version-1 files repeated the STFT's params on the consumers. Those params are taken out before the node is
 * created: a value that agrees with the inherited one is dropped silently, one that does not is a problem naming
 * both values.
 */
final class SpectrumInheritance {
    private SpectrumInheritance() {
    }

    /** The formats a node's spectrum inputs read, and where each comes from (for messages), by input name. */
    record Inherited(Map<String, SpectrumFormat> formats, Map<String, Endpoint> sources) {
        SpectrumFormat first() {
            return formats.isEmpty() ? null : formats.values().iterator().next();
        }
    }

    /**
     * {@code nodes} (known types, unique ids) reordered so that every spectrum source comes before its consumers;
     * otherwise in file order. Nodes on a cycle of spectrum connections (never a valid network: such a loop has no
     * delay) follow in file order.
     */
    static List<NodeSpec> order(List<NodeSpec> nodes, List<Connection> connections, ProcessorRegistry registry) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).id(), i);
        Map<String, List<String>> consumers = new HashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        for (Connection c : connections) {
            if (!isSpectrumEdge(c, nodes, index, registry)) continue;
            consumers.computeIfAbsent(c.from().node(), k -> new ArrayList<>()).add(c.to().node());
            waiting.merge(c.to().node(), 1, Integer::sum);
        }
        // not Comparator.comparingInt: its lambda is serializable, which the AOT cache does not keep (~5 ms cold)
        PriorityQueue<NodeSpec> ready =
                new PriorityQueue<>((a, b) -> Integer.compare(index.get(a.id()), index.get(b.id())));
        for (NodeSpec n : nodes) if (!waiting.containsKey(n.id())) ready.add(n);
        List<NodeSpec> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!ready.isEmpty()) {
            NodeSpec n = ready.poll();
            order.add(n);
            placed.add(n.id());
            for (String to : consumers.getOrDefault(n.id(), List.of())) {
                if (waiting.merge(to, -1, Integer::sum) == 0) ready.add(nodes.get(index.get(to)));
            }
        }
        for (NodeSpec n : nodes) if (!placed.contains(n.id())) order.add(n);
        return order;
    }

    private static boolean isSpectrumEdge(Connection c, List<NodeSpec> nodes, Map<String, Integer> index,
                                          ProcessorRegistry registry) {
        if (c.from() == null || c.to() == null) return false;
        Integer from = index.get(c.from().node()), to = index.get(c.to().node());
        if (from == null || to == null) return false;
        return spectrumInput(registry.descriptor(nodes.get(to).type()), c.to().port());
    }

    private static boolean spectrumInput(ProcessorDescriptor d, String port) {
        for (PortSpec in : d.inputs()) if (in.name().equals(port)) return in.kind() == PortKind.SPECTRUM;
        return false;
    }

    /** The formats {@code n}'s spectrum inputs read, from the sources already created. */
    static Inherited inherit(NodeSpec n, List<Connection> connections, Map<String, Processor> created,
                             ProcessorRegistry registry) {
        ProcessorDescriptor d = registry.descriptor(n.type());
        Map<String, SpectrumFormat> formats = new LinkedHashMap<>();
        Map<String, Endpoint> sources = new LinkedHashMap<>();
        for (Connection c : connections) {
            if (c.from() == null || c.to() == null || !n.id().equals(c.to().node())) continue;
            if (!spectrumInput(d, c.to().port()) || formats.containsKey(c.to().port())) continue;
            Processor source = created.get(c.from().node());
            Output out = source == null ? null : source.output(c.from().port());
            if (out == null || out.spec().format() == null) continue;
            formats.put(c.to().port(), out.spec().format());
            sources.put(c.to().port(), c.from());
        }
        return new Inherited(formats, sources);
    }

    /**
     * {@code n}'s param texts without the framing params a version-1 file repeated on a spectral consumer; each one
     * that disagrees with the inherited framing adds a problem saying what to do.
     */
    static Map<String, String> withoutRepeatedFraming(NodeSpec n, Inherited inherited, ProcessorRegistry registry,
                                                      List<Problem> problems) {
        Map<String, String> texts = n.paramTexts();
        ProcessorDescriptor d = registry.descriptor(n.type());
        if (d.inputs().stream().noneMatch(in -> in.kind() == PortKind.SPECTRUM)) return texts;
        SpectrumFormat format = inherited.first();
        for (String name : SpectrumFormat.PARAMS) {
            if (d.param(name) != null || !texts.containsKey(name)) continue;
            String text = texts.remove(name);
            // unconnected: the missing connection is what gets reported
            if (format == null || format.agrees(name, text)) continue;
            ParamValue pv = n.params().get(name);
            Location at = pv != null && pv.location().known() ? pv.location() : n.location();
            Endpoint source = inherited.sources().values().iterator().next();
            problems.add(new Problem(at, n.id(), name, n.type() + " '" + n.id() + "' sets " + name + " " + text.trim()
                    + ", but its input " + source + " carries " + name + " " + format.paramText(name)
                    + "; remove the param: a spectral node takes its framing from its input's STFT (network format 2)"));
        }
        return texts;
    }

    /** A problem when a node's spectrum inputs were cut differently (a SpectralMorph's a and b), or null. */
    static Problem mixed(NodeSpec n, Inherited inherited) {
        SpectrumFormat first = inherited.first();
        if (first == null || inherited.formats().values().stream().allMatch(first::equals)) return null;
        List<String> parts = new ArrayList<>();
        inherited.formats().forEach((port, f) -> parts.add(port + " from " + inherited.sources().get(port)
                + " (" + f.label() + ")"));
        return new Problem(n.location(), n.id(), null, n.type() + " '" + n.id() + "' reads spectra framed differently: "
                + String.join(" and ", parts) + "; give their STFTs the same fftSize, window, windowLength and overlap");
    }
}
