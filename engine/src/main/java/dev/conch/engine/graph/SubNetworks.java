package dev.conch.engine.graph;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.Text;
import dev.conch.engine.xml.NetworkXml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sub-networks: a network file used as a node ({@code type="net:library/bell-voice.xml"}, relative to the including
 * file, else found in a library folder). Its {@code Inlet} and {@code Outlet} nodes are the node's ports, its
 * {@code Constant} nodes its params (knobs). Compiling inlines it before anything else: its nodes join the network
 * under prefixed ids ({@code voice/filter}), what feeds a port is joined straight to what the inlet feeds inside (and
 * an outlet's source straight to what the port feeds), so every later pass (feedback, rates, latency) sees one flat
 * network and the sub-network costs nothing at run time.
 *
 * <p>{@code count="N"} makes N copies ({@code voice#0/filter} ... {@code voice#7/filter}); each copy's {@code index}
 * knob, if it has one, is its number; a knob's value may be a list, one per copy; each used output is the sum of the
 * copies' (a {@link dev.conch.engine.runtime.Sum} node {@code voice/out}).
 */
public final class SubNetworks {
    /** The processor type of a knob: an inner Constant with this id becomes a param of the node. */
    static final String KNOB = "Constant";
    static final String INLET = "Inlet";
    static final String OUTLET = "Outlet";
    /** The knob a copy's number goes to. */
    public static final String INDEX = "index";
    /** Folders searched (after the including file's) for a sub-network, separated by the path separator. */
    public static final String LIBRARY_PROPERTY = "conch.library";

    private SubNetworks() {
    }

    /**
     * {@code spec} with every sub-network node inlined (recursively); {@code spec} itself when it has none.
     *
     * @throws NetworkException every problem found: a missing, unreadable, broken or recursive sub-network file
     *                          (with the line of the including node and the place in the sub-network's file), an
     *                          unknown port or knob
     */
    public static NetworkSpec flatten(NetworkSpec spec) throws NetworkException {
        return flattened(spec).spec();
    }

    /**
     * A network with its sub-networks inlined, and where each sub-network node's used outputs now come from:
     * {@code voice.out} from {@code voice/filter.out}, a cloned node's from its copies' Sum ({@code bells/out}). A
     * monitor on {@code voice.out} taps that.
     */
    public record Flattened(NetworkSpec spec, Map<Endpoint, Endpoint> outputs) {
        public Flattened {
            outputs = Map.copyOf(outputs);
        }
    }

    /** As {@link #flatten}, with the outputs of the sub-network nodes. */
    public static Flattened flattened(NetworkSpec spec) throws NetworkException {
        if (spec.nodes().stream().noneMatch(NodeSpec::isSubNetwork)) return new Flattened(spec, Map.of());
        Findings findings = new Findings();
        List<Path> chain = new ArrayList<>();
        if (spec.origin().file() != null) chain.add(FilePaths.real(spec.origin().file()));
        Map<Endpoint, Endpoint> outputs = new HashMap<>();
        NetworkSpec flat = inline(spec, chain, findings, outputs);
        findings.failIfAny(spec.name());
        return new Flattened(flat, outputs);
    }

    /**
     * The folders {@code net:NAME} is looked for in after the including file's: those {@value #LIBRARY_PROPERTY} lists
     * (else the project's networks/library, found beside the Conch build that runs), then ~/.conch/library.
     */
    public static List<Path> libraryFolders() {
        List<Path> folders = new ArrayList<>();
        String property = System.getProperty(LIBRARY_PROPERTY);
        if (property != null) {
            for (String s : property.split(java.io.File.pathSeparator)) if (!s.isBlank()) folders.add(Path.of(s.trim()));
        } else if (BUNDLED != null) {
            folders.add(BUNDLED);
        }
        String home = System.getProperty("user.home");
        if (home != null) folders.add(Path.of(home, ".conch", "library"));
        return folders;
    }

    /** The project's networks/library: a few folders up from the engine's classes or the jar that holds them. */
    private static final Path BUNDLED = bundled();

    private static Path bundled() {
        try {
            Path p = Path.of(SubNetworks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
                Path library = p.resolve("networks").resolve("library");
                if (Files.isDirectory(library)) return library;
            }
        } catch (RuntimeException | java.net.URISyntaxException e) {
            // no code source to start from (an unusual class loader): only the user's folder then
        }
        return null;
    }

    /** The file a sub-network type names, seen from a network read from {@code origin}; null when there is none. */
    public static Path resolve(String type, Origin origin) {
        String name = type.substring(NodeSpec.SUBNETWORK.length()).trim();
        if (name.isEmpty()) return null;
        for (Path folder : searched(origin)) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static List<Path> searched(Origin origin) {
        List<Path> folders = new ArrayList<>();
        folders.add(origin.folder());
        folders.addAll(libraryFolders());
        return folders;
    }

    /**
     * Every sub-network file {@code spec} includes, at any depth, as real paths in the order met: what a watcher of
     * the network must also watch. A file that cannot be read is in the list, but not the files it would include.
     */
    public static List<Path> files(NetworkSpec spec) {
        java.util.LinkedHashSet<Path> found = new java.util.LinkedHashSet<>();
        collectFiles(spec, found);
        return List.copyOf(found);
    }

    private static void collectFiles(NetworkSpec spec, Set<Path> found) {
        for (NodeSpec n : spec.nodes()) {
            Path f = n.isSubNetwork() ? resolve(n.type(), spec.origin()) : null;
            if (f == null || !found.add(FilePaths.real(f))) continue; // already followed: also ends a recursive chain
            try {
                collectFiles(NetworkXml.read(f), found);
            } catch (NetworkException | IOException e) {
                // compiling says what is wrong with it; it is still watched, so a fix is seen
            }
        }
    }

    /**
     * A sub-network as a processor type: its inlets as inputs (optional: one fed nothing gives silence or its
     * default), its outlets as outputs, its knobs as params with their range, unit and default.
     */
    public static ProcessorDescriptor describe(String type, NetworkSpec network, ProcessorRegistry registry) {
        List<PortSpec> inputs = new ArrayList<>();
        List<PortSpec> outputs = new ArrayList<>();
        List<ParamSpec> params = new ArrayList<>();
        for (NodeSpec n : network.nodes()) {
            // only the nodes that make its ports and knobs: the others (a file reader) need not be created here
            if (n.type() == null || !List.of(INLET, OUTLET, KNOB).contains(n.type()) || !registry.has(n.type())) continue;
            ProcessorRegistry.Created c = registry.create(n.type(), n.paramTexts());
            if (!c.problems().isEmpty()) continue;
            if (n.type().equals(INLET)) {
                PortSpec s = c.processor().output("out").spec();
                inputs.add(new PortSpec(n.id(), s.kind(), 1, s.width(), true, "inlet " + n.id(), s.format()));
            } else if (n.type().equals(OUTLET)) {
                PortSpec s = c.processor().input("in").spec();
                outputs.add(new PortSpec(n.id(), s.kind(), 1, s.width(), false, "outlet " + n.id(), s.format()));
            } else if (n.type().equals(KNOB)) {
                ParamSpec s = c.processor().param("value").spec();
                ParamValue given = n.params().get("value");
                params.add(new ParamSpec(n.id(), s.type(), s.unit(), s.min(), s.max(),
                        given != null ? given.text() : s.defaultText(), s.choices(), s.rate(), s.smoothingMs(),
                        s.structural(), n.id().equals(INDEX) ? "the copy's number (0, 1, ...) when cloned"
                        : "knob " + n.id(), s.scale(), s.step(), s.powersOfTwo(), s.file()));
            }
        }
        return new ProcessorDescriptor(type, "Library", network.description(), inputs, outputs, params, false);
    }

    /** A sub-network type as a node of a network read from {@code origin} sees it, or null when it cannot be read. */
    public static ProcessorDescriptor descriptor(String type, Origin origin, ProcessorRegistry registry) {
        Path file = resolve(type, origin);
        if (file == null) return null;
        try {
            return describe(type, NetworkXml.read(file), registry);
        } catch (NetworkException | IOException e) {
            return null; // compiling says what is wrong with it, with its lines
        }
    }

    /**
     * Every readable network in the library folders, as the type {@code net:NAME.xml} that finds it; a name in an
     * earlier folder hides the same name in a later one, as resolving a type does.
     */
    public static List<ProcessorDescriptor> library(ProcessorRegistry registry) {
        Map<String, ProcessorDescriptor> found = new LinkedHashMap<>();
        for (Path folder : libraryFolders()) {
            List<Path> files;
            try (java.util.stream.Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.toString().endsWith(".xml") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                continue; // no such folder: nothing in it
            }
            for (Path f : files) {
                String type = NodeSpec.SUBNETWORK + f.getFileName();
                if (found.containsKey(type)) continue;
                try {
                    found.put(type, describe(type, NetworkXml.read(f), registry));
                } catch (NetworkException | IOException e) {
                    // a broken file shows when it is used or described, with its problems
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * The ids of the knob nodes {@code node.param} names in a flattened network: {@code voice.cutoff} is
     * {@code voice/cutoff}, or every copy's ({@code voice#0/cutoff} ...) for a cloned node; {@code voice#3.cutoff}
     * is copy 3's. Empty when it names no knob.
     */
    public static List<String> knobNodes(NetworkSpec flat, String node, String param) {
        List<String> ids = new ArrayList<>();
        String single = node + "/" + param;
        for (NodeSpec n : flat.nodes()) {
            if (!KNOB.equals(n.type())) continue;
            String id = n.id();
            if (id.equals(single)) {
                ids.add(id);
            } else if (id.startsWith(node + "#") && id.endsWith("/" + param)) {
                String copy = id.substring(node.length() + 1, id.length() - param.length() - 1);
                if (copy.matches("\\d+")) ids.add(id);
            }
        }
        return ids;
    }

    /** The knobs of sub-network node {@code node} in a flattened network, by name; empty when it is none. */
    public static List<String> knobsOf(NetworkSpec flat, String node) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (NodeSpec n : flat.nodes()) {
            if (!KNOB.equals(n.type())) continue;
            int slash = n.id().lastIndexOf('/');
            if (slash < 0) continue;
            String owner = n.id().substring(0, slash);
            if (owner.equals(node) || owner.startsWith(node + "#") && owner.substring(node.length() + 1).matches("\\d+")) {
                names.add(n.id().substring(slash + 1));
            }
        }
        return List.copyOf(names);
    }

    /**
     * The sub-network node a flattened node was inlined from, at the outermost level: {@code bells} for
     * {@code bells#3/bell}, {@code voice} for {@code voice/filter} and {@code voice/inner/osc}; null for a node of
     * the network itself.
     */
    public static String ownerOf(String flatId) {
        int slash = flatId.indexOf('/');
        if (slash <= 0) return null;
        int copy = flatId.indexOf('#');
        return flatId.substring(0, copy > 0 && copy < slash ? copy : slash);
    }

    /** A flat id with its copy numbers taken out ({@code bells#3/bell} is {@code bells#/bell}): the same node in every copy. */
    static String anyCopy(String id) {
        return id.indexOf('#') < 0 ? id : id.replaceAll("#\\d+", "#");
    }

    // ---- inlining -------------------------------------------------------------------------------------------

    /** What the outside sees of one sub-network node once it is inlined. */
    private static final class Expansion {
        final NodeSpec node;
        final String file;
        final NetworkSpec inner;
        /** Where relative file paths written in the sub-network's file start: that file's folder. */
        final PathBase base;
        final Set<String> knobs = new HashSet<>();
        final Set<String> inlets = new HashSet<>();
        final Set<String> outlets = new HashSet<>();
        /** Per inlet, what it feeds inside (in every copy). */
        final Map<String, List<Consumer>> consumers = new HashMap<>();
        /** Per used outlet, the flat output that gives it (the copies' Sum when cloned); absent: fed nothing. */
        final Map<String, Endpoint> sources = new HashMap<>();

        Expansion(NodeSpec node, String file, NetworkSpec inner) {
            this.node = node;
            this.file = file;
            this.inner = inner;
            this.base = PathBase.of(inner);
        }

        String prefix(int copy) {
            return node.count() == 1 ? node.id() + "/" : node.id() + "#" + copy + "/";
        }

        String shown() {
            return Diagnostics.node(node.type(), node.id());
        }
    }

    /** Something an inlet feeds: an input (a stream connection: {@code mode} null) or a param (a control). */
    private record Consumer(Endpoint to, ControlMode mode) {
    }

    /** The flat network being built from one network's nodes and wiring. */
    private static final class Flat {
        final List<NodeSpec> nodes = new ArrayList<>();
        final List<Connection> connections = new ArrayList<>();
        final List<ControlConnection> controls = new ArrayList<>();
        final List<MidiBinding> midi = new ArrayList<>();
    }

    /** {@code spec} inlined one level (its sub-networks already flat); {@code outputs} learns its nodes' outputs. */
    private static NetworkSpec inline(NetworkSpec spec, List<Path> chain, Findings findings,
                                      Map<Endpoint, Endpoint> outputs) {
        Flat flat = new Flat();
        Map<String, Expansion> subs = new LinkedHashMap<>();
        Set<String> failed = new HashSet<>();
        for (NodeSpec n : spec.nodes()) {
            if (n.id() != null && (n.id().contains("/") || n.id().contains("#"))) {
                findings.problem(new Problem(n.location(), n.id(), null, "node ids may not contain '/' or '#': they "
                        + "name the nodes inside a sub-network (voice/filter) and its copies (voice#3)"));
                failed.add(n.id());
                continue;
            }
            if (!n.isSubNetwork()) {
                flat.nodes.add(n);
                continue;
            }
            Expansion e = load(n, spec, chain, findings);
            if (e == null) {
                failed.add(n.id());
                continue;
            }
            subs.put(n.id(), e);
            expand(e, spec, flat, findings);
        }
        rewire(spec, subs, failed, flat, findings);
        subs.forEach((id, e) -> e.sources.forEach((outlet, from) -> outputs.put(new Endpoint(id, outlet), from)));
        return new NetworkSpec(spec.name(), spec.version(), spec.sampleRate(), spec.duration(), spec.description(),
                flat.nodes, flat.connections, flat.controls, flat.midi, spec.origin(), spec.comments());
    }

    /** Reads and inlines the file a sub-network node names; null after saying why it cannot. */
    private static Expansion load(NodeSpec n, NetworkSpec spec, List<Path> chain, Findings findings) {
        String name = n.type().substring(NodeSpec.SUBNETWORK.length()).trim();
        Path file = resolve(n.type(), spec.origin());
        if (file == null) {
            List<String> looked = searched(spec.origin()).stream().map(Path::toString).toList();
            findings.problem(new Problem(n.location(), n.id(), null, "there is no sub-network file '" + Text.clip(name)
                    + "' (looked in " + String.join(", ", looked) + "); the path is relative to this file's folder"));
            return null;
        }
        Path real = FilePaths.real(file);
        if (chain.contains(real)) {
            List<String> names = new ArrayList<>();
            for (Path p : chain.subList(chain.indexOf(real), chain.size())) names.add(String.valueOf(p.getFileName()));
            names.add(String.valueOf(real.getFileName()));
            findings.problem(new Problem(n.location(), n.id(), null, "sub-network '" + name + "' includes itself ("
                    + String.join(" -> ", names) + "); a network cannot contain itself, so break the chain"));
            return null;
        }
        if (String.valueOf(file.getFileName()).toLowerCase(java.util.Locale.ROOT).endsWith(".clamnetwork")) {
            // read as a Conch file it gave a line for each of CLAM's elements, none saying what to do
            findings.problem(new Problem(n.location(), n.id(), null, "sub-network '" + name + "' is a CLAM network, "
                    + "which opens only as a whole network; import it (conch import " + file.getFileName() + " -o "
                    + String.valueOf(file.getFileName()).replaceFirst("(?i)\\.clamnetwork$", ".xml")
                    + ") and use the Conch file"));
            return null;
        }
        NetworkSpec inner;
        try {
            inner = NetworkXml.read(file);
        } catch (NetworkException ex) {
            for (Problem p : ex.problems()) findings.problem(inside(n, name, p));
            return null;
        } catch (IOException ex) {
            findings.problem(new Problem(n.location(), n.id(), null, "the sub-network file " + file + " cannot be read: "
                    + ex.getMessage()));
            return null;
        }
        List<Path> deeper = new ArrayList<>(chain);
        deeper.add(real);
        Findings own = new Findings();
        NetworkSpec flatInner = inline(inner, deeper, own, new HashMap<>());
        if (!own.problems().isEmpty()) {
            for (Problem p : own.problems()) findings.problem(inside(n, name, p));
            return null;
        }
        return new Expansion(n, name, flatInner);
    }

    /** A problem of the sub-network's file, told at the including node's line with its place in that file. */
    private static Problem inside(NodeSpec n, String file, Problem p) {
        return new Problem(n.location().holding(file, p.location()), p.node() == null ? n.id() : n.id() + "/" + p.node(),
                p.port(), p.message());
    }

    /** Adds every copy's nodes and inner wiring to {@code flat}, and learns the node's ports and knobs. */
    private static void expand(Expansion e, NetworkSpec outer, Flat flat, Findings findings) {
        NodeSpec n = e.node;
        Map<String, String> types = new HashMap<>();
        for (NodeSpec m : e.inner.nodes()) {
            types.put(m.id(), m.type());
            if (KNOB.equals(m.type())) e.knobs.add(m.id());
            if (INLET.equals(m.type())) e.inlets.add(m.id());
            if (OUTLET.equals(m.type())) e.outlets.add(m.id());
        }
        Set<String> fedInlets = new HashSet<>();
        Set<String> usedOutlets = new HashSet<>();
        for (Connection c : outer.connections()) {
            if (c.to() != null && c.to().node().equals(n.id())) fedInlets.add(c.to().port());
            if (c.from() != null && c.from().node().equals(n.id())) usedOutlets.add(c.from().port());
        }
        for (ControlConnection c : outer.controls()) {
            if (c.to() != null && c.to().node().equals(n.id())) fedInlets.add(c.to().port());
            if (c.from() != null && c.from().node().equals(n.id())) usedOutlets.add(c.from().port());
        }
        Map<String, Map<String, ParamValue>> sets = settings(e, findings);
        Map<String, Automation> automated = new HashMap<>();
        for (Automation a : n.automations()) {
            if (e.knobs.contains(a.param())) {
                automated.put(a.param(), new Automation("value", a.events(), a.location()));
            } else {
                findings.problem(new Problem(a.location(), n.id(), a.param(), knobProblem(e, a.param(), " to automate")));
            }
        }
        Map<String, List<Endpoint>> outletFeeds = new HashMap<>();
        for (int k = 0; k < n.count(); k++) {
            String prefix = e.prefix(k);
            for (NodeSpec m : e.inner.nodes()) {
                if (OUTLET.equals(m.type()) || INLET.equals(m.type()) && fedInlets.contains(m.id())) continue;
                Map<String, ParamValue> params = new LinkedHashMap<>();
                m.params().forEach((name, v) -> params.put(name, new ParamValue(v.text(), at(e, v.location()),
                        v.base() != null ? v.base() : e.base)));
                if (m.id().equals(INDEX) && KNOB.equals(m.type()) && !sets.containsKey(INDEX)) {
                    params.put("value", new ParamValue(Integer.toString(k), n.location()));
                }
                Map<String, ParamValue> set = sets.getOrDefault(m.id(), Map.of());
                for (Map.Entry<String, ParamValue> v : set.entrySet()) {
                    // written in the including file: a path in it starts from that file's folder
                    params.put(v.getKey(), new ParamValue(copyValue(v.getValue().text(), k), v.getValue().location(),
                            v.getValue().base()));
                }
                List<Automation> autos = new ArrayList<>();
                for (Automation a : m.automations()) autos.add(new Automation(a.param(), a.events(), at(e, a.location())));
                Automation knobTimeline = automated.get(m.id());
                if (knobTimeline != null) autos.add(knobTimeline);
                flat.nodes.add(new NodeSpec(prefix + m.id(), m.type(), params, m.x(), m.y(), at(e, m.location()), autos,
                        m.count()));
            }
            for (Connection c : e.inner.connections()) {
                if (c.from() == null || c.to() == null) continue; // not read from a file; the file would say
                boolean fromInlet = INLET.equals(types.get(c.from().node())) && fedInlets.contains(c.from().node());
                boolean toOutlet = OUTLET.equals(types.get(c.to().node()));
                if (fromInlet && toOutlet) {
                    findings.problem(new Problem(at(e, c.location()), n.id(), null, "inlet '" + c.from().node()
                            + "' is connected straight to outlet '" + c.to().node() + "'; a sub-network passes on what "
                            + "its nodes make, so put a node (a Gain at 0 dB) between them"));
                } else if (fromInlet) {
                    e.consumers.computeIfAbsent(c.from().node(), x -> new ArrayList<>())
                            .add(new Consumer(flat(prefix, c.to()), null));
                } else if (toOutlet) {
                    outletFeeds.computeIfAbsent(c.to().node(), x -> new ArrayList<>()).add(flat(prefix, c.from()));
                } else {
                    flat.connections.add(new Connection(flat(prefix, c.from()), flat(prefix, c.to()), at(e, c.location())));
                }
            }
            for (ControlConnection c : e.inner.controls()) {
                if (c.from() == null || c.to() == null) continue;
                boolean fromInlet = INLET.equals(types.get(c.from().node())) && fedInlets.contains(c.from().node());
                if (fromInlet) {
                    e.consumers.computeIfAbsent(c.from().node(), x -> new ArrayList<>())
                            .add(new Consumer(flat(prefix, c.to()), c.mode()));
                } else {
                    flat.controls.add(new ControlConnection(flat(prefix, c.from()), flat(prefix, c.to()), c.mode(),
                            at(e, c.location())));
                }
            }
            for (MidiBinding m : e.inner.midi()) {
                flat.midi.add(new MidiBinding(m.kind(), m.channel(), m.cc(), flat(prefix, m.to()), at(e, m.location())));
            }
        }
        for (String outlet : usedOutlets) {
            if (!e.outlets.contains(outlet)) continue; // rewire says so, with the ports there are
            List<Endpoint> feeds = outletFeeds.getOrDefault(outlet, List.of());
            if (feeds.size() != n.count()) {
                findings.problem(new Problem(n.location(), n.id(), outlet, "output '" + outlet + "' of " + e.shown()
                        + " is fed by nothing inside " + e.file + "; connect a node to its Outlet"));
                continue;
            }
            if (n.count() == 1) {
                e.sources.put(outlet, feeds.get(0));
                continue;
            }
            NodeSpec outletNode = e.inner.node(outlet).orElseThrow();
            ParamValue kind = outletNode.params().get("kind");
            String kindText = kind == null ? "audio" : kind.text().trim();
            if (kindText.equals("spectrum") || kindText.equals("2")) {
                findings.problem(new Problem(n.location(), n.id(), outlet, "output '" + outlet + "' of " + e.shown()
                        + " carries a spectrum, and the " + n.count() + " copies' spectra cannot be summed; "
                        + "resynthesize inside (an ISTFT before the Outlet) or use one copy"));
                continue;
            }
            String sum = n.id() + "/" + outlet;
            Map<String, ParamValue> params = new LinkedHashMap<>();
            params.put("kind", new ParamValue(kindText, n.location()));
            params.put("inputs", new ParamValue(Integer.toString(n.count()), n.location()));
            flat.nodes.add(new NodeSpec(sum, "Sum", params, n.x(), n.y(), n.location()));
            for (int k = 0; k < feeds.size(); k++) {
                flat.connections.add(new Connection(feeds.get(k), new Endpoint(sum, "in" + (k + 1)), n.location()));
            }
            e.sources.put(outlet, new Endpoint(sum, "out"));
        }
    }

    /**
     * The node's params by the inner node they set: a knob's value ({@code cutoff} sets node {@code cutoff}'s value)
     * or any inner param by its path ({@code filter.q}); says what is wrong with any other.
     */
    private static Map<String, Map<String, ParamValue>> settings(Expansion e, Findings findings) {
        Map<String, Map<String, ParamValue>> sets = new HashMap<>();
        for (Map.Entry<String, ParamValue> p : e.node.params().entrySet()) {
            String name = p.getKey();
            ParamValue v = p.getValue();
            String target;
            String param;
            int dot = name.lastIndexOf('.');
            if (e.knobs.contains(name)) {
                target = name;
                param = "value";
            } else if (dot > 0 && e.inner.node(name.substring(0, dot)).isPresent()) {
                target = name.substring(0, dot);
                param = name.substring(dot + 1);
            } else {
                findings.problem(new Problem(v.location().known() ? v.location() : e.node.location(), e.node.id(), name,
                        knobProblem(e, name, "")));
                continue;
            }
            int values = v.text().trim().isEmpty() ? 1 : v.text().trim().split("\\s+").length;
            if (e.node.count() > 1 && values != 1 && values != e.node.count()) {
                findings.problem(new Problem(v.location(), e.node.id(), name, name + " has " + values + " values for "
                        + e.node.count() + " copies; give one value for all, or one per copy"));
                continue;
            }
            sets.computeIfAbsent(target, x -> new LinkedHashMap<>()).put(param, v);
        }
        return sets;
    }

    private static String knobProblem(Expansion e, String name, String purpose) {
        List<String> knobs = e.knobs.stream().sorted().toList();
        return Diagnostics.noParameter(e.shown(), Text.clip(name), purpose, Text.closest(name, knobs))
                + (knobs.isEmpty() ? "; it has no knobs (Constant nodes)" : "; its knobs are: " + String.join(", ", knobs))
                + "; an inner node's param is set as node.param, such as filter.q";
    }

    /** Copy {@code k}'s value from a param written for every copy: one value for all, or a list of one per copy. */
    private static String copyValue(String text, int k) {
        String[] values = text.trim().split("\\s+");
        return values.length > 1 ? values[k] : text;
    }

    /** Joins the network's own wiring to the inlined sub-networks' ports and knobs. */
    private static void rewire(NetworkSpec spec, Map<String, Expansion> subs, Set<String> failed, Flat flat,
                               Findings findings) {
        for (Connection c : spec.connections()) {
            if (touches(failed, c.from(), c.to())) continue;
            Endpoint from = source(subs, c.from(), c.location(), findings);
            if (from == null) continue;
            Expansion e = c.to() == null ? null : subs.get(c.to().node());
            if (e == null) {
                flat.connections.add(new Connection(from, c.to(), c.location()));
                continue;
            }
            if (!e.inlets.contains(c.to().port())) {
                findings.problem(portProblem(e, c.to(), false, c.location()));
                continue;
            }
            feed(e, c.to().port(), from, c.location(), flat);
        }
        for (ControlConnection c : spec.controls()) {
            if (touches(failed, c.from(), c.to())) continue;
            Endpoint from = source(subs, c.from(), c.location(), findings);
            if (from == null) continue;
            Expansion e = c.to() == null ? null : subs.get(c.to().node());
            if (e == null) {
                flat.controls.add(new ControlConnection(from, c.to(), c.mode(), c.location()));
            } else if (e.knobs.contains(c.to().port())) {
                for (int k = 0; k < e.node.count(); k++) {
                    flat.controls.add(new ControlConnection(from, knob(e, k, c.to().port()), c.mode(), c.location()));
                }
            } else if (e.inlets.contains(c.to().port())) {
                feed(e, c.to().port(), from, c.location(), flat);
            } else {
                findings.problem(new Problem(c.location(), e.node.id(), c.to().port(), knobProblem(e, c.to().port(),
                        " to drive")));
            }
        }
        for (MidiBinding m : spec.midi()) {
            if (touches(failed, m.to(), null)) continue;
            Expansion e = subs.get(m.to().node());
            if (e == null) {
                flat.midi.add(m);
            } else if (e.knobs.contains(m.to().port())) {
                for (int k = 0; k < e.node.count(); k++) {
                    flat.midi.add(new MidiBinding(m.kind(), m.channel(), m.cc(), knob(e, k, m.to().port()), m.location()));
                }
            } else {
                findings.problem(new Problem(m.location(), e.node.id(), m.to().port(), knobProblem(e, m.to().port(),
                        " for MIDI to set")));
            }
        }
    }

    private static boolean touches(Set<String> failed, Endpoint a, Endpoint b) {
        return a != null && failed.contains(a.node()) || b != null && failed.contains(b.node());
    }

    /** What {@code from} names in the flat network: itself, or what gives a sub-network's output; null if nothing. */
    private static Endpoint source(Map<String, Expansion> subs, Endpoint from, Location at, Findings findings) {
        Expansion e = from == null ? null : subs.get(from.node());
        if (e == null) return from;
        if (!e.outlets.contains(from.port())) {
            findings.problem(portProblem(e, from, true, at));
            return null;
        }
        return e.sources.get(from.port()); // absent: fed nothing inside, already said
    }

    private static void feed(Expansion e, String inlet, Endpoint from, Location at, Flat flat) {
        for (Consumer c : e.consumers.getOrDefault(inlet, List.of())) {
            if (c.mode() == null) flat.connections.add(new Connection(from, c.to(), at));
            else flat.controls.add(new ControlConnection(from, c.to(), c.mode(), at));
        }
    }

    private static Endpoint knob(Expansion e, int copy, String knob) {
        return new Endpoint(e.prefix(copy) + knob, "value");
    }

    private static Problem portProblem(Expansion e, Endpoint end, boolean output, Location at) {
        List<String> ports = (output ? e.outlets : e.inlets).stream().sorted().toList();
        String message = Diagnostics.noPort(e.shown(), output, end.port())
                + Diagnostics.didYouMean(Text.closest(end.port(), ports))
                + (ports.isEmpty() ? "; it has no " + (output ? "outputs (Outlet nodes)" : "inputs (Inlet nodes)")
                : "; its " + (output ? "outputs" : "inputs") + " are: " + String.join(", ", ports));
        return new Problem(at, end.node(), end.port(), message);
    }

    private static Endpoint flat(String prefix, Endpoint e) {
        return new Endpoint(prefix + e.node(), e.port());
    }

    private static Location at(Expansion e, Location inner) {
        return e.node.location().holding(e.file, inner);
    }
}
