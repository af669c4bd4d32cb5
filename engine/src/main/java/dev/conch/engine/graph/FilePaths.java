package dev.conch.engine.graph;

import dev.conch.engine.io.TempTarget;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ParamSpec.FileUse;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * File params ({@link ParamSpec#namesFile()}) resolved once, before any processor sees their text, as Pd resolves a
 * patch's files against the patch's folder: a relative path starts from the folder of the network file it is written
 * in (a sub-network's from its own file's), one typed on the command line from the current folder ({@link PathBase}).
 * A file older than {@link NetworkSpec#PATHS_VERSION} took relative paths from the current folder: its paths are
 * looked for from its folder first and then from the current folder, with a warning that says how to update it.
 *
 * <p>The binder creates every processor with these texts, so processors only ever see absolute paths; the editor
 * shows them, and rewrites relative paths when a network is saved to another folder ({@link #moved}).
 */
public final class FilePaths {
    private FilePaths() {
    }

    /** Where a resolved path was found. */
    public enum From { ABSOLUTE, OWN_FOLDER, CURRENT_FOLDER }

    /**
     * One file param's path: its text, the absolute path it names, and from where.
     *
     * @param moved for a {@link PathBase#legacy()} path: where the old rule (the current folder) took it, when that is
     *              elsewhere and would have worked; null otherwise
     */
    public record Resolved(String text, Path path, PathBase base, From from, FileUse use, Path moved) {
        /** Whether the text was relative (its meaning depends on {@link #base}). */
        public boolean relative() {
            return from != From.ABSOLUTE;
        }

        /** Whether a file to read is missing, or the folder of a file to write. */
        public boolean missing() {
            return use == FileUse.WRITES ? path.getParent() == null || !Files.isDirectory(path.getParent())
                    : !Files.exists(path);
        }

        /**
         * The sentence for a path that leads nowhere: where it led, where a relative one started from, and what to
         * do ({@code setting}: how the command line sets this param, {@code rd.file}).
         */
        String missingSentence(String setting) {
            if (!relative()) {
                return use == FileUse.WRITES
                        ? "cannot write " + path + ": there is no folder " + path.getParent() + "; make the folder, or "
                        + "give a path in one that exists"
                        : "there is no file " + path + "; give the path of one that exists (in the file, or with --set "
                        + setting + "=FILE)";
            }
            String start = "'" + text + "' starts from " + base.named()
                    + (base.legacy() ? ", and is not in the current folder either" : "");
            return use == FileUse.WRITES
                    ? "cannot write " + path + ": there is no folder " + path.getParent() + " (" + start
                    + "); make the folder, or write the path from there"
                    : "there is no file " + path + " (" + start + "); write the path from there, or an absolute one";
        }

        /** For a legacy path that now means another file than it did, the sentence saying so; else null. */
        String legacySentence() {
            String verb = use == FileUse.WRITES ? "writes " : "reads ";
            if (from == From.CURRENT_FOLDER) {
                return "'" + text + "' " + verb + path + " from the current folder, as format versions before "
                        + NetworkSpec.PATHS_VERSION + " took relative paths; since version " + NetworkSpec.PATHS_VERSION
                        + " they start from " + base.named() + ": write it as '" + written(path, base.folder(), true)
                        + "' and set version=\"" + NetworkSpec.FORMAT_VERSION + "\" (saving the network in the editor "
                        + "does both)";
            }
            if (moved == null) return null;
            return "'" + text + "' " + verb + path + ", from " + base.named() + " as format version "
                    + NetworkSpec.PATHS_VERSION + " takes relative paths, not " + moved + " from the current folder as "
                    + "older versions did; set version=\"" + NetworkSpec.FORMAT_VERSION + "\" to keep it so (saving the "
                    + "network in the editor does), or write the path you mean";
        }
    }

    /**
     * Where {@code p} is on the disk: links and {@code ..} resolved where it exists, else as it is, absolute. What two
     * paths are compared by when they must not name the same file (an input and an output, a network and its copy).
     */
    public static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * The path {@code text} names, written where {@code base} says; null when it is empty or no path at all (the
     * processor then says what it needs). A leading {@code ~/} is the home folder.
     */
    public static Resolved resolve(String text, FileUse use, PathBase base) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return null;
        Path given;
        try {
            given = t.startsWith("~/") ? Path.of(System.getProperty("user.home"), t.substring(2)) : Path.of(t);
        } catch (InvalidPathException e) {
            return null;
        }
        if (given.isAbsolute()) return new Resolved(t, given.normalize(), base, From.ABSOLUTE, use, null);
        Path own = base.folder().resolve(given).normalize();
        Path current = PathBase.currentFolder().resolve(given).normalize();
        if (!base.legacy() || own.equals(current)) return new Resolved(t, own, base, From.OWN_FOLDER, use, null);
        // the old rule's file is worth a warning only where it worked: a file there to read, a folder to write in
        if (usable(own, use)) return new Resolved(t, own, base, From.OWN_FOLDER, use, usable(current, use) ? current : null);
        if (usable(current, use)) return new Resolved(t, current, base, From.CURRENT_FOLDER, use, null);
        return new Resolved(t, own, base, From.OWN_FOLDER, use, null);
    }

    private static boolean usable(Path p, FileUse use) {
        return use == FileUse.WRITES ? Files.isDirectory(p.getParent()) : Files.exists(p);
    }

    /** Each file param of node {@code n} that has a text, resolved; {@code networkBase} for params without their own. */
    public static Map<String, Resolved> of(NodeSpec n, ProcessorRegistry registry, PathBase networkBase) {
        Map<String, Resolved> found = new LinkedHashMap<>();
        if (n.type() == null || !registry.has(n.type())) return found;
        var descriptor = registry.descriptor(n.type());
        for (Map.Entry<String, ParamValue> e : n.params().entrySet()) {
            ParamSpec spec = descriptor.param(e.getKey());
            if (spec == null || !spec.namesFile()) continue;
            PathBase base = e.getValue().base() != null ? e.getValue().base() : networkBase;
            Resolved r = resolve(e.getValue().text(), spec.file(), base);
            if (r != null) found.put(e.getKey(), r);
        }
        return found;
    }

    /** Node {@code n}'s param texts as its processor is created with them: every file path absolute. */
    public static Map<String, String> texts(NodeSpec n, ProcessorRegistry registry, PathBase networkBase) {
        Map<String, String> texts = n.paramTexts();
        of(n, registry, networkBase).forEach((name, r) -> texts.put(name, r.path().toString()));
        return texts;
    }

    /**
     * A node of a compiled network that reads or writes a file.
     *
     * @param writes true for a writer (an AudioFileWriter), false for a reader (a sample, an impulse response)
     */
    public record FileUser(String node, Path file, boolean writes) {
    }

    /**
     * The node of {@code net} that writes or reads the file {@code target} (the same file however it is written), or
     * null: what a render to {@code target} must refuse, since writing it would lose the other writer's file or
     * replace the recording a reader reads.
     */
    public static FileUser userOf(CompiledNetwork net, ProcessorRegistry registry, Path target) {
        return users(net, registry).get(TempTarget.canonical(target));
    }

    /**
     * Every file the nodes of {@code net} write or read, keyed as {@link TempTarget#canonical} keys a target, for a
     * command that checks many targets ({@code process}). A written file is replaced, a link at it included, so its
     * key is not followed through a link; a read file has both keys of {@link #overwrittenBy}. A file both written and
     * read is its writer's.
     */
    public static Map<Path, FileUser> users(CompiledNetwork net, ProcessorRegistry registry) {
        Map<Path, FileUser> users = new LinkedHashMap<>();
        for (var e : net.processors().entrySet()) {
            Path written = e.getValue().writesFile();
            if (written != null) users.putIfAbsent(TempTarget.canonical(written), new FileUser(e.getKey(), written, true));
        }
        readers(net.spec(), registry).forEach(users::putIfAbsent);
        return users;
    }

    /**
     * Every file the nodes of {@code spec} read (samples, impulse responses), under both keys of
     * {@link #overwrittenBy}, the first reader of a file kept: what no file written by the run may be. Needs no
     * compiled network, so an import checks its {@code -o} with it too.
     */
    public static Map<Path, FileUser> readers(NetworkSpec spec, ProcessorRegistry registry) {
        Map<Path, FileUser> readers = new LinkedHashMap<>();
        PathBase base = PathBase.of(spec);
        for (NodeSpec n : spec.nodes()) {
            for (Resolved r : of(n, registry, base).values()) {
                if (r.use() != FileUse.READS) continue;
                for (Path key : overwrittenBy(r.path())) readers.putIfAbsent(key, new FileUser(n.id(), r.path(), false));
            }
        }
        return readers;
    }

    /**
     * The targets ({@link TempTarget#canonical}) whose writing would lose the file read at {@code read}: that path
     * itself, where a link would be replaced by the output, and the file it reaches through links, which would be
     * written over. One path when there is no link.
     */
    public static List<Path> overwrittenBy(Path read) {
        Path named = TempTarget.canonical(read);
        Path reached = real(read);
        return named.equals(reached) ? List.of(named) : List.of(named, reached);
    }

    /**
     * As {@link #texts}, for the binder: a path that leads nowhere is a problem naming where it led and, for a
     * relative one, where it started (the node is then not created), and a legacy path that now means another file a warning.
     */
    static Map<String, String> bind(NodeSpec n, ProcessorRegistry registry, PathBase networkBase, List<Problem> problems,
                                    List<Problem> warnings) {
        Map<String, String> texts = n.paramTexts();
        of(n, registry, networkBase).forEach((name, r) -> {
            Location at = n.params().get(name).problemAt(n.location());
            // an absolute path too: what validate accepts must run, and a missing file is told here with the
            // param's line and a remedy, not by the processor as it is made (no line, nothing to do)
            if (r.missing()) problems.add(new Problem(at, n.id(), name, r.missingSentence(n.id() + "." + name)));
            String legacy = r.legacySentence();
            if (legacy != null) warnings.add(new Problem(at, n.id(), name, legacy));
            texts.put(name, r.path().toString());
        });
        return texts;
    }

    /**
     * {@code spec} with every file param's path absolute, so it means the same files wherever it is read from (a
     * batch's network travels as text to other machines). Sub-network nodes are left as they are: give it flattened.
     */
    public static NetworkSpec absolute(NetworkSpec spec, ProcessorRegistry registry) {
        return rewrite(spec, registry, (n, name, r) -> r.relative() ? r.path().toString() : null);
    }

    /**
     * A network read from a file older than {@link NetworkSpec#PATHS_VERSION}, as the current version means it: each
     * relative path the old rule found from the current folder is rewritten from the file's folder, and the version is
     * the current one. What saving such a network writes; {@code spec} itself when it is current.
     */
    public static NetworkSpec upgraded(NetworkSpec spec, ProcessorRegistry registry) {
        return upgraded(spec, registry, new ArrayList<>());
    }

    /**
     * As {@link #upgraded(NetworkSpec, ProcessorRegistry)}, adding to {@code lines} one line per path rewritten, as
     * {@link #moved} says them: {@code node 'ir', file: ir.wav -> ../ir.wav}.
     */
    public static NetworkSpec upgraded(NetworkSpec spec, ProcessorRegistry registry, List<String> lines) {
        if (spec.version() >= NetworkSpec.PATHS_VERSION) return spec;
        NetworkSpec rewritten = rewrite(spec, registry, (n, name, r) -> {
            if (r.from() != From.CURRENT_FOLDER) return null;
            String now = written(r.path(), r.base().folder(), true);
            if (!now.equals(r.text())) lines.add("node '" + n.id() + "', " + name + ": " + r.text() + " -> " + now);
            return now;
        });
        return new NetworkSpec(rewritten.name(), NetworkSpec.FORMAT_VERSION, rewritten.sampleRate(), rewritten.duration(),
                rewritten.description(), rewritten.nodes(), rewritten.connections(), rewritten.controls(),
                rewritten.midi(), rewritten.origin(), rewritten.comments());
    }

    /**
     * The network moved to the file {@code to} (Save As, an import written elsewhere): each relative file path and
     * sub-network type ({@code net:voice.xml}) found from its old folder is rewritten to name the same file from
     * {@code to}'s folder, and its origin is {@code to}. Absolute paths stay; so do sub-network types found in a
     * library folder.
     *
     * @param rewritten one line per text changed: {@code node 'ir', file: ir.wav -> ../ir.wav}
     */
    public record Moved(NetworkSpec spec, List<String> rewritten) {
    }

    public static Moved moved(NetworkSpec spec, ProcessorRegistry registry, Path to) {
        Path folder = to.toAbsolutePath().normalize().getParent();
        List<String> lines = new ArrayList<>();
        NetworkSpec files = rewrite(spec, registry, (n, name, r) -> {
            if (!r.relative()) return null;
            String now = written(r.path(), folder, true);
            if (now.equals(r.text())) return null;
            lines.add("node '" + n.id() + "', " + name + ": " + r.text() + " -> " + now);
            return now;
        });
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : files.nodes()) {
            String type = n.isSubNetwork() ? retyped(n.type(), spec.origin(), folder) : n.type();
            if (!type.equals(n.type())) lines.add("node '" + n.id() + "': " + n.type() + " -> " + type);
            nodes.add(type.equals(n.type()) ? n
                    : new NodeSpec(n.id(), type, n.params(), n.x(), n.y(), n.location(), n.automations(), n.count()));
        }
        NetworkSpec moved = new NetworkSpec(files.name(), files.version(), files.sampleRate(), files.duration(),
                files.description(), nodes, files.connections(), files.controls(), files.midi(), new Origin(to),
                files.comments());
        return new Moved(moved, List.copyOf(lines));
    }

    /** A sub-network type found from {@code origin}'s folder (not from a library folder), as seen from {@code folder}. */
    private static String retyped(String type, Origin origin, Path folder) {
        String name = type.substring(NodeSpec.SUBNETWORK.length()).trim();
        Path file;
        try {
            if (name.isEmpty() || Path.of(name).isAbsolute()) return type;
            file = origin.folder().resolve(name).normalize();
        } catch (InvalidPathException e) {
            return type;
        }
        if (!Files.isRegularFile(file)) return type; // a library's, or none: the same wherever the network is
        return NodeSpec.SUBNETWORK + written(file, folder, true);
    }

    /**
     * How a file is written in a network whose file is in {@code folder}: relative (with '/') when it is inside or
     * below the folder; with {@code anywhere} (a path that was relative stays relative) also when both are in one
     * folder two levels down or deeper ({@code /home/me}), so a project moves as a whole; absolute otherwise (a climb
     * to the root and down another tree names nothing a project carries).
     */
    public static String written(Path file, Path folder, boolean anywhere) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = folder.toAbsolutePath().normalize();
        if (abs.startsWith(dir) || anywhere && shared(abs, dir) >= 2) {
            String rel = dir.relativize(abs).toString().replace('\\', '/');
            if (!rel.isEmpty()) return rel;
        }
        return abs.toString();
    }

    /** How many folders from the root two paths have in common. */
    private static int shared(Path a, Path b) {
        if (!java.util.Objects.equals(a.getRoot(), b.getRoot())) return -1;
        int n = 0;
        while (n < a.getNameCount() && n < b.getNameCount() && a.getName(n).equals(b.getName(n))) n++;
        return n;
    }

    @FunctionalInterface
    private interface Rewrite {
        /** The new text of node {@code n}'s file param {@code name}, or null to keep it. */
        String text(NodeSpec n, String name, Resolved r);
    }

    private static NetworkSpec rewrite(NetworkSpec spec, ProcessorRegistry registry, Rewrite how) {
        PathBase own = PathBase.of(spec);
        List<NodeSpec> nodes = new ArrayList<>();
        boolean changed = false;
        for (NodeSpec n : spec.nodes()) {
            NodeSpec m = n;
            for (Map.Entry<String, Resolved> e : of(n, registry, own).entrySet()) {
                String now = how.text(n, e.getKey(), e.getValue());
                if (now == null) continue;
                // the new text is absolute or starts from the network's own folder, whatever base the old one had
                m = m.withParam(e.getKey(), now, null);
            }
            changed |= m != n;
            nodes.add(m);
        }
        if (!changed) return spec;
        return new NetworkSpec(spec.name(), spec.version(), spec.sampleRate(), spec.duration(), spec.description(),
                nodes, spec.connections(), spec.controls(), spec.midi(), spec.origin(), spec.comments());
    }
}
