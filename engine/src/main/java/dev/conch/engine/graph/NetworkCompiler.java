package dev.conch.engine.graph;

import dev.conch.engine.io.TempTarget;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Connection;
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

    private void instantiate() {
        int outputs = 0;
        for (NodeSpec n : spec.nodes()) {
            if (n.id() == null || n.id().isBlank()) {
                problems.add(new Problem(n.location(), null, null, "a node has no id"));
                continue;
            }
            if (!n.id().matches("[A-Za-z_][A-Za-z0-9_.\\-]*") || n.id().endsWith(".")) {
                problems.add(new Problem(n.location(), n.id(), null, "node ids are letters, digits, '_', '-' and '.', "
                        + "starting with a letter or '_' (no spaces)"));
                continue;
            }
            NodeSpec first = nodes.get(n.id());
            if (first != null) {
                problems.add(new Problem(n.location(), n.id(), null, "the id '" + n.id() + "' is used twice"
                        + (first.location().known() ? " (first at line " + first.location().line() + ")" : "")
                        + "; every node needs its own id"));
                continue;
            }
            nodes.put(n.id(), n);
            if (n.type() == null || !registry.has(n.type())) {
                String near = n.type() == null ? null : registry.closest(n.type());
                problems.add(new Problem(n.location(), n.id(), null, "unknown processor type '" + Text.clip(n.type()) + "'"
                        + (near != null ? " (did you mean '" + near + "'?)" : "") + "; `conch list` shows them all"));
                continue;
            }
            ProcessorRegistry.Created created = registry.create(n.type(), n.paramTexts());
            if (created.problems().stream().anyMatch(pp -> pp.param().isEmpty())) unconfigured.add(n.id());
            for (ProcessorRegistry.ParamProblem pp : created.problems()) {
                ParamValue pv = n.params().get(pp.param());
                Location loc = pv != null && pv.location().known() ? pv.location() : n.location();
                problems.add(new Problem(loc, n.id(), pp.param().isEmpty() ? null : pp.param(), pp.message()));
            }
            processors.put(n.id(), created.processor());
            if (created.processor() instanceof AudioOutput) {
                if (++outputs > 1) {
                    problems.add(new Problem(n.location(), n.id(), null,
                            "a network has at most one AudioOutput; give it more channels instead"));
                }
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
            if (a.kind() == PortKind.SPECTRUM && a.width() != b.width()) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), "cannot connect " + c.from()
                        + " (spectrum of FFT size " + a.fftSize() + ") to " + c.to() + " (FFT size " + b.fftSize()
                        + "): spectrum sizes must agree"));
                continue;
            }
            Connection earlier = sources.put(in, c);
            if (earlier != null) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), "input " + c.to()
                        + " already has a source (" + earlier.from() + at(earlier.location())
                        + "); an input takes one source: use a Mixer to sum signals"));
                continue;
            }
            links.add(new Link(c.from().node(), out, c.to().node(), in, c.location()));
        }
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
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), nodes.get(c.to().node()).type()
                        + " '" + c.to().node() + "' has no parameter '" + c.to().port() + "'"
                        + (near != null ? " (did you mean '" + near + "'?)" : "")));
                continue;
            }
            if (!p.spec().live()) {
                problems.add(new Problem(c.location(), c.to().node(), c.to().port(), c.to()
                        + " is fixed when the network is compiled, so a control cannot drive it"));
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
                    problems.add(new Problem(a.location(), n.id(), a.param(), n.type() + " '" + n.id()
                            + "' has no parameter '" + a.param() + "' to automate"
                            + (near != null ? " (did you mean '" + near + "'?)" : "")));
                    continue;
                }
                if (!prm.spec().live()) {
                    problems.add(new Problem(a.location(), n.id(), a.param(), a.param()
                            + " is fixed when the network is compiled, so it cannot be automated"));
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
                problems.add(new Problem(m.location(), m.to().node(), m.to().port(), nodes.get(m.to().node()).type() + " '"
                        + m.to().node() + "' has no parameter '" + m.to().port() + "' for MIDI to set"
                        + (near != null ? " (did you mean '" + near + "'?)" : "")));
            } else if (!prm.spec().live()) {
                problems.add(new Problem(m.location(), m.to().node(), m.to().port(), m.to()
                        + " is fixed when the network is compiled, so MIDI cannot set it"));
            }
        }
    }

    private Processor node(Endpoint e, Location loc, String side) {
        Processor p = processors.get(e.node());
        if (p == null && !nodes.containsKey(e.node())) {
            String near = Text.closest(e.node(), nodes.keySet());
            problems.add(new Problem(loc, e.node(), null, "the connection's '" + side + "' names node '" + e.node()
                    + "', which is not in this network" + (near != null ? " (did you mean '" + near + "'?)" : "")));
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
            message = type + " '" + e.node() + "' has no " + (wantOutput ? "output" : "input") + " '" + e.port() + "'"
                    + (near != null ? " (did you mean '" + near + "'?)" : "")
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
    private record Loops(Set<String> split) {
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
            for (String id : breakers) {
                String why = ((FeedbackBreaker) processors.get(id)).loopProblem(spec.sampleRate(), maxBlock);
                if (why != null) {
                    problems.add(new Problem(nodes.get(id).location(), id, null, "closes a feedback loop, but " + why));
                }
            }
            split.addAll(breakers);
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
        return new Loops(split);
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
     * dataflow: along a connection, producer firings x output rate = consumer firings x input rate.
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
        while (!queue.isEmpty()) {
            Processor p = queue.poll();
            Rational rp = r.get(p);
            for (Link l : links) {
                Processor from = processors.get(l.fromNode()), to = processors.get(l.toNode());
                if (to == p) propagate(r, queue, from, rp.times(l.to().spec().rate(), l.from().spec().rate()), ids, l.location());
                if (from == p) propagate(r, queue, to, rp.times(l.from().spec().rate(), l.to().spec().rate()), ids, l.location());
            }
            for (ControlLink l : controlLinks) {
                Processor from = processors.get(l.fromNode()), to = processors.get(l.toNode());
                if (to == p) propagate(r, queue, from, rp, ids, l.location());
                if (from == p) propagate(r, queue, to, rp, ids, l.location());
            }
        }
        processors.forEach((id, p) -> {
            if (!r.containsKey(p)) {
                warnings.add(new Problem(nodes.get(id).location(), id, null,
                        "reaches no output or file writer, so it never runs"));
            }
        });
        return r;
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

    // ---------------------------------------------------------------- schedule

    /** A step vertex: a node's processor, or one half of a loop-closing node, or a compensation delay. */
    private record StepV(String name, String node, Processor processor, Schedule.Kind kind, int index) {
    }

    private CompiledNetwork build(Loops loops, Map<Processor, Rational> rates) throws NetworkException {
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
        for (ControlLink l : controlLinks) g.addEdge(producer.get(l.fromNode()), consumer.get(l.toNode()));
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
                if (consumer.get(l.toNode()) == v) in = Math.max(in, latency.get(producer.get(l.fromNode())));
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
            if (v.kind() == Schedule.Kind.ABSORB || isSink(p)) {
                f = maxBlock;
            } else {
                for (Link l : links) {
                    if (producer.get(l.fromNode()) != v) continue;
                    int demand = maxFirings.getOrDefault(processors.get(l.toNode()), 0) * l.to().spec().rate();
                    f = Math.max(f, ceilDiv(demand, l.from().spec().rate()));
                }
                for (ControlLink l : controlLinks) {
                    if (producer.get(l.fromNode()) == v) f = Math.max(f, maxFirings.getOrDefault(processors.get(l.toNode()), 0));
                }
            }
            maxFirings.merge(p, f, Math::max);
        }
        delays.forEach((l, d) -> compensationFirings.put(d, maxFirings.getOrDefault(processors.get(l.toNode()), 0)));

        rates.forEach((p, r) -> b.samplesPerFiring(p, (double) r.den() / r.num()));
        for (StepV v : order) {
            b.step(v.name(), v.processor(), v.kind(), v.kind() == Schedule.Kind.ABSORB || isSink(v.processor()));
            b.maxFirings(v.processor(), maxFirings.get(v.processor()));
            if (v.kind() == Schedule.Kind.ABSORB) continue;
            // compensation delays run right after their producer
            for (Link l : links) {
                LatencyDelay d = delays.get(l);
                if (d == null || producer.get(l.fromNode()) != v) continue;
                String name = l.fromNode() + "." + l.from().name() + "+" + d.samples();
                b.step(name, d, Schedule.Kind.PROCESS, false);
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
        for (ControlLink l : controlLinks) b.connectControl(l.from(), l.to(), l.mode());
        for (Processor p : processors.values()) {
            for (Output out : p.outputs()) {
                int readerRate = 1;
                for (Link l : links) if (l.from() == out) readerRate = Math.max(readerRate, l.to().spec().rate());
                b.capacity(out, capacity(maxFirings.getOrDefault(p, 0), out.spec().rate(), readerRate));
            }
        }
        Map<String, RuntimeException> prepareFailures = new LinkedHashMap<>();
        Schedule schedule = b.build(spec.sampleRate(), maxBlock, prepareFailures::put);
        prepareFailures.forEach((step, ex) -> {
            String id = step.replaceAll("[<>]$", "");
            NodeSpec n = nodes.get(id);
            problems.add(new Problem(n != null ? n.location() : Location.UNKNOWN, n != null ? id : null, null,
                    ex.getMessage() != null ? ex.getMessage() : ex.toString()));
        });
        fail();
        return new CompiledNetwork(spec, maxBlock, schedule, processors, audioOutput, nodeLatency, total,
                compensations, warnings);
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
