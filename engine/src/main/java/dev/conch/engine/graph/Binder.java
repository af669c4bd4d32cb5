package dev.conch.engine.graph;

import dev.conch.engine.io.TempTarget;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.AutomationCurve;
import dev.conch.engine.runtime.AutomationSource;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.engine.runtime.Text;

import java.util.ArrayList;
import java.util.Collections;
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
 * The first pass: instantiates every node's processor and resolves every connection, control, automation timeline
 * and MIDI binding to the ports and params they name, checking each and saying what is wrong in the words of the
 * file; then checks that every required input is fed. What it accepts becomes a {@link BoundGraph}.
 */
final class Binder {
    /** A node id: a name, or a path of names (with a copy number) into inlined sub-networks. */
    private static final String ID = "[A-Za-z_][A-Za-z0-9_.\\-]*(#\\d+)?(/[A-Za-z_][A-Za-z0-9_.\\-]*(#\\d+)?)*";
    private final NetworkSpec spec;
    private final ProcessorRegistry registry;
    private final Findings findings;
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, Processor> processors = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final List<ControlLink> controlLinks = new ArrayList<>();
    private final Set<String> automations = new HashSet<>();
    /** Per node, the framing each spectrum input reads (from its source's output). */
    private final Map<String, Map<String, SpectrumFormat>> inputFormats = new HashMap<>();
    /** Nodes whose configure failed (reported): their ports are unknown, so nothing more is said about them. */
    private final Set<String> unconfigured = new HashSet<>();
    /** Inputs fed from an unconfigured node: connected, as far as the user can tell. */
    private final Set<Input> fedByUnconfigured = Collections.newSetFromMap(new IdentityHashMap<>());

    private Binder(NetworkSpec spec, ProcessorRegistry registry, Findings findings) {
        this.spec = spec;
        this.registry = registry;
        this.findings = findings;
    }

    /** Binds {@code spec}; what is wrong goes to {@code findings}, and the graph holds what could be bound. */
    static BoundGraph bind(NetworkSpec spec, ProcessorRegistry registry, Findings findings) {
        Binder b = new Binder(spec, registry, findings);
        b.instantiate();
        b.checkWrittenFiles();
        b.resolveConnections();
        b.resolveControls();
        b.resolveAutomations();
        b.checkMidi();
        b.checkRequiredInputs();
        return new BoundGraph(b.nodes, b.processors, b.automations, b.links, b.controlLinks);
    }

    /** The framing each node's spectrum inputs read, by node id and input name: instantiates, checks nothing more. */
    static Map<String, Map<String, SpectrumFormat>> inputFormats(NetworkSpec spec, ProcessorRegistry registry) {
        Binder b = new Binder(spec, registry, new Findings());
        b.instantiate();
        return Map.copyOf(b.inputFormats);
    }

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
            // '/' and '#' come only from inlined sub-networks (voice#3/filter): SubNetworks refuses them in a file
            if (!n.id().matches(ID) || n.id().endsWith(".")) {
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
        PathBase networkBase = PathBase.of(spec);
        for (NodeSpec n : SpectrumInheritance.order(known, spec.connections(), registry)) {
            List<Problem> mine = found.get(n);
            SpectrumInheritance.Inherited inherited = SpectrumInheritance.inherit(n, spec.connections(), created, registry);
            inputFormats.put(n.id(), inherited.formats());
            Problem mixed = SpectrumInheritance.mixed(n, inherited);
            if (mixed != null) mine.add(mixed);
            Map<String, String> texts = SpectrumInheritance.withoutRepeatedFraming(n, inherited, registry, mine);
            // processors see absolute paths only: a relative one is resolved here, once, from where it was written
            List<Problem> missing = new ArrayList<>();
            List<Problem> legacy = new ArrayList<>();
            Map<String, String> files = FilePaths.bind(n, registry, networkBase, missing, legacy);
            legacy.forEach(findings::warning);
            if (!missing.isEmpty()) {
                mine.addAll(missing);
                continue; // like an unknown type: its ports are not known, so nothing more is said of it
            }
            for (Map.Entry<String, String> f : files.entrySet()) texts.computeIfPresent(f.getKey(), (k, v) -> f.getValue());
            ProcessorRegistry.Created c = registry.create(n.type(), texts, inherited.formats());
            if (c.problems().stream().anyMatch(pp -> pp.param().isEmpty())) unconfigured.add(n.id());
            for (ProcessorRegistry.ParamProblem pp : c.problems()) {
                ParamValue pv = n.params().get(pp.param());
                Location loc = pv != null ? pv.problemAt(n.location()) : n.location();
                String source = pv != null ? pv.problemSource() : "";
                mine.add(new Problem(loc, n.id(), pp.param().isEmpty() ? null : pp.param(), pp.message() + source));
            }
            created.put(n.id(), c.processor());
        }
        String output = null;
        String input = null;
        for (NodeSpec n : spec.nodes()) {
            found.get(n).forEach(findings::problem);
            Processor p = nodes.get(n.id()) == n ? created.get(n.id()) : null;
            if (p == null) continue;
            processors.put(n.id(), p);
            if (p instanceof AudioOutput) {
                if (output != null) findings.problem(secondDevice(n, "AudioOutput", output));
                else output = n.id();
            }
            if (p instanceof dev.conch.engine.runtime.AudioInput) {
                if (input != null) findings.problem(secondDevice(n, "AudioInput", input));
                else input = n.id();
            }
        }
    }

    /**
     * A second AudioOutput or AudioInput, naming the first: one inside a sub-network is the including network's
     * too, and a sentence naming only the second sent the reader to a file that holds one.
     */
    private static Problem secondDevice(NodeSpec n, String type, String first) {
        return new Problem(n.location(), n.id(), null, "a network has at most one " + type + ", and node '" + first
                + "' is one" + (first.contains("/") || n.id().contains("/") ? " (a sub-network's " + type
                + " is the including network's)" : "") + "; give that one more channels instead");
    }

    /**
     * Two nodes writing one file: the second rename would silently replace the first recording. A node writing a
     * file another reads: the recording would replace the sound it was made from.
     */
    private void checkWrittenFiles() {
        Map<java.nio.file.Path, String> writers = new HashMap<>();
        processors.forEach((id, p) -> {
            java.nio.file.Path file = p.writesFile();
            if (file == null) return;
            String first = writers.putIfAbsent(TempTarget.canonical(file), id);
            if (first != null) {
                findings.problem(new Problem(nodes.get(id).location(), id, null, "nodes '" + first + "' and '" + id
                        + "' both write " + file + ", so one recording would be lost; give each "
                        + "writer its own file"));
            }
        });
        if (writers.isEmpty()) return;
        PathBase base = PathBase.of(spec);
        for (String id : processors.keySet()) {
            for (FilePaths.Resolved r : FilePaths.of(nodes.get(id), registry, base).values()) {
                if (r.use() != dev.conch.engine.runtime.ParamSpec.FileUse.READS) continue;
                for (java.nio.file.Path key : FilePaths.overwrittenBy(r.path())) {
                    String writer = writers.get(key);
                    if (writer == null) continue;
                    findings.problem(new Problem(nodes.get(writer).location(), writer, null, "it writes "
                            + r.path() + ", the file node '" + id + "' reads, so the recording would replace "
                            + "it; give the writer another file"));
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- connections

    private void resolveConnections() {
        Map<Input, Connection> sources = new IdentityHashMap<>();
        for (Connection c : spec.connections()) {
            if (!bothEnds(c.from(), c.to(), c.location(), "a connection needs from=\"node.port\" and to=\"node.port\"")) {
                continue;
            }
            Processor fromP = processors.get(c.from().node()), toP = processors.get(c.to().node());
            Output out = fromP.output(c.from().port());
            Input in = toP.input(c.to().port());
            if (out == null && unconfigured.contains(c.from().node())) {
                if (in != null) fedByUnconfigured.add(in);
                continue;
            }
            if (in == null && unconfigured.contains(c.to().node())) continue;
            if (out == null) {
                findings.problem(portProblem(c.location(), c.from(), fromP, true));
                continue;
            }
            if (in == null) {
                findings.problem(portProblem(c.location(), c.to(), toP, false));
                continue;
            }
            PortSpec a = out.spec(), b = in.spec();
            if (a.kind() != b.kind()) {
                findings.problem(new Problem(c.location(), c.to().node(), c.to().port(), "cannot connect " + c.from()
                        + " (" + a.kind().label() + ") to " + c.to() + " (" + b.kind().label() + "): ports connect "
                        + "only to ports of the same kind"));
                continue;
            }
            Connection earlier = sources.put(in, c);
            if (earlier != null) {
                findings.problem(new Problem(c.location(), c.to().node(), c.to().port(), "input " + c.to()
                        + " already has a source (" + earlier.from() + at(earlier.location())
                        + "); an input takes one source: use a Mixer to sum signals"));
                continue;
            }
            // consumers are configured with their source's framing, so this holds except on a loop of spectra
            if (a.kind() == PortKind.SPECTRUM && (a.width() != b.width() || !Objects.equals(a.format(), b.format()))) {
                findings.problem(new Problem(c.location(), c.to().node(), c.to().port(), "cannot connect " + c.from()
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
            if (!bothEnds(c.from(), c.to(), c.location(),
                    "a control connection needs from=\"node.port\" and to=\"node.param\"")) {
                continue;
            }
            Processor fromP = processors.get(c.from().node());
            Output out = fromP.output(c.from().port());
            if (out == null && unconfigured.contains(c.from().node())) continue;
            if (out == null) {
                findings.problem(portProblem(c.location(), c.from(), fromP, true));
                continue;
            }
            if (out.spec().kind() != PortKind.CONTROL || out.spec().rate() != 1) {
                findings.problem(new Problem(c.location(), c.from().node(), c.from().port(), c.from() + " is "
                        + (out.spec().kind() == PortKind.CONTROL ? "a multi-rate" : "an " + out.spec().kind().label())
                        + " output; a parameter can only be driven by a control output"));
                continue;
            }
            Param p = liveParam(c.to().node(), c.to().port(), c.location(), c.to().toString(), "",
                    ", so a control cannot drive it");
            if (p == null) continue;
            if (!driven.add(p)) {
                findings.problem(new Problem(c.location(), c.to().node(), c.to().port(), c.to()
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
            if (!processors.containsKey(n.id())) continue;
            for (Automation a : n.automations()) {
                Param prm = liveParam(n.id(), a.param(), a.location(), a.param(), " to automate",
                        ", so it cannot be automated");
                if (prm == null) continue;
                ControlLink driver = controlLinks.stream().filter(l -> l.to() == prm).findFirst().orElse(null);
                if (driver != null) {
                    findings.problem(new Problem(a.location(), n.id(), a.param(), a.param() + " is both automated and driven "
                            + "by " + driver.fromNode() + "." + driver.from().name() + "; keep one"));
                    continue;
                }
                boolean inRange = true;
                for (AutomationEvent e : a.events()) {
                    List<Double> vs = e.kind() == AutomationEvent.Kind.VALUE_CURVE ? e.values() : List.of(e.value());
                    for (double v : vs) {
                        if (v < prm.spec().min() || v > prm.spec().max()) {
                            findings.problem(new Problem(e.location().known() ? e.location() : a.location(), n.id(),
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
                    findings.problem(new Problem(a.location(), n.id(), a.param(), ex.getMessage()));
                    continue;
                }
                AutomationSource source = new AutomationSource(curve);
                String id = n.id() + "." + a.param() + "@automation";
                processors.put(id, source);
                nodes.put(id, new NodeSpec(id, "Automation", Map.of(), 0, 0, a.location()));
                automations.add(id);
                controlLinks.add(new ControlLink(id, source.output(), n.id(), prm, ControlMode.REPLACE, a.location()));
            }
        }
    }

    /** MIDI bindings act only live, through the control queue; here they are checked like everything else. */
    private void checkMidi() {
        for (MidiBinding m : spec.midi()) {
            if (node(m.to(), m.location(), "to") == null) continue;
            liveParam(m.to().node(), m.to().port(), m.location(), m.to().toString(), " for MIDI to set",
                    ", so MIDI cannot set it");
        }
    }

    /**
     * The live param {@code name} of node {@code id} (which has a processor) that a control, an automation or a
     * MIDI binding wants to change, or null after saying why there is none. Each asker has its own words only:
     * what it wanted the param for ({@code " to automate"}), how the param is shown ({@code "osc.frequency"}) and
     * what cannot happen to a fixed one ({@code ", so it cannot be automated"}).
     */
    private Param liveParam(String id, String name, Location at, String shownAs, String wantedFor, String consequence) {
        Processor p = processors.get(id);
        Param prm = p.param(name);
        if (prm == null && unconfigured.contains(id)) return null; // its configure failed: already reported
        if (prm == null) {
            String near = Text.closest(name, p.params().stream().map(Param::name).toList());
            findings.problem(new Problem(at, id, name, Diagnostics.noParameter(
                    Diagnostics.node(nodes.get(id).type(), id), name, wantedFor, near)));
            return null;
        }
        if (!prm.spec().live()) {
            findings.problem(new Problem(at, id, name, Diagnostics.fixedAtCompile(shownAs, consequence)));
            return null;
        }
        return prm;
    }

    /**
     * True when both ends are given and name nodes that have processors; else says what is wrong ({@code needs}
     * when an end is missing), or nothing for a node that failed earlier: that was reported already.
     */
    private boolean bothEnds(Endpoint from, Endpoint to, Location at, String needs) {
        if (from == null || to == null) {
            findings.problem(new Problem(at, null, null, needs));
            return false;
        }
        Processor fromP = node(from, at, "from"), toP = node(to, at, "to"); // both, so both are reported
        return fromP != null && toP != null;
    }

    private Processor node(Endpoint e, Location loc, String side) {
        Processor p = processors.get(e.node());
        if (p == null && !nodes.containsKey(e.node())) {
            String near = Text.closest(e.node(), nodes.keySet());
            findings.problem(new Problem(loc, e.node(), null, "the connection's '" + side + "' names node '" + e.node()
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
                () -> Collections.newSetFromMap(new IdentityHashMap<>())));
        processors.forEach((id, p) -> {
            for (Input in : p.inputs()) {
                if (!in.spec().optional() && !connected.contains(in) && !fedByUnconfigured.contains(in)) {
                    findings.problem(new Problem(nodes.get(id).location(), id, in.name(),
                            "nothing is connected to the required input '" + in.name() + "' ("
                                    + in.spec().typeLabel() + ")"));
                }
            }
        });
    }

    private static String at(Location l) {
        return l.known() ? " at line " + l.line() : "";
    }
}
