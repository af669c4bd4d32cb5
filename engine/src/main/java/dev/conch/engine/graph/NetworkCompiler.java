package dev.conch.engine.graph;

import dev.conch.engine.io.TempTarget;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.AutomationCurve;
import dev.conch.engine.runtime.AutomationSource;
import dev.conch.engine.runtime.FeedbackBreaker;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.LatencyDelay;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.Schedule;
import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.engine.runtime.Text;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link NetworkSpec} into a {@link CompiledNetwork}: instantiates processors, checks every node, param
 * and connection, finds feedback loops (legal only through a {@link FeedbackBreaker} such as a Delay), checks that
 * multi-rate ports agree, aligns paths of unequal latency, orders the steps and sizes every buffer once.
 * Every problem found is reported together, each with the file position, node and port it concerns.
 */
public final class NetworkCompiler {
    public static final int MAX_BLOCK = 8192;
    /**
     * Frames per segment of a network with a feedback loop, whatever the callback's block size (smaller blocks are
     * smaller segments of a schedule sized for this one). A loop's lead (how far its delay's emit may run ahead of its
     * absorb) grows with the segment; a fixed segment keeps the lead, and so the shortest legal loop delay and the
     * rendered bits, the same at every block size.
     */
    public static final int LOOP_SEGMENT = 64;

    private final NetworkSpec spec;
    private final ProcessorRegistry registry;
    private final int maxBlock;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, Processor> processors = new LinkedHashMap<>();
    /** Resolved stream connections and control connections. */
    private final List<Link> links = new ArrayList<>();
    private final List<ControlLink> controlLinks = new ArrayList<>();
    /** Per node, the framing each spectrum input reads (from its source's output). */
    private final Map<String, Map<String, SpectrumFormat>> inputFormats = new HashMap<>();
    /** Nodes whose configure failed (reported): their ports are unknown, so nothing more is said about them. */
    private final Set<String> unconfigured = new HashSet<>();
    /** Inputs fed from an unconfigured node: connected, as far as the user can tell. */
    private final Set<Input> fedByUnconfigured = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private record Link(String fromNode, Output from, String toNode, Input to, Location location) {
    }

    private record ControlLink(String fromNode, Output from, String toNode, Param to, ControlMode mode,
                               Location location) {
    }

    private NetworkCompiler(NetworkSpec spec, ProcessorRegistry registry, int maxBlock) {
        this.spec = spec;
        this.registry = registry;
        this.maxBlock = maxBlock;
    }

    /**
     * Compiles {@code spec} for callbacks of at most {@code maxBlock} frames.
     *
     * @throws NetworkException listing every problem, when there is at least one
     */
    public static CompiledNetwork compile(NetworkSpec spec, ProcessorRegistry registry, int maxBlock)
            throws NetworkException {
        return new NetworkCompiler(spec, registry, maxBlock).run();
    }

    /**
     * The framing each node's spectrum inputs read, by node id and input name, as compiling would give them (for
     * tools: the editor's inspector shows them). Checks nothing else; a node that fails is absent or empty.
     */
    public static Map<String, Map<String, SpectrumFormat>> inputFormats(NetworkSpec spec, ProcessorRegistry registry) {
        NetworkCompiler c = new NetworkCompiler(spec, registry, 1);
        c.instantiate();
        return Map.copyOf(c.inputFormats);
    }

    /**
     * {@code spec} without the framing params a version-1 file repeated on spectral consumers where they agree with
     * the inherited framing, so that writing it gives a version-2 file with the same meaning. A param that disagrees
     * stays, so that compiling still says what to do about it.
     */
    public static NetworkSpec withoutRepeatedFraming(NetworkSpec spec, ProcessorRegistry registry) {
        Map<String, Map<String, SpectrumFormat>> formats = inputFormats(spec, registry);
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            Map<String, SpectrumFormat> in = formats.getOrDefault(n.id(), Map.of());
            SpectrumFormat f = in.isEmpty() ? null : in.values().iterator().next();
            Map<String, ParamValue> kept = new LinkedHashMap<>(n.params());
            if (f != null) {
                var d = registry.descriptor(n.type());
                kept.entrySet().removeIf(e -> SpectrumFormat.PARAMS.contains(e.getKey()) && d.param(e.getKey()) == null
                        && f.agrees(e.getKey(), e.getValue().text()));
            }
            nodes.add(kept.size() == n.params().size() ? n
                    : new NodeSpec(n.id(), n.type(), kept, n.x(), n.y(), n.location(), n.automations()));
        }
        return new NetworkSpec(spec.name(), spec.version(), spec.sampleRate(), spec.duration(), spec.description(),
                nodes, spec.connections(), spec.controls(), spec.midi());
    }

    private CompiledNetwork run() throws NetworkException {
        if (maxBlock < 1 || maxBlock > MAX_BLOCK) {
            throw new IllegalArgumentException("block size must be 1 to " + MAX_BLOCK + " frames, not " + maxBlock);
        }
        if (!(spec.sampleRate() >= 1000 && spec.sampleRate() <= 768000)) {
            problems.add(new Problem(Location.UNKNOWN, null, null,
                    "sample rate " + spec.sampleRate() + " Hz is outside 1000 to 768000 Hz"));
        }
        instantiate();
        checkWrittenFiles();
        resolveConnections();
        resolveControls();
        resolveAutomations();
        checkMidi();
        checkRequiredInputs();
        fail();

        Loops loops = findLoops();
        fail();
        Map<Processor, Rational> rates = checkRates();
        fail();

        return build(loops, rates);
    }

    private void fail() throws NetworkException {
        if (!problems.isEmpty()) throw new NetworkException(spec.name() == null ? "network" : spec.name(), problems);
    }

    // ---------------------------------------------------------------- nodes and params

    /**
     * Creates every node's processor. Spectral consumers are configured after their sources (see
     * {@link SpectrumInheritance}) so they see their input's framing; problems and processors stay in file order.
     */
    private void instantiate() {
        // by identity, in file order: two nodes may be equal records (a repeated id, no id at all)
        Map<NodeSpec, List<Problem>> found = new IdentityHashMap<>();
        List<NodeSpec> known = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            List<Problem> mine = new ArrayList<>();
            found.put(n, mine);
            if (n.id() == null || n.id().isBlank()) {
                mine.add(new Problem(n.location(), null, null, "a node has no id"));
                continue;
            }
            if (!n.id().matches("[A-Za-z_][A-Za-z0-9_.\\-]*") || n.id().endsWith(".")) {
                mine.add(new Problem(n.location(), n.id(), null, "node ids are letters, digits, '_', '-' and '.', "
                        + "starting with a letter or '_' (no spaces)"));
                continue;
            }
            NodeSpec first = nodes.get(n.id());
            if (first != null) {
                mine.add(new Problem(n.location(), n.id(), null, "the id '" + n.id() + "' is used twice"
                        + (first.location().known() ? " (first at line " + first.location().line() + ")" : "")
                        + "; every node needs its own id"));
                continue;
            }
            nodes.put(n.id(), n);
            if (n.type() == null || !registry.has(n.type())) {
                String near = n.type() == null ? null : registry.closest(n.type());
                mine.add(new Problem(n.location(), n.id(), null, Diagnostics.unknownType(Text.clip(n.type()), near)
                        + "; `conch list` shows them all"));
                continue;
            }
            known.add(n);
        }
        Map<String, Processor> created = new HashMap<>();
        for (NodeSpec n : SpectrumInheritance.order(known, spec.connections(), registry)) {
            List<Problem> mine = found.get(n);
            SpectrumInheritance.Inherited inherited = SpectrumInheritance.inherit(n, spec.connections(), created, registry);
            inputFormats.put(n.id(), inherited.formats());
            Problem mixed = SpectrumInheritance.mixed(n, inherited);
            if (mixed != null) mine.add(mixed);
            Map<String, String> texts = SpectrumInheritance.withoutRepeatedFraming(n, inherited, registry, mine);
            ProcessorRegistry.Created c = registry.create(n.type(), texts, inherited.formats());
            if (c.problems().stream().anyMatch(pp -> pp.param().isEmpty())) unconfigured.add(n.id());
            for (ProcessorRegistry.ParamProblem pp : c.problems()) {
                ParamValue pv = n.params().get(pp.param());
                Location loc = pv != null && pv.location().known() ? pv.location() : n.location();
                mine.add(new Problem(loc, n.id(), pp.param().isEmpty() ? null : pp.param(), pp.message()));
            }
            created.put(n.id(), c.processor());
        }
        int outputs = 0;
        for (NodeSpec n : spec.nodes()) {
            problems.addAll(found.get(n));
            Processor p = nodes.get(n.id()) == n ? created.get(n.id()) : null;
            if (p == null) continue;
            processors.put(n.id(), p);
            if (p instanceof AudioOutput && ++outputs > 1) {
                problems.add(new Problem(n.location(), n.id(), null,
                        "a network has at most one AudioOutput; give it more channels instead"));
            }
        }
    }

    /** Two nodes writing one file: the second rename would silently replace the first recording. */
    private void checkWrittenFiles() {
        Map<java.nio.file.Path, String> writers = new HashMap<>();
        processors.forEach((id, p) -> {
            java.nio.file.Path file = p.writesFile();
            if (file == null) return;
            String first = writers.putIfAbsent(TempTarget.canonical(file), id);
            if (first != null) {
                problems.add(new Problem(nodes.get(id).location(), id, null, "nodes '" + first + "' and '" + id
                        + "' both write " + file + ", so one recording would be lost; give each "
                        + "writer its own file"));
            }
        });
    }

    // ---------------------------------------------------------------- connections

    private void resolveConnections() {
        Map<Input, Connection> sources = new IdentityHashMap<>();
        for (Connection c : spec.connections()) {
            if (c.from() == null || c.to() == null) {
                problems.add(new Problem(c.location(), null, null, "a connection needs from=\"node.port\" and to=\"node.port\""));
                continue;
            }
            Processor fromP = node(c.from(), c.location(), "from");
            Processor toP = node(c.to(), c.location(), "to");
            if (fromP == null || toP == null) continue;
            Output out = fromP.output(c.from().port());
            Input in = toP.input(c.to().port());
            if (out == null && unconfigured.contains(c.from().node())) {
                if (in != null) fedByUnconfigured.add(in);
                continue;
            }
            if (in == null && unconfigured.contains(c.to().node())) continue;
            if (out == null) {
                problems.add(portProblem(c.location(), c.from(), fromP, true));
                continue;
            }
            if (in == null) {
                problems.add(portProblem(c.location(), c.to(), toP, false));
                continue;
            }
            PortSpec a = out.spec(), b = in.spec();
            if (a.kind() != b.kind()) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), "cannot connect " + c.from()
                        + " (" + a.kind().label() + ") to " + c.to() + " (" + b.kind().label() + "): ports connect "
                        + "only to ports of the same kind"));
                continue;
            }
            Connection earlier = sources.put(in, c);
            if (earlier != null) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), "input " + c.to()
                        + " already has a source (" + earlier.from() + at(earlier.location())
                        + "); an input takes one source: use a Mixer to sum signals"));
                continue;
            }
            // consumers are configured with their source's framing, so this holds except on a loop of spectra
            if (a.kind() == PortKind.SPECTRUM && (a.width() != b.width() || !Objects.equals(a.format(), b.format()))) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), "cannot connect " + c.from()
                        + " (" + frames(a) + ") to " + c.to() + ", which reads " + frames(b)
                        + ": a spectrum stream must keep its STFT's framing"));
                continue;
            }
            links.add(new Link(c.from().node(), out, c.to().node(), in, c.location()));
        }
    }

    private static String frames(PortSpec p) {
        return p.format() != null ? "frames of " + p.format().label() : "frames of FFT size " + p.fftSize();
    }

    private void resolveControls() {
        Set<Param> driven = new HashSet<>();
        for (ControlConnection c : spec.controls()) {
            if (c.from() == null || c.to() == null) {
                problems.add(new Problem(c.location(), null, null,
                        "a control connection needs from=\"node.port\" and to=\"node.param\""));
                continue;
            }
            Processor fromP = node(c.from(), c.location(), "from");
            Processor toP = node(c.to(), c.location(), "to");
            if (fromP == null || toP == null) continue;
            Output out = fromP.output(c.from().port());
            if (out == null && unconfigured.contains(c.from().node())) continue;
            if (out == null) {
                problems.add(portProblem(c.location(), c.from(), fromP, true));
                continue;
            }
            if (out.spec().kind() != PortKind.CONTROL || out.spec().rate() != 1) {
                problems.add(new Problem(c.location(), c.from().node(), c.from().port(), c.from() + " is "
                        + (out.spec().kind() == PortKind.CONTROL ? "a multi-rate" : "an " + out.spec().kind().label())
                        + " output; a parameter can only be driven by a control output"));
                continue;
            }
            Param p = toP.param(c.to().port());
            if (p == null && unconfigured.contains(c.to().node())) continue;
            if (p == null) {
                String near = Text.closest(c.to().port(), toP.params().stream().map(Param::name).toList());
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), Diagnostics.noParameter(
                        Diagnostics.node(nodes.get(c.to().node()).type(), c.to().node()), c.to().port(), "", near)));
                continue;
            }
            if (!p.spec().live()) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(),
                        Diagnostics.fixedAtCompile(c.to().toString(), ", so a control cannot drive it")));
                continue;
            }
            if (!driven.add(p)) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), c.to()
                        + " is already driven by another control; use a Mixer of controls to combine them"));
                continue;
            }
            controlLinks.add(new ControlLink(c.from().node(), out, c.to().node(), p, c.mode(), c.location()));
        }
    }

    /**
     * Each {@code <automate>} timeline becomes an internal control source driving its param, so automation reuses
     * the control-connection path: sample-accurate, and the same at any block size.
     */
    private void resolveAutomations() {
        for (NodeSpec n : List.copyOf(nodes.values())) {
            Processor p = processors.get(n.id());
            if (p == null) continue;
            for (Automation a : n.automations()) {
                Param prm = p.param(a.param());
                if (prm == null && unconfigured.contains(n.id())) continue;
                if (prm == null) {
                    String near = Text.closest(a.param(), p.params().stream().map(Param::name).toList());
                    problems.add(new Problem(a.location(), n.id(), a.param(), Diagnostics.noParameter(
                            Diagnostics.node(n.type(), n.id()), a.param(), " to automate", near)));
                    continue;
                }
                if (!prm.spec().live()) {
                    problems.add(new Problem(a.location(), n.id(), a.param(),
                            Diagnostics.fixedAtCompile(a.param(), ", so it cannot be automated")));
                    continue;
                }
                ControlLink driver = controlLinks.stream().filter(l -> l.to() == prm).findFirst().orElse(null);
                if (driver != null) {
                    problems.add(new Problem(a.location(), n.id(), a.param(), a.param() + " is both automated and driven "
                            + "by " + driver.fromNode() + "." + driver.from().name() + "; keep one"));
                    continue;
                }
                boolean inRange = true;
                for (AutomationEvent e : a.events()) {
                    List<Double> vs = e.kind() == AutomationEvent.Kind.VALUE_CURVE ? e.values() : List.of(e.value());
                    for (double v : vs) {
                        if (v < prm.spec().min() || v > prm.spec().max()) {
                            problems.add(new Problem(e.location().known() ? e.location() : a.location(), n.id(),
                                    a.param(), "<" + e.kind().element() + "> goes to " + v + ", out of range: "
                                    + a.param() + " takes " + prm.spec().rangeText()));
                            inRange = false;
                        }
                    }
                }
                if (!inRange) continue;
                AutomationCurve curve;
                try {
                    curve = new AutomationCurve(a.events(), prm.value());
                } catch (IllegalArgumentException ex) {
                    problems.add(new Problem(a.location(), n.id(), a.param(), ex.getMessage()));
                    continue;
                }
                AutomationSource source = new AutomationSource(curve);
                String id = n.id() + "." + a.param() + "@automation";
                processors.put(id, source);
                nodes.put(id, new NodeSpec(id, "Automation", Map.of(), 0, 0, a.location()));
                controlLinks.add(new ControlLink(id, source.output(), n.id(), prm, ControlMode.REPLACE, a.location()));
            }
        }
    }

    /** MIDI bindings act only live, through the control queue; here they are checked like everything else. */
    private void checkMidi() {
        for (MidiBinding m : spec.midi()) {
            Processor p = node(m.to(), m.location(), "to");
            if (p == null) continue;
            Param prm = p.param(m.to().port());
            if (prm == null && unconfigured.contains(m.to().node())) continue;
            if (prm == null) {
                String near = Text.closest(m.to().port(), p.params().stream().map(Param::name).toList());
                problems.add(new Problem(m.location(), m.to().node(), m.to().port(), Diagnostics.noParameter(
                        Diagnostics.node(nodes.get(m.to().node()).type(), m.to().node()), m.to().port(),
                        " for MIDI to set", near)));
            } else if (!prm.spec().live()) {
                problems.add(new Problem(m.location(), m.to().node(), m.to().port(),
                        Diagnostics.fixedAtCompile(m.to().toString(), ", so MIDI cannot set it")));
            }
        }
    }

    private Processor node(Endpoint e, Location loc, String side) {
        Processor p = processors.get(e.node());
        if (p == null && !nodes.containsKey(e.node())) {
            String near = Text.closest(e.node(), nodes.keySet());
            problems.add(new Problem(loc, e.node(), null, "the connection's '" + side + "' names node '" + e.node()
                    + "', which is not in this network" + Diagnostics.didYouMean(near)));
        }
        return p; // null without a message when the node exists but failed earlier: that was reported already
    }

    private Problem portProblem(Location loc, Endpoint e, Processor p, boolean wantOutput) {
        String type = nodes.get(e.node()).type();
        List<String> outs = p.outputs().stream().map(Output::name).toList();
        List<String> ins = p.inputs().stream().map(Input::name).toList();
        List<String> wanted = wantOutput ? outs : ins;
        String message;
        if ((wantOutput ? ins : outs).contains(e.port())) {
            message = e + " is an " + (wantOutput ? "input" : "output") + "; connections go from an output to an input";
        } else {
            String near = Text.closest(e.port(), wanted);
            message = Diagnostics.noPort(Diagnostics.node(type, e.node()), wantOutput, e.port()) + Diagnostics.didYouMean(near)
                    + (wanted.isEmpty() ? "; it has no " + (wantOutput ? "outputs" : "inputs")
                    : "; its " + (wantOutput ? "outputs" : "inputs") + " are: " + String.join(", ", wanted));
        }
        return new Problem(loc, e.node(), e.port(), message);
    }

    private void checkRequiredInputs() {
        Set<Input> connected = links.stream().map(Link::to).collect(Collectors.toCollection(
                () -> java.util.Collections.newSetFromMap(new IdentityHashMap<>())));
        processors.forEach((id, p) -> {
            for (Input in : p.inputs()) {
                if (!in.spec().optional() && !connected.contains(in) && !fedByUnconfigured.contains(in)) {
                    problems.add(new Problem(nodes.get(id).location(), id, in.name(),
                            "nothing is connected to the required input '" + in.name() + "' ("
                                    + in.spec().typeLabel() + ")"));
                }
            }
        });
    }

    private static String at(Location l) {
        return l.known() ? " at line " + l.line() : "";
    }

    // ---------------------------------------------------------------- loops

    /** Which nodes close a feedback loop and are therefore split into emit and absorb steps. */
    private record Loops(Set<String> split, List<Set<String>> cycles) {
    }

    private Graph<String, DefaultEdge> nodeGraph() {
        Graph<String, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        processors.keySet().forEach(g::addVertex);
        links.forEach(l -> g.addEdge(l.fromNode(), l.toNode()));
        controlLinks.forEach(l -> g.addEdge(l.fromNode(), l.toNode()));
        return g;
    }

    private Loops findLoops() {
        Graph<String, DefaultEdge> g = nodeGraph();
        Set<String> split = new HashSet<>();
        List<Set<String>> loopSets = new ArrayList<>();
        List<Set<String>> reported = new ArrayList<>();
        for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
            String only = scc.iterator().next();
            if (scc.size() == 1 && !g.containsEdge(only, only)) continue;
            List<String> breakers = scc.stream().filter(id -> processors.get(id) instanceof FeedbackBreaker)
                    .sorted(Comparator.comparingInt(this::fileIndex)).toList();
            if (breakers.isEmpty()) {
                reported.add(scc);
                List<String> cycle = cycleThrough(g, scc);
                problems.add(new Problem(nodes.get(cycle.get(0)).location(), cycle.get(0), null,
                        "feedback loop without a delay: " + String.join(" -> ", cycle)
                                + "; a loop must pass through a node that delays by at least one block (a Delay)"));
                continue;
            }
            split.addAll(breakers);
            loopSets.add(scc);
        }
        // a loop inside a loop may avoid every delay: check the graph with the delays cut
        Graph<String, DefaultEdge> cut = new DirectedPseudograph<>(DefaultEdge.class);
        g.vertexSet().forEach(cut::addVertex);
        for (DefaultEdge e : g.edgeSet()) {
            if (!split.contains(g.getEdgeTarget(e))) cut.addEdge(g.getEdgeSource(e), g.getEdgeTarget(e));
        }
        for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(cut).stronglyConnectedSets()) {
            String only = scc.iterator().next();
            if (scc.size() == 1 && !cut.containsEdge(only, only)) continue;
            if (scc.stream().anyMatch(split::contains)) continue;
            if (reported.stream().anyMatch(r -> r.containsAll(scc))) continue;
            List<String> cycle = cycleThrough(cut, scc);
            problems.add(new Problem(nodes.get(cycle.get(0)).location(), cycle.get(0), null,
                    "feedback loop without a delay: " + String.join(" -> ", cycle)
                            + "; a loop must pass through a node that delays by at least one block (a Delay)"));
        }
        return new Loops(split, loopSets);
    }

    /** One cycle inside a strongly connected set, as node ids, first repeated at the end. */
    private List<String> cycleThrough(Graph<String, DefaultEdge> g, Set<String> scc) {
        String start = scc.stream().min(Comparator.comparingInt(this::fileIndex)).orElseThrow();
        Map<String, String> parent = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        parent.put(start, null);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (DefaultEdge e : g.outgoingEdgesOf(v)) {
                String w = g.getEdgeTarget(e);
                if (!scc.contains(w)) continue;
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String x = v; x != null; x = parent.get(x)) path.add(0, x);
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        return List.of(start, start);
    }

    private int fileIndex(String id) {
        int i = 0;
        for (String k : nodes.keySet()) {
            if (k.equals(id)) return i;
            i++;
        }
        return i;
    }

    // ---------------------------------------------------------------- rates

    /**
     * Firings per output frame for every node that reaches a sink, from the balance equations of synchronous
     * dataflow: along a connection, producer firings x output rate = consumer firings x input rate. A control's
     * source runs at the fastest rate among the params it drives (an LFO driving an oscillator's amplitude and a
     * spectral node's gain runs per sample); a slower node reads every k-th value, so each driven node must fire
     * a whole number of times slower than the source.
     */
    private Map<Processor, Rational> checkRates() {
        Map<Processor, Rational> r = new IdentityHashMap<>();
        Map<Processor, String> ids = new IdentityHashMap<>();
        processors.forEach((id, p) -> ids.put(p, id));
        ArrayDeque<Processor> queue = new ArrayDeque<>();
        processors.forEach((id, p) -> {
            if (isSink(p)) {
                for (Input in : p.inputs()) {
                    if (in.spec().rate() != 1) {
                        problems.add(new Problem(nodes.get(id).location(), id, in.name(),
                                "an output node's inputs must take one token per frame"));
                    }
                }
                r.put(p, Rational.ONE);
                queue.add(p);
            }
        });
        propagateLinks(r, queue, ids);
        spreadThroughControls(r, queue, ids);
        // a part of the network that reaches no output still runs (a monitor may tap it, and a loop's absorb half
        // pulls on it): each of its sources fires once per frame, seeding the rates of the part it belongs to
        for (Processor p : processors.values()) {
            if (r.containsKey(p) || isSink(p) || links.stream().anyMatch(l -> processors.get(l.toNode()) == p)) continue;
            r.put(p, Rational.ONE);
            queue.add(p);
            propagateLinks(r, queue, ids);
            spreadThroughControls(r, queue, ids);
        }
        for (ControlLink l : controlLinks) {
            Rational from = r.get(processors.get(l.fromNode())), to = r.get(processors.get(l.toNode()));
            if (from == null || to == null) continue;
            Rational stride = from.over(to);
            if (stride.den() != 1) {
                problems.add(new Problem(l.location(), l.toNode(), l.to().name(), l.fromNode() + "." + l.from().name()
                        + " gives " + from + " values per frame and " + l.toNode() + " fires " + to
                        + " times per frame, so " + l.toNode() + "." + l.to().name() + " cannot take every k-th value;"
                        + " a control can drive params of nodes that fire the same number of times per frame as its"
                        + " source or a whole number of times fewer: drive this param from a control source of its own"));
            }
        }
        Set<String> heard = new HashSet<>(); // nodes with a path to an output or a file writer
        ArrayDeque<String> back = new ArrayDeque<>();
        processors.forEach((id, p) -> {
            if (isSink(p)) back.add(id);
        });
        while (!back.isEmpty()) {
            String id = back.poll();
            if (!heard.add(id)) continue;
            for (Link l : links) if (l.toNode().equals(id)) back.add(l.fromNode());
            for (ControlLink l : controlLinks) if (l.toNode().equals(id)) back.add(l.fromNode());
        }
        processors.forEach((id, p) -> {
            if (heard.contains(id) || id.endsWith("@automation")) return;
            warnings.add(new Problem(nodes.get(id).location(), id, null, r.containsKey(p)
                    ? "reaches no output or file writer: it runs (a monitor can show it) but is not heard"
                    : "reaches no output or file writer, so it never runs"));
        });
        return r;
    }

    /**
     * A control's source runs at the fastest rate among the params it drives; a node reached only through the
     * control driving it runs at its source's rate. Repeated until nothing changes, spreading along streams too.
     */
    private void spreadThroughControls(Map<Processor, Rational> r, ArrayDeque<Processor> queue,
                                       Map<Processor, String> ids) {
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Processor p : processors.values()) {
                if (r.containsKey(p)) continue;
                Rational fastest = null;
                for (ControlLink l : controlLinks) {
                    Rational driven = r.get(processors.get(l.toNode()));
                    if (processors.get(l.fromNode()) == p && driven != null
                            && (fastest == null || driven.greaterThan(fastest))) {
                        fastest = driven;
                    }
                }
                for (ControlLink l : controlLinks) { // a node reached only through the control driving it
                    Rational source = r.get(processors.get(l.fromNode()));
                    if (fastest == null && processors.get(l.toNode()) == p && source != null) fastest = source;
                }
                if (fastest == null) continue;
                r.put(p, fastest);
                queue.add(p);
                propagateLinks(r, queue, ids);
                grew = true;
            }
        }
    }

    /** Spreads rates from the queued nodes along stream connections, both ways. */
    private void propagateLinks(Map<Processor, Rational> r, ArrayDeque<Processor> queue, Map<Processor, String> ids) {
        while (!queue.isEmpty()) {
            Processor p = queue.poll();
            Rational rp = r.get(p);
            for (Link l : links) {
                Processor from = processors.get(l.fromNode()), to = processors.get(l.toNode());
                if (to == p) propagate(r, queue, from, rp.times(l.to().spec().rate(), l.from().spec().rate()), ids, l.location());
                if (from == p) propagate(r, queue, to, rp.times(l.from().spec().rate(), l.to().spec().rate()), ids, l.location());
            }
        }
    }

    /** How many values of its source a driven param skips per value it takes (1 at the same rate). */
    private static int stride(ControlLink l, Map<Processor, Rational> rates, Map<String, Processor> processors) {
        Rational from = rates.get(processors.get(l.fromNode())), to = rates.get(processors.get(l.toNode()));
        return from == null || to == null ? 1 : (int) from.over(to).num();
    }

    private void propagate(Map<Processor, Rational> r, ArrayDeque<Processor> queue, Processor p, Rational value,
                           Map<Processor, String> ids, Location where) {
        Rational old = r.get(p);
        if (old == null) {
            r.put(p, value);
            queue.add(p);
        } else if (!old.equals(value)) {
            String id = ids.get(p);
            // one imbalance makes every node downstream disagree too: the first is the one worth reading
            if (problems.stream().noneMatch(x -> x.message().startsWith("the token rates"))) {
                problems.add(new Problem(where.known() ? where : nodes.get(id).location(), id, null,
                        "the token rates of the paths through this node do not agree: one path needs it to fire "
                                + old + " times per output frame, another " + value
                                + "; multi-rate nodes must balance on every path to the output"));
            }
        }
    }

    private static boolean isSink(Processor p) {
        return p.outputs().isEmpty();
    }

    /** A node none of whose outputs is connected: a branch still being wired, or one only a monitor taps. */
    private boolean isLeaf(Processor p) {
        for (Link l : links) if (l.to() != null && p.outputs().contains(l.from())) return false;
        for (ControlLink l : controlLinks) if (p.outputs().contains(l.from())) return false;
        return !isSink(p);
    }

    // ---------------------------------------------------------------- schedule

    /** A step vertex: a node's processor, or one half of a loop-closing node, or a compensation delay. */
    private record StepV(String name, String node, Processor processor, Schedule.Kind kind, int index) {
    }

    private CompiledNetwork build(Loops loops, Map<Processor, Rational> rates) throws NetworkException {
        // with a loop, the schedule is sized for segments of LOOP_SEGMENT frames even when the blocks are smaller,
        // so each loop's lead (and the least delay a loop holds) is the same at every block size
        int segment = loops.split().isEmpty() ? maxBlock : LOOP_SEGMENT;
        Graph<StepV, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        Map<String, StepV> producer = new HashMap<>(), consumer = new HashMap<>();
        int index = 0;
        for (Map.Entry<String, Processor> e : processors.entrySet()) {
            String id = e.getKey();
            if (loops.split().contains(id)) {
                StepV emit = new StepV(id + "<", id, e.getValue(), Schedule.Kind.EMIT, index++);
                StepV absorb = new StepV(id + ">", id, e.getValue(), Schedule.Kind.ABSORB, index++);
                g.addVertex(emit);
                g.addVertex(absorb);
                producer.put(id, emit);
                consumer.put(id, absorb);
            } else {
                StepV v = new StepV(id, id, e.getValue(), Schedule.Kind.PROCESS, index++);
                g.addVertex(v);
                producer.put(id, v);
                consumer.put(id, v);
            }
        }
        for (Link l : links) g.addEdge(producer.get(l.fromNode()), consumer.get(l.toNode()));
        // a loop-closing node reads its params in emit, so its controls must be computed before its emit step
        for (ControlLink l : controlLinks) g.addEdge(producer.get(l.fromNode()), producer.get(l.toNode()));
        var paths = new org.jgrapht.alg.shortestpath.DijkstraShortestPath<>(g);
        for (ControlLink l : controlLinks) {
            if (!loops.split().contains(l.toNode())) continue;
            if (paths.getPath(producer.get(l.toNode()), producer.get(l.fromNode())) == null) continue;
            String param = l.toNode() + "." + l.to().name();
            problems.add(new Problem(l.location(), l.toNode(), l.to().name(), param + " is driven by "
                    + (l.fromNode().endsWith("@automation") ? "automation" : l.fromNode() + "." + l.from().name())
                    + ", which depends on " + l.toNode() + "'s own output; a node that closes a feedback loop reads"
                    + " its params before the loop runs: drive it from a node that does not depend on " + l.toNode()));
        }
        fail();
        List<StepV> order = new ArrayList<>();
        new TopologicalOrderIterator<>(g, Comparator.comparingInt(StepV::index)).forEachRemaining(order::add);

        // latency: each step's output latency = max over its inputs + its own; pad shorter inputs
        Map<StepV, Integer> latency = new HashMap<>();
        Map<Link, Integer> padding = new IdentityHashMap<>();
        Map<String, Integer> nodeLatency = new LinkedHashMap<>();
        List<String> compensations = new ArrayList<>();
        for (StepV v : order) {
            int in = 0;
            List<Link> into = new ArrayList<>();
            for (Link l : links) if (consumer.get(l.toNode()) == v) into.add(l);
            for (Link l : into) in = Math.max(in, latency.get(producer.get(l.fromNode())));
            for (ControlLink l : controlLinks) {
                if (producer.get(l.toNode()) == v) in = Math.max(in, latency.get(producer.get(l.fromNode())));
            }
            for (Link l : into) {
                int pad = in - latency.get(producer.get(l.fromNode()));
                if (pad == 0) continue;
                if (l.from().spec().width() != 1 || l.from().spec().rate() != 1 || l.to().spec().rate() != 1
                        || !Rational.ONE.equals(rates.get(processors.get(l.fromNode())))) {
                    warnings.add(new Problem(l.location(), l.toNode(), l.to().name(), "arrives " + pad
                            + " samples earlier than the other inputs and cannot be aligned on a multi-rate connection"));
                    continue;
                }
                padding.put(l, pad);
                compensations.add(l.fromNode() + "." + l.from().name() + " -> " + l.toNode() + "." + l.to().name()
                        + ": " + pad + " samples");
            }
            int own = v.kind() == Schedule.Kind.ABSORB ? 0 : v.processor().latency();
            latency.put(v, v.kind() == Schedule.Kind.EMIT ? own : in + own);
            if (v.kind() != Schedule.Kind.ABSORB) nodeLatency.put(v.node(), latency.get(v));
        }
        AudioOutput audioOutput = null;
        int total = 0;
        for (Map.Entry<String, Processor> e : processors.entrySet()) {
            if (e.getValue() instanceof AudioOutput ao) {
                audioOutput = ao;
                total = nodeLatency.get(e.getKey());
            }
        }

        // buffers: the most firings a segment of maxBlock frames can ask of each step, from the sinks backwards
        Map<Processor, Integer> maxFirings = new IdentityHashMap<>();
        Map<Processor, Integer> compensationFirings = new IdentityHashMap<>();
        Schedule.Builder b = new Schedule.Builder();
        List<Processor> compensators = new ArrayList<>();
        Map<Link, LatencyDelay> delays = new IdentityHashMap<>();
        padding.forEach((l, pad) -> delays.put(l, new LatencyDelay(pad, l.from().spec())));
        for (int k = order.size() - 1; k >= 0; k--) {
            StepV v = order.get(k);
            Processor p = v.processor();
            int f = 0;
            if (isSink(p)) {
                f = segment;
            } else if ((v.kind() == Schedule.Kind.ABSORB || isLeaf(p)) && rates.containsKey(p)) {
                // nothing reads it (an absorb half has no outputs), so it fires by its own rate: at most ceil(block x rate)
                Rational r = rates.get(p);
                f = (int) ((segment * r.num() + r.den() - 1) / r.den());
            } else {
                for (Link l : links) {
                    if (producer.get(l.fromNode()) != v) continue;
                    int demand = maxFirings.getOrDefault(processors.get(l.toNode()), 0) * l.to().spec().rate();
                    f = Math.max(f, ceilDiv(demand, l.from().spec().rate()));
                }
                for (ControlLink l : controlLinks) {
                    if (producer.get(l.fromNode()) == v) {
                        f = Math.max(f, maxFirings.getOrDefault(processors.get(l.toNode()), 0)
                                * stride(l, rates, processors));
                    }
                }
            }
            maxFirings.merge(p, f, Math::max);
        }
        delays.forEach((l, d) -> compensationFirings.put(d, maxFirings.getOrDefault(processors.get(l.toNode()), 0)));
        closeLoops(loops, rates, maxFirings);
        fail();

        rates.forEach((p, r) -> b.firingRate(p, r.num(), r.den()));
        for (StepV v : order) {
            b.step(v.name(), v.node(), v.processor(), v.kind(), isSink(v.processor()));
            b.maxFirings(v.processor(), maxFirings.get(v.processor()));
            if (v.kind() == Schedule.Kind.ABSORB) continue;
            // compensation delays run right after their producer
            for (Link l : links) {
                LatencyDelay d = delays.get(l);
                if (d == null || producer.get(l.fromNode()) != v) continue;
                String name = l.fromNode() + "." + l.from().name() + "+" + d.samples();
                b.step(name, name, d, Schedule.Kind.PROCESS, false);
                b.maxFirings(d, compensationFirings.get(d));
                compensators.add(d);
            }
        }
        for (Link l : links) {
            int consumerFirings = maxFirings.getOrDefault(processors.get(l.toNode()), 0);
            LatencyDelay d = delays.get(l);
            if (d == null) {
                b.connect(l.from(), l.to());
            } else {
                b.connect(l.from(), d.inputs().get(0));
                b.connect(d.outputs().get(0), l.to());
                b.capacity(d.outputs().get(0), capacity(consumerFirings, 1, 1));
            }
        }
        for (ControlLink l : controlLinks) b.connectControl(l.from(), l.to(), l.mode(), stride(l, rates, processors));
        for (Processor p : processors.values()) {
            for (Output out : p.outputs()) {
                int readerRate = 1;
                for (Link l : links) if (l.from() == out) readerRate = Math.max(readerRate, l.to().spec().rate());
                for (ControlLink l : controlLinks) {
                    if (l.from() == out) readerRate = Math.max(readerRate, stride(l, rates, processors));
                }
                b.capacity(out, capacity(maxFirings.getOrDefault(p, 0), out.spec().rate(), readerRate));
            }
        }
        Map<String, RuntimeException> prepareFailures = new LinkedHashMap<>();
        Schedule schedule = b.build(spec.sampleRate(), segment, prepareFailures::put);
        prepareFailures.forEach((id, ex) -> {
            NodeSpec n = nodes.get(id);
            problems.add(new Problem(n != null ? n.location() : Location.UNKNOWN, n != null ? id : null, null,
                    ex.getMessage() != null ? ex.getMessage() : ex.toString()));
        });
        fail();
        return new CompiledNetwork(spec, maxBlock, schedule, processors, audioOutput, nodeLatency, total,
                compensations, warnings);
    }

    /**
     * Hands every loop-closing node its lead: the most samples its emit may run ahead of its absorb. Within a
     * segment emit fires at most its maxFirings before absorb catches up. Between segments a loop's stream may hold
     * what its reader left: nothing when everything downstream of its producer moves one token per frame (each then
     * fires exactly the segment's frames), else less than one segment's production of its producer. The lead adds
     * these up in network samples, a bound the schedule cannot exceed.
     */
    private void closeLoops(Loops loops, Map<Processor, Rational> rates, Map<Processor, Integer> maxFirings) {
        Set<String> uneven = unevenUpstream(rates);
        for (Set<String> cycle : loops.cycles()) {
            long carried = 0;
            for (Link l : links) {
                if (!cycle.contains(l.fromNode()) || !cycle.contains(l.toNode()) || !uneven.contains(l.fromNode())) {
                    continue;
                }
                Processor from = processors.get(l.fromNode());
                Rational r = rates.getOrDefault(from, Rational.ONE);
                carried += ceilDiv((int) (maxFirings.getOrDefault(from, 0) * r.den()), (int) r.num());
            }
            for (String id : cycle) {
                if (!loops.split().contains(id)) continue;
                Rational rate = rates.getOrDefault(processors.get(id), Rational.ONE);
                if (!Rational.ONE.equals(rate)) {
                    // reached through a multi-rate port from elsewhere (a per-frame control into a spectral node's
                    // port): the loop would run at another pace than the network, which the schedule does not bound
                    problems.add(new Problem(nodes.get(id).location(), id, null, "closes a feedback loop that would run "
                            + rate + " times as fast as the network, because a node on it is fed at another rate (a"
                            + " per-sample control into a spectral node's control port, say); a loop runs at the"
                            + " network's rate: drive that port from a source of the loop's own rate, or break the loop"));
                    continue;
                }
                long lead = carried + maxFirings.getOrDefault(processors.get(id), 0);
                String why = ((FeedbackBreaker) processors.get(id)).closeLoop(spec.sampleRate(), (int) lead);
                if (why != null) {
                    problems.add(new Problem(nodes.get(id).location(), id, null, "closes a feedback loop, but " + why));
                }
            }
        }
    }

    /** Nodes with a multi-rate node or port at or downstream of them: their streams may carry tokens over. */
    private Set<String> unevenUpstream(Map<Processor, Rational> rates) {
        Set<String> uneven = new HashSet<>();
        processors.forEach((id, p) -> {
            if (!Rational.ONE.equals(rates.getOrDefault(p, Rational.ONE))) uneven.add(id);
        });
        for (Link l : links) {
            if (l.from().spec().rate() != 1 || l.to().spec().rate() != 1) uneven.add(l.fromNode());
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Link l : links) if (uneven.contains(l.toNode())) grew |= uneven.add(l.fromNode());
            for (ControlLink l : controlLinks) if (uneven.contains(l.toNode())) grew |= uneven.add(l.fromNode());
        }
        return uneven;
    }

    /**
     * Tokens a stream must hold: one segment's production plus what readers may leave for the next segment. With
     * balanced rates a reader's leftover stays below the producer's and consumer's granularity; twice the production
     * plus both rates is a wide margin, and tests drive random block sizes to check it is never reached.
     */
    private static int capacity(int maxFirings, int rate, int readerRate) {
        return 2 * maxFirings * rate + 4 * (rate + readerRate) + 8;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
