package dev.conch.engine.graph;

import dev.conch.engine.model.Location;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.Processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network with every node instantiated and every connection resolved to ports and params, checked by the
 * {@link Binder}: what the analysis passes read. Immutable. Nodes keep file order (automation sources, which the
 * binder adds, come last); each node's links in and out are kept in file order too, so a pass asks a node for its
 * neighbours instead of scanning every link.
 */
final class BoundGraph {
    private final Map<String, NodeSpec> nodes;
    private final Map<String, Processor> processors;
    private final Map<Processor, String> ids = new IdentityHashMap<>();
    private final Map<String, Integer> fileIndex = new HashMap<>();
    private final Set<String> automations;
    private final List<Link> links;
    private final List<ControlLink> controls;
    private final Map<String, List<Link>> linksInto = new HashMap<>(), linksFrom = new HashMap<>();
    private final Map<String, List<Link>> linksTouching = new HashMap<>();
    private final Map<String, List<ControlLink>> controlsInto = new HashMap<>(), controlsFrom = new HashMap<>();

    /**
     * @param nodes       every node with a valid, unique id, by id, in file order (a node whose processor failed is
     *                    here but not in {@code processors})
     * @param automations ids of the control sources the binder made for automation timelines
     */
    BoundGraph(Map<String, NodeSpec> nodes, Map<String, Processor> processors, Set<String> automations,
               List<Link> links, List<ControlLink> controls) {
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.processors = Collections.unmodifiableMap(new LinkedHashMap<>(processors));
        this.automations = Set.copyOf(automations);
        this.links = List.copyOf(links);
        this.controls = List.copyOf(controls);
        processors.forEach((id, p) -> ids.put(p, id));
        for (String id : nodes.keySet()) fileIndex.put(id, fileIndex.size());
        for (Link l : links) {
            linksFrom.computeIfAbsent(l.fromNode(), k -> new ArrayList<>()).add(l);
            linksInto.computeIfAbsent(l.toNode(), k -> new ArrayList<>()).add(l);
            linksTouching.computeIfAbsent(l.fromNode(), k -> new ArrayList<>()).add(l);
            if (!l.toNode().equals(l.fromNode())) linksTouching.computeIfAbsent(l.toNode(), k -> new ArrayList<>()).add(l);
        }
        for (ControlLink l : controls) {
            controlsFrom.computeIfAbsent(l.fromNode(), k -> new ArrayList<>()).add(l);
            controlsInto.computeIfAbsent(l.toNode(), k -> new ArrayList<>()).add(l);
        }
        for (Map<String, List<Link>> m : List.of(linksInto, linksFrom, linksTouching)) m.replaceAll((k, v) -> List.copyOf(v));
        controlsInto.replaceAll((k, v) -> List.copyOf(v));
        controlsFrom.replaceAll((k, v) -> List.copyOf(v));
    }

    /** Processors by node id, in file order, automation sources last. */
    Map<String, Processor> processors() {
        return processors;
    }

    Processor processor(String id) {
        return processors.get(id);
    }

    /** The node id of a processor of this graph. */
    String id(Processor p) {
        return ids.get(p);
    }

    /** True when {@code id} names a node of the graph (a compensation delay's step does not). */
    boolean has(String id) {
        return nodes.containsKey(id);
    }

    /** The node's processor type ({@code "Automation"} for an automation source). */
    String type(String id) {
        return nodes.get(id).type();
    }

    /** Where the node is written (for an automation source, its {@code <automate>}). */
    Location location(String id) {
        return nodes.get(id).location();
    }

    /** A node's position in the file, for ordering what is reported; unknown ids come last. */
    int fileIndex(String id) {
        return fileIndex.getOrDefault(id, fileIndex.size());
    }

    /** True for the control source the binder made for an {@code <automate>} timeline: not a node of the file. */
    boolean isAutomation(String id) {
        return automations.contains(id);
    }

    /** Every stream connection, in file order. */
    List<Link> links() {
        return links;
    }

    /** Every control connection, in file order, then the automation timelines'. */
    List<ControlLink> controls() {
        return controls;
    }

    List<Link> linksInto(String id) {
        return linksInto.getOrDefault(id, List.of());
    }

    List<Link> linksFrom(String id) {
        return linksFrom.getOrDefault(id, List.of());
    }

    /** Links into or out of {@code id}, each once, in file order. */
    List<Link> linksTouching(String id) {
        return linksTouching.getOrDefault(id, List.of());
    }

    List<ControlLink> controlsInto(String id) {
        return controlsInto.getOrDefault(id, List.of());
    }

    List<ControlLink> controlsFrom(String id) {
        return controlsFrom.getOrDefault(id, List.of());
    }

    /** A node without outputs (an output, a file writer): it fires once per frame, whatever reads what. */
    static boolean isSink(Processor p) {
        return p.outputs().isEmpty();
    }

    /** A node none of whose outputs is connected: a branch still being wired, or one only a monitor taps. */
    boolean isLeaf(String id) {
        return linksFrom(id).isEmpty() && controlsFrom(id).isEmpty() && !isSink(processors.get(id));
    }

    /** The id of the network's AudioOutput, or null when it only writes files. */
    String audioOutput() {
        for (Map.Entry<String, Processor> e : processors.entrySet()) {
            if (e.getValue() instanceof AudioOutput) return e.getKey();
        }
        return null;
    }
}
