package dev.conch.clam;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ParamType;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a CLAM {@code .clamnetwork} file into a Conch network plus an {@link ImportReport}. Each processing goes
 * through its {@link ClamTypes} rule; the network's sources and sinks become the channels of one AudioInput and one
 * AudioOutput in CLAM's order (by y, then port); the links are then wired through the rules' port tables.
 *
 * <p>CLAM's sample-rate semantics: nothing in the file sets a rate, and CLAM's processings assume 44100 Hz, so the
 * network's rate is 44100 (a caller that plays input files in, as CLAM's OfflinePlayer does, takes the first file's).
 */
public final class ClamImporter {
    /** The rate CLAM's processings assume when no backend says otherwise. */
    public static final int CLAM_RATE = 44100;
    private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_.-]");

    private final ClamNetwork clam;
    private final String source;
    private final Path folder;
    private final ProcessorRegistry registry;
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Mapping> byClamId = new LinkedHashMap<>();
    private final List<String> mapped = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<ClamImport.Monitor> monitors = new ArrayList<>();

    private ClamImporter(ClamNetwork clam, String source, Path folder, ProcessorRegistry registry) {
        this.clam = clam;
        this.source = source;
        this.folder = folder;
        this.registry = registry;
    }

    /** Whether a path names a CLAM network (by its extension, as CLAM's own tools do). */
    public static boolean isClamFile(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".clamnetwork");
    }

    /**
     * Imports a file; {@code source} is how the report and its sentences name it (the path as the user typed it). The
     * network's origin is the CLAM file, so a relative path in it (a SndfileWriter's {@code output.wav}) means a file
     * beside it, as CLAM, run from its folder, wrote it, wherever the command runs.
     */
    public static ClamImport read(Path file, String source, ProcessorRegistry registry) throws ClamFormatException, IOException {
        Path folder = file.toAbsolutePath().getParent();
        ClamImport imp = read(Files.readAllBytes(file), source, folder, registry);
        return new ClamImport(imp.spec().withOrigin(new Origin(file)), imp.report(), imp.monitors());
    }

    /** Imports CLAM XML; files it names are looked for from {@code folder} (null: the current folder) upwards. */
    public static ClamImport read(byte[] xml, String source, Path folder, ProcessorRegistry registry) throws ClamFormatException {
        ClamNetwork clam = ClamXml.read(xml);
        return new ClamImporter(clam, source, folder != null ? folder : Path.of("").toAbsolutePath(), registry).convert();
    }

    private ClamImport convert() {
        List<Mapping> all = new ArrayList<>();
        for (ClamNetwork.Processing p : clam.processings()) {
            Mapping m = new Mapping(p, claim(sanitise(p.id())), this);
            ClamTypes.Rule rule = ClamTypes.RULES.get(p.type());
            ClamTypes.Known other = ClamTypes.OTHERS.get(p.type());
            if (rule != null) {
                rule.map(p, m);
            } else if (other != null && other.visual()) {
                m.visual = true;
            } else {
                m.refuse(other != null ? "does this in CLAM: " + other.what() + "; Conch has no processor for it"
                        : "is a type this importer does not know, and Conch has no processor of that name");
            }
            byClamId.put(p.id(), m);
            all.add(m);
        }
        List<NodeSpec> nodes = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        List<ControlConnection> controls = new ArrayList<>();
        NodeSpec input = io(all, true), output = io(all, false);
        if (input != null) nodes.add(input);
        for (Mapping m : all) {
            if (m.visual) {
                dropped.add(m.clam.type() + " '" + m.clam.id() + "'");
            } else if (m.refusal != null) {
                refused.add(sentence(m.clam.location(), m.clam.id(), m.clam.type(), m.refusal));
            } else {
                nodes.addAll(specs(m));
                for (String[] c : m.chains) connections.add(new Connection(Endpoint.parse(c[0]), Endpoint.parse(c[1]), m.clam.location()));
                for (String[] c : m.innerControls) controls.add(new ControlConnection(Endpoint.parse(c[0]), Endpoint.parse(c[1]), m.clam.location()));
                mapped.add(describe(m));
                notes.addAll(m.notes);
            }
        }
        if (output != null) nodes.add(output);
        wire(connections, controls);
        dropUnfedMonitors(all, nodes, controls);
        String description = description();
        NetworkSpec spec = new NetworkSpec(baseName(source), NetworkSpec.FORMAT_VERSION, CLAM_RATE, 0, description,
                ClamLayout.spaced(nodes, connections, controls), connections, controls);
        return new ClamImport(spec, new ImportReport(source, mapped, dropped, refused, notes), monitors);
    }

    /** The one AudioInput (sources) or AudioOutput (sinks): channels in CLAM's order, by y and then port. */
    private NodeSpec io(List<Mapping> all, boolean sources) {
        List<Mapping> ends = new ArrayList<>();
        for (Mapping m : all) if ((sources ? m.sourcePorts : m.sinkPorts) > 0) ends.add(m);
        if (ends.isEmpty()) return null;
        ends.sort(Comparator.comparingDouble(m -> m.clam.y())); // stable: equal y keep file order
        String id = claim(sources ? "audio_in" : "audio_out");
        int channel = 0;
        double x = 0, y = 0;
        for (Mapping m : ends) {
            int ports = sources ? m.sourcePorts : m.sinkPorts;
            int first = channel + 1;
            for (int k = 1; k <= ports; k++) {
                channel++;
                if (sources) m.out(Integer.toString(k), id + ".out" + channel);
                else m.in(Integer.toString(k), id + ".in" + channel);
            }
            x += m.clam.x();
            y += m.clam.y();
            m.conchSummary = (sources ? "AudioInput '" : "AudioOutput '") + id + "' "
                    + (ports == 1 ? "channel " + first : "channels " + first + "-" + channel);
        }
        Map<String, ParamValue> params = new LinkedHashMap<>();
        params.put("channels", new ParamValue(Integer.toString(channel)));
        return new NodeSpec(id, sources ? "AudioInput" : "AudioOutput", params, x / ends.size(), y / ends.size(),
                ends.get(0).clam.location());
    }

    private List<NodeSpec> specs(Mapping m) {
        List<NodeSpec> list = new ArrayList<>();
        int i = 0;
        for (Mapping.Draft d : m.nodes) {
            Map<String, ParamValue> params = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : d.params.entrySet()) {
                params.put(e.getKey(), new ParamValue(withinRange(m, d, e.getKey(), e.getValue()), m.clam.location()));
            }
            list.add(new NodeSpec(d.id, d.type, params, m.clam.x() + 30 * i, m.clam.y() + 30 * i, m.clam.location()));
            i++;
        }
        return list;
    }

    /**
     * A number outside the param's range is brought to its nearest end, with a note: CLAM's fields have no
     * ranges, Conch's params do. (Constant's value range is its own min..max, set by the rule.)
     */
    private String withinRange(Mapping m, Mapping.Draft d, String param, String text) {
        if (registry == null || !registry.has(d.type) || d.type.equals("Constant")) return text;
        ProcessorDescriptor desc = registry.descriptor(d.type);
        ParamSpec spec = desc.param(param);
        if (spec == null || (spec.type() != ParamType.NUMBER && spec.type() != ParamType.INTEGER)) return text;
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
        if (v >= spec.min() && v <= spec.max()) return text;
        double kept = Math.max(spec.min(), Math.min(spec.max(), v));
        String keptText = Mapping.number(kept);
        notes.add("node '" + d.id + "': " + param + " " + text + " is outside Conch's range (" + spec.rangeText() + "), so it is "
                + keptText);
        return keptText;
    }

    /** The CLAM links, through each side's port table; what cannot be wired is refused or noted, never guessed. */
    private void wire(List<Connection> connections, List<ControlConnection> controls) {
        Set<String> drivenParams = new HashSet<>();
        int toMonitors = 0;
        for (ClamNetwork.Link link : clam.links()) {
            Mapping from = byClamId.get(link.fromNode()), to = byClamId.get(link.toNode());
            String what = (link.control() ? "control link " : "link ") + link.fromText() + " -> " + link.toText();
            if (from == null || to == null) {
                refused.add(sentence(link.location(), null, null, "the " + what + " names no processing '"
                        + (from == null ? link.fromNode() : link.toNode()) + "' (CLAM skips such a link too)"));
                continue;
            }
            if (from.visual || to.visual) {
                toMonitors++;
                if (to.visual && !from.visual && from.refusal == null) watched(link, from, to);
                continue;
            }
            if (from.refusal != null || to.refusal != null) continue; // goes with the refused processing
            // a printer is kept as a Print node for render and play; the editor also opens a value monitor on what it
            // printed, as it does for the visual-only ones
            if (to.monitor && !from.visual) watched(link, from, to);
            if (!link.control()) {
                if (to.throughIn != null && to.throughIn.equals(link.toPort())) continue; // wired from its far side
                if (from.nodes.isEmpty() && from.throughOut == null && from.foldedInto != null && from.sourcePorts == 0) {
                    continue; // read by the node it feeds (an ImpulseResponseLoader's file is the Convolver's)
                }
                String src = audioSource(from, link.fromPort(), new HashSet<>());
                String dst = to.audioIns.get(link.toPort());
                if (src == null && link.fromPort().equals(from.throughOut)) continue; // what it passes on was cut
                if (src == null || dst == null) {
                    refused.add(unknownPort(link, what, src == null ? from : to, src == null ? link.fromPort() : link.toPort()));
                    continue;
                }
                connections.add(new Connection(Endpoint.parse(src), Endpoint.parse(dst), link.location()));
                continue;
            }
            String src = from.controlOuts.get(link.fromPort());
            List<Mapping.Target> targets = to.controlIns.get(link.toPort());
            if (src == null && targets != null && to.monitor) {
                // a display losing an input changes no sound: said, not refused
                notes.add("the " + what + " is dropped: Conch's " + (from.nodes.isEmpty() ? from.clam.type() : from.nodes.get(0).type)
                        + " gives no control for CLAM's '"
                        + link.fromPort() + "'");
                continue;
            }
            if (src == null || targets == null) {
                refused.add(unknownPort(link, what, src == null ? from : to, src == null ? link.fromPort() : link.toPort()));
                continue;
            }
            if (targets.isEmpty()) {
                notes.add("the " + what + " is dropped: " + to.deadWhy.get(link.toPort()));
                continue;
            }
            for (Mapping.Target t : targets) {
                if (!drivenParams.add(t.endpoint())) {
                    refused.add(sentence(link.location(), to.clam.id(), null, "the " + what + " is a second control into "
                            + link.toPort() + " (in CLAM the last value sent wins), and a Conch param takes one control; "
                            + "give --partial to keep only the first"));
                    continue;
                }
                if (t.param()) controls.add(new ControlConnection(Endpoint.parse(src), Endpoint.parse(t.endpoint()), link.location()));
                else connections.add(new Connection(Endpoint.parse(src), Endpoint.parse(t.endpoint()), link.location()));
            }
        }
        if (toMonitors > 0) notes.add(toMonitors + (toMonitors == 1 ? " link" : " links") + " to or from visual-only processings dropped with them");
    }

    /** The editor's monitor in place of a dropped visual processing, on the kept output its link watched. */
    private void watched(ClamNetwork.Link link, Mapping from, Mapping visual) {
        ClamImport.View view = ClamMonitors.view(visual.clam.type(), link.toPort());
        if (view == null) return;
        String port = link.control() ? from.controlOuts.get(link.fromPort()) : audioSource(from, link.fromPort(), new HashSet<>());
        if (port != null) monitors.add(new ClamImport.Monitor(visual.clam.id(), visual.clam.type(), view, Endpoint.parse(port)));
    }

    /** A monitor none of whose inputs could be wired shows nothing: it goes, listed with the visual-only ones. */
    private void dropUnfedMonitors(List<Mapping> all, List<NodeSpec> nodes, List<ControlConnection> controls) {
        Set<String> fed = new HashSet<>();
        for (ControlConnection c : controls) fed.add(c.to().node());
        for (Mapping m : all) {
            if (!m.monitor || m.refusal != null || m.nodes.stream().anyMatch(d -> fed.contains(d.id))) continue;
            Set<String> ids = new HashSet<>();
            for (Mapping.Draft d : m.nodes) ids.add(d.id);
            nodes.removeIf(n -> ids.contains(n.id()));
            mapped.remove(describe(m));
            notes.removeAll(m.notes);
            dropped.add(m.clam.type() + " '" + m.clam.id() + "'");
            m.visual = true;
        }
    }

    /** The Conch output behind a CLAM out-port, looking through a processing Conch folds away (OverlapAdd). */
    private String audioSource(Mapping m, String port, Set<String> seen) {
        if (m.throughOut != null && m.throughOut.equals(port)) {
            if (!seen.add(m.clam.id())) return null;
            for (ClamNetwork.Link l : clam.links()) {
                if (!l.control() && l.toNode().equals(m.clam.id()) && l.toPort().equals(m.throughIn)) {
                    Mapping up = byClamId.get(l.fromNode());
                    return up == null || up.refusal != null || up.visual ? null : audioSource(up, l.fromPort(), seen);
                }
            }
            return null;
        }
        return m.audioOuts.get(port);
    }

    private String unknownPort(ClamNetwork.Link link, String what, Mapping side, String port) {
        return sentence(link.location(), side.clam.id(), null, "the " + what + " uses " + (link.control() ? "control" : "port")
                + " '" + port + "', which this importer does not know on a " + side.clam.type()
                + " (CLAM skips a link to a missing port); give --partial to import without it");
    }

    /** {@code file:line:col: node 'x' (CLAM Type) <what>; give --partial ...}, one sentence. */
    private String sentence(Location at, String clamId, String type, String what) {
        StringBuilder sb = new StringBuilder(source).append(':');
        if (at.known()) sb.append(at.line()).append(':').append(at.column()).append(':');
        sb.append(' ');
        if (clamId != null && type != null) {
            sb.append("node '").append(clamId).append("' (CLAM ").append(type).append(") ").append(what)
                    .append("; give --partial to import the rest without it");
        } else if (clamId != null) {
            sb.append("node '").append(clamId).append("': ").append(what);
        } else {
            sb.append(what);
        }
        return sb.toString();
    }

    private String describe(Mapping m) {
        StringBuilder sb = new StringBuilder(m.clam.type()).append(" '").append(m.clam.id()).append("' -> ");
        if (m.conchSummary != null) {
            sb.append(m.conchSummary);
        } else if (m.nodes.isEmpty()) {
            sb.append(m.foldedInto != null ? m.foldedInto : "nothing");
        } else {
            List<String> parts = new ArrayList<>();
            for (Mapping.Draft d : m.nodes) parts.add(d.type + " '" + d.id + "'");
            sb.append(String.join(", ", parts));
        }
        return sb.toString();
    }

    /** Conch node ids: other characters become '_', and one is put before a leading digit or dash. */
    static String sanitise(String clamId) {
        String s = NOT_ID.matcher(clamId.strip()).replaceAll("_");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_') s = "_" + s;
        return s;
    }

    /** A node id not yet used (a numbered one when taken). */
    String claim(String wanted) {
        String id = wanted;
        for (int n = 2; !ids.add(id); n++) id = wanted + "_" + n;
        return id;
    }

    /** Whether a link reaches this in-port or in-control from a processing that is kept (a monitor's seek bar is not). */
    boolean driven(String clamId, String port) {
        for (ClamNetwork.Link l : clam.links()) {
            if (l.toNode().equals(clamId) && l.toPort().equals(port) && !visual(l.fromNode())) return true;
        }
        return false;
    }

    private boolean visual(String clamId) {
        for (ClamNetwork.Processing p : clam.processings()) {
            if (p.id().equals(clamId)) {
                ClamTypes.Known k = ClamTypes.OTHERS.get(p.type());
                return k != null && k.visual();
            }
        }
        return false;
    }

    boolean feedsOnly(String clamId, String port, Set<String> types) {
        for (ClamNetwork.Link l : clam.links()) {
            if (l.control() || !l.fromNode().equals(clamId) || !l.fromPort().equals(port) || visual(l.toNode())) continue;
            for (ClamNetwork.Processing p : clam.processings()) {
                if (p.id().equals(l.toNode()) && !types.contains(p.type())) return false;
            }
        }
        return true;
    }

    ClamNetwork.Processing upstream(String clamId, String port) {
        for (ClamNetwork.Link l : clam.links()) {
            if (!l.control() && l.toNode().equals(clamId) && l.toPort().equals(port)) {
                for (ClamNetwork.Processing p : clam.processings()) if (p.id().equals(l.fromNode())) return p;
            }
        }
        return null;
    }

    /** The processings this out-port feeds, monitors left out. */
    List<ClamNetwork.Processing> downstream(String clamId, String port) {
        List<ClamNetwork.Processing> found = new ArrayList<>();
        for (ClamNetwork.Link l : clam.links()) {
            if (l.control() || !l.fromNode().equals(clamId) || !l.fromPort().equals(port) || visual(l.toNode())) continue;
            for (ClamNetwork.Processing p : clam.processings()) if (p.id().equals(l.toNode())) found.add(p);
        }
        return found;
    }

    String upstreamPort(String clamId, String port) {
        for (ClamNetwork.Link l : clam.links()) {
            if (!l.control() && l.toNode().equals(clamId) && l.toPort().equals(port)) return l.fromPort();
        }
        return null;
    }

    boolean reaches(String clamId, String type) {
        Map<String, String> types = new LinkedHashMap<>();
        for (ClamNetwork.Processing p : clam.processings()) types.put(p.id(), p.type());
        Deque<String> todo = new ArrayDeque<>(List.of(clamId));
        Set<String> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            String at = todo.pop();
            for (ClamNetwork.Link l : clam.links()) {
                if (l.control() || !l.fromNode().equals(at) || !seen.add(l.toNode())) continue;
                if (type.equals(types.get(l.toNode()))) return true;
                todo.push(l.toNode());
            }
        }
        return false;
    }

    /**
     * CLAM resolves a relative path from its working folder, usually one or two folders above the network
     * (FORMAT-NOTES 4): the network's folder and then each parent is tried.
     */
    String findFile(Mapping m, String text) {
        if (text == null || text.isBlank()) {
            m.note("node '" + m.base + "': the CLAM file names no file; give one with --set " + m.base + ".file=FILE.wav");
            return null;
        }
        Path given;
        try {
            given = Path.of(text);
        } catch (RuntimeException e) {
            m.note("node '" + m.base + "': '" + text + "' is not a path this system can use");
            return null;
        }
        if (given.isAbsolute()) {
            if (Files.isRegularFile(given)) return given.toString();
        } else {
            for (Path dir = folder; dir != null; dir = dir.getParent()) {
                Path p = dir.resolve(given).normalize();
                if (Files.isRegularFile(p)) return p.toString();
            }
        }
        m.note("node '" + m.base + "': " + text + " is not in the network's folder nor above it; give it with --set "
                + m.base + ".file=FILE.wav");
        return null;
    }

    /**
     * Where a file the network names but that is nowhere to be found would be: beside the network, so that the
     * refusal names that path and not one under whatever folder the command ran in.
     */
    String besideNetwork(String text) {
        try {
            Path given = Path.of(text);
            return given.isAbsolute() ? text : folder.resolve(given).normalize().toString();
        } catch (RuntimeException e) {
            return text; // not a path here: the reader refuses it as given
        }
    }

    int sampleRate() {
        return CLAM_RATE;
    }

    /** The STFT's fftSize maximum, from the registry, so the importer and the processors never disagree. */
    int largestFft() {
        ParamSpec size = registry == null || !registry.has("STFT") ? null : registry.descriptor("STFT").param("fftSize");
        return size == null ? Integer.MAX_VALUE : (int) size.max(); // no registry: the compiler judges the size
    }

    /** The CLAM description as plain text (it is Qt rich-text HTML), then where the network came from. */
    private String description() {
        String text = clam.description().replaceAll("(?s)<style.*?</style>", " ").replaceAll("(?s)<!DOCTYPE.*?>", " ")
                .replaceAll("(?s)<head.*?</head>", " ").replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
        StringBuilder sb = new StringBuilder(text);
        if (!text.isEmpty()) sb.append(' ');
        sb.append("Imported from the CLAM network ").append(baseName(source)).append(".clamnetwork.");
        List<String> renamed = new ArrayList<>();
        for (Mapping m : byClamId.values()) {
            if (!m.visual && m.refusal == null && !m.base.equals(m.clam.id()) && !m.nodes.isEmpty()) {
                renamed.add("'" + m.clam.id() + "' is " + m.base);
            }
        }
        if (!renamed.isEmpty()) sb.append(" CLAM ids: ").append(String.join(", ", renamed)).append('.');
        return sb.toString();
    }

    private static String baseName(String source) {
        Path name = Path.of(source).getFileName();
        String s = name == null ? source : name.toString();
        int dot = s.toLowerCase(Locale.ROOT).lastIndexOf(".clamnetwork");
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
