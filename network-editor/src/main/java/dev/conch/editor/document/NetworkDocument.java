package dev.conch.editor.document;

import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network being edited: the current spec, its file, undo/redo and the dirty flag. Pure Java (no JavaFX), so
 * every editing rule is unit-tested without a screen. Views listen and redraw from {@link #spec()}.
 */
public final class NetworkDocument {
    /** What changed, for listeners that can do less work for a param change than for a rewiring. */
    public enum Change { STRUCTURE, PARAM, POSITION, SAVED }

    public interface Listener {
        void changed(Change change, Edit cause);
    }

    private final ProcessorRegistry registry;
    private final History history = new History();
    private final List<Listener> listeners = new ArrayList<>();
    private NetworkSpec spec;
    private NetworkSpec saved;
    private Path file;
    /** The file of another format this network was imported from (a CLAM network), never written; or null. */
    private final Path importedFrom;
    private List<String> upgradedPaths = List.of();
    private int upgradedFrom;

    public NetworkDocument(NetworkSpec spec, Path file, ProcessorRegistry registry) {
        this(spec, file, registry, null);
    }

    private NetworkDocument(NetworkSpec spec, Path file, ProcessorRegistry registry, Path importedFrom) {
        this.spec = spec;
        this.saved = importedFrom == null ? spec : null; // an import is in no Conch file yet: unsaved
        this.file = file;
        this.registry = registry;
        this.importedFrom = importedFrom;
    }

    /**
     * A network imported from {@code from} (a CLAM {@code .clamnetwork}): untitled and unsaved, so Save asks where
     * (Save As), and it refuses to write over {@code from}.
     */
    public static NetworkDocument imported(NetworkSpec spec, Path from, ProcessorRegistry registry) {
        return new NetworkDocument(spec, null, registry, from);
    }

    /** The file this network was imported from, or null for a Conch network (or a new one). */
    public Path importedFrom() {
        return importedFrom;
    }

    /**
     * Reads a network file; problems come as the reader's located sentences. A version-1 file's framing params
     * repeated on spectral nodes are dropped where they agree with the STFT's, and a file older than version 4 has
     * the relative paths it found from the current folder rewritten from its own ({@link FilePaths#upgraded}), so
     * saving writes the current version with the same meaning.
     */
    public static NetworkDocument open(Path file, ProcessorRegistry registry) throws NetworkException, IOException {
        NetworkSpec read = NetworkCompiler.withoutRepeatedFraming(NetworkXml.read(file), registry);
        List<String> rewritten = new ArrayList<>();
        NetworkDocument doc = new NetworkDocument(FilePaths.upgraded(read, registry, rewritten), file, registry);
        doc.upgradedFrom = rewritten.isEmpty() ? 0 : read.version();
        doc.upgradedPaths = List.copyOf(rewritten);
        return doc;
    }

    /**
     * What opening rewrote, for the person to be told: one line per relative path of a file older than format version
     * 4 that the old rule found from the current folder and that now names the same file from the network's own
     * folder ({@code node 'ir', file: ir.wav -> ../ir.wav}); empty when nothing was rewritten.
     */
    public List<String> upgradedPaths() {
        return upgradedPaths;
    }

    /** The format version the file was written in, when {@link #upgradedPaths} is not empty; else 0. */
    public int upgradedFrom() {
        return upgradedFrom;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Path file() {
        return file;
    }

    public ProcessorRegistry registry() {
        return registry;
    }

    /** Unsaved changes? Undoing back to the saved network makes the document clean again. */
    public boolean dirty() {
        return !spec.equals(saved);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** Applies an edit (one undo step) or refuses it, leaving the network as it was. */
    public void apply(Edit edit) throws EditRefused {
        NetworkSpec next = edit.applyTo(spec, registry);
        if (next.equals(spec) && !(edit instanceof MoveNode)) return;
        history.done(new History.Step(edit.label(), spec, next));
        spec = next;
        fire(kindOf(edit), edit);
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    public String undoLabel() {
        return history.undoLabel();
    }

    public String redoLabel() {
        return history.redoLabel();
    }

    public void undo() {
        if (!history.canUndo()) return;
        spec = history.undo().before();
        fire(Change.STRUCTURE, null);
    }

    public void redo() {
        if (!history.canRedo()) return;
        spec = history.redo().after();
        fire(Change.STRUCTURE, null);
    }

    /** Writes the network to its file (atomically: the old file or the whole new one, never half). */
    public void save() throws IOException {
        if (file == null) throw new IOException("this network has no file yet: use Save As");
        saveAs(file);
    }

    /**
     * Writes the network to {@code target}. Saved in another folder, its relative file paths and sub-network types are
     * rewritten to name the same files from there ({@link FilePaths#moved}), in the undo history too.
     *
     * @return one line per path rewritten ({@code node 'ir', file: ir.wav -> ../ir.wav}); empty when none was
     */
    public List<String> saveAs(Path target) throws IOException {
        if (importedFrom != null && target.toAbsolutePath().normalize().equals(importedFrom.toAbsolutePath().normalize())
                || target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".clamnetwork")) {
            throw new IllegalArgumentException(target.getFileName() + " is a CLAM network, which Conch reads but never "
                    + "writes: save as a Conch network, a name ending in .xml");
        }
        FilePaths.Moved moved = FilePaths.moved(spec, registry, target);
        NetworkXml.write(moved.spec(), target);
        if (!target.equals(spec.origin().file())) {
            // every step, even when this network had no path to rewrite: an undo brings back networks seen from the
            // new file (a group made then is named from its folder), with their own paths rewritten
            history.rewrite(s -> FilePaths.moved(s, registry, target).spec());
        }
        spec = moved.spec(); // its origin is the new file: every path is seen from there now
        file = target;
        saved = spec;
        fire(moved.rewritten().isEmpty() ? Change.SAVED : Change.STRUCTURE, null);
        if (!moved.rewritten().isEmpty()) fire(Change.SAVED, null);
        return moved.rewritten();
    }

    /** Every problem the compiler finds in the network as it is now (none when it would play). */
    public List<dev.conch.engine.model.Problem> problems() {
        return ConnectionCheck.problems(spec, registry);
    }

    /** An id not yet used: "delay", then "delay2", "delay3"... */
    public String freshId(String type) {
        String name = type;
        if (type.startsWith(NodeSpec.SUBNETWORK)) {
            // a sub-network is named for its file: net:library/bell-voice.xml gives bell-voice
            name = type.substring(type.lastIndexOf('/') + 1).replaceFirst("^" + NodeSpec.SUBNETWORK, "")
                    .replaceFirst("\\.xml$", "").replaceAll("[^A-Za-z0-9_\\-]", "");
            if (name.isEmpty() || !Character.isLetter(name.charAt(0))) name = "sub" + name;
        }
        String base = name.isEmpty() ? "node" : lowerStart(name);
        if (spec.node(base).isEmpty()) return base;
        for (int i = 2; ; i++) if (spec.node(base + i).isEmpty()) return base + i;
    }

    /**
     * A type as an id's start: its first word in small letters, an initialism as one word ("Delay" gives "delay",
     * "AudioOutput" "audioOutput", "LFO" "lfo", not "lFO"; "FMSynth" "fmSynth").
     */
    static String lowerStart(String name) {
        int caps = 0;
        while (caps < name.length() && Character.isUpperCase(name.charAt(caps))) caps++;
        // of capitals followed by a small letter, the last one starts the next word
        boolean word = caps > 1 && caps < name.length() && Character.isLowerCase(name.charAt(caps));
        int lower = word ? caps - 1 : Math.max(caps, 1);
        return name.substring(0, lower).toLowerCase(Locale.ROOT) + name.substring(lower);
    }

    private static Change kindOf(Edit e) {
        if (e instanceof SetParam) return Change.PARAM;
        if (e instanceof MoveNode) return Change.POSITION;
        return Change.STRUCTURE;
    }

    private void fire(Change change, Edit cause) {
        for (Listener l : List.copyOf(listeners)) l.changed(change, cause);
    }
}
