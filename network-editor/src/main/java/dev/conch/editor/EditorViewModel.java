package dev.conch.editor;

import dev.conch.editor.document.AddNode;
import dev.conch.editor.document.Batch;
import dev.conch.editor.document.AddControl;
import dev.conch.editor.document.Connect;
import dev.conch.editor.document.Disconnect;
import dev.conch.editor.document.Edit;
import dev.conch.editor.document.EditRefused;
import dev.conch.editor.document.MoveNode;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.NodeFacts;
import dev.conch.editor.document.PasteNodes;
import dev.conch.editor.document.RemoveControl;
import dev.conch.editor.document.RemoveNode;
import dev.conch.editor.document.RenameNode;
import dev.conch.editor.document.SetControlMode;
import dev.conch.editor.document.SetNetworkProperties;
import dev.conch.editor.document.SetParam;
import dev.conch.editor.document.Subnetwork;
import dev.conch.editor.document.Wire;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.geometry.Point2D;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the editor shows, as JavaFX properties the views bind to: the document and its spec, the selection (and the
 * node the inspector shows), the clipboard, the status line, the title and the dirty flag. Every edit the user
 * makes comes here and goes into the {@link NetworkDocument}; no view is told by hand. No window and no node:
 * unit-tested without a screen.
 */
public final class EditorViewModel {
    private static final double NEW_NODE_GAP = 140;
    private static final double PASTE_OFFSET = 40;

    /**
     * One change of the document, published after the status line has said what the edit was, so a listener's own
     * message (a hot-swap that failed) is the one left showing. Two alike changes are still two events.
     */
    public record Edited(NetworkDocument.Change change, Edit cause, NetworkSpec spec) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private final ProcessorRegistry registry;
    private final ReadOnlyObjectWrapper<NetworkDocument> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final javafx.collections.ObservableList<NetworkDocument> documents = FXCollections.observableArrayList();
    private final javafx.collections.ObservableList<NetworkDocument> documentsView = FXCollections.unmodifiableObservableList(documents);
    private final Set<NetworkDocument> listened = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final ReadOnlyObjectWrapper<NetworkSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
    /** Whether the status line says something went wrong (drawn in an error colour). */
    private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(this, "statusIsError");
    /** Every compiler problem of the network as it is now, and the audio thread's failure if one happened. */
    private final javafx.collections.ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final javafx.collections.ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private Problem audioFailure;
    private final StringBinding title = Bindings.createStringBinding(
            () -> (dirty.get() ? "* " : "") + name(file.get(), document.get()) + " - Conch editor",
            file, dirty, document);
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    /** One read-only view, kept: its listeners hang on the selection only as long as the view lives. */
    private final ObservableSet<String> selectionView = FXCollections.unmodifiableObservableSet(selection);
    private final ReadOnlyObjectWrapper<String> inspected = new ReadOnlyObjectWrapper<>(this, "inspected");
    /** A wire clicked on the canvas (Delete removes it); never at the same time as selected nodes. */
    private final ReadOnlyObjectWrapper<Wire> selectedWire = new ReadOnlyObjectWrapper<>(this, "selectedWire");
    private final ReadOnlyObjectWrapper<Subnetwork> clipboard = new ReadOnlyObjectWrapper<>(this, "clipboard");
    private final ReadOnlyObjectWrapper<Edited> edited = new ReadOnlyObjectWrapper<>(this, "edited");
    private int pastes;
    /** While an edit is applied, its change waits here until the status line has said what it was. */
    private boolean holding;
    private Edited held;

    public EditorViewModel(NetworkDocument first) {
        this.registry = first.registry();
        load(first);
    }

    public ProcessorRegistry registry() {
        return registry;
    }

    // ------------------------------------------------------------------ the properties views bind to

    public ReadOnlyObjectProperty<NetworkDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public NetworkDocument document() {
        return document.get();
    }

    /** The network as it is now; set again (a new object) after every change, even a move back to the same place. */
    public ReadOnlyObjectProperty<NetworkSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    public NetworkSpec spec() {
        return spec.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public StringBinding titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String status() {
        return status.get();
    }

    /** The selected node ids, in the order they were selected. Read-only: select through this class. */
    public ObservableSet<String> selection() {
        return selectionView;
    }

    /** The node the inspector shows (one of the selection: the one clicked last), or null. */
    public ReadOnlyObjectProperty<String> inspectedProperty() {
        return inspected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Wire> selectedWireProperty() {
        return selectedWire.getReadOnlyProperty();
    }

    public Wire selectedWire() {
        return selectedWire.get();
    }

    public ReadOnlyObjectProperty<Subnetwork> clipboardProperty() {
        return clipboard.getReadOnlyProperty();
    }

    /** Each change of the document (the playback controller follows it live, autosave follows saves). */
    public ReadOnlyObjectProperty<Edited> editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** Shows a sentence in the status line. */
    public void say(String message) {
        statusIsError.set(false);
        status.set(message);
    }

    /** Shows what went wrong in the status line, in the error colour. */
    public void complain(String message) {
        statusIsError.set(true);
        status.set(message);
    }

    public ReadOnlyBooleanProperty statusIsErrorProperty() {
        return statusIsError.getReadOnlyProperty();
    }

    /** The problems panel's list: every compiler problem (none left out), then an audio-thread failure. Read-only. */
    public javafx.collections.ObservableList<Problem> problems() {
        return problemsView;
    }

    /** A failure on the audio thread: said, and listed with the problems until the network is next played or changed. */
    public void reportFailure(String failure) {
        complain(failure);
        audioFailure = new Problem(dev.conch.engine.model.Location.UNKNOWN, null, null, "while playing: " + failure);
        refreshProblems();
    }

    public void clearFailure() {
        if (audioFailure == null) return;
        audioFailure = null;
        refreshProblems();
    }

    private void refreshProblems() {
        List<Problem> all = new ArrayList<>(document().problems());
        if (audioFailure != null) all.add(audioFailure);
        problems.setAll(all);
    }

    // ------------------------------------------------------------------ documents

    /**
     * Another network in the current tab (New, Open, Close): the selection and the inspector empty, every view
     * follows {@link #documentProperty()}.
     */
    public void load(NetworkDocument next) {
        int at = documents.indexOf(document.get());
        if (at < 0) documents.add(next);
        else documents.set(at, next);
        show(next);
    }

    // ------------------------------------------------------------------ tabs

    /** The open documents, one per tab, in tab order; {@link #document()} is one of them. Read-only. */
    public javafx.collections.ObservableList<NetworkDocument> documents() {
        return documentsView;
    }

    /** A network in a new tab after the current one, made current (a sub-network opened from its node). */
    public void openTab(NetworkDocument next) {
        documents.add(documents.indexOf(document.get()) + 1, next);
        show(next);
    }

    /** Makes an open tab's document the current one; each keeps its own history, dirty flag and file. */
    public void switchTo(NetworkDocument doc) {
        if (doc != document.get() && documents.contains(doc)) show(doc);
    }

    /** Closes a tab without asking (the caller asked); the last tab is never closed: {@link #load} replaces it. */
    public void closeTab(NetworkDocument doc) {
        int at = documents.indexOf(doc);
        if (at < 0 || documents.size() == 1) return;
        documents.remove(at);
        if (doc == document.get()) show(documents.get(Math.min(at, documents.size() - 1)));
    }

    private void show(NetworkDocument next) {
        selection.clear();
        inspected.set(null);
        selectedWire.set(null);
        if (listened.add(next)) { // once per document: a tab shown again must not report each change twice
            next.addListener((change, cause) -> {
                if (next == document.get()) changed(next, change, cause);
            });
        }
        // the spec first: a view told of the new document finds its network already there
        spec.set(next.spec());
        file.set(next.file());
        dirty.set(next.dirty());
        audioFailure = null;
        document.set(next);
        refreshProblems();
    }

    private void changed(NetworkDocument doc, NetworkDocument.Change change, Edit cause) {
        if (change != NetworkDocument.Change.SAVED) {
            selection.retainAll(doc.spec().nodes().stream().map(NodeSpec::id).toList());
            if (inspected.get() != null && doc.spec().node(inspected.get()).isEmpty()) inspected.set(null);
            if (selectedWire.get() != null && !wires(doc.spec()).contains(selectedWire.get())) selectedWire.set(null);
            spec.set(doc.spec());
            if (change != NetworkDocument.Change.POSITION) refreshProblems(); // a move changes no problem
        } else if (!java.util.Objects.equals(doc.spec().origin().file(), spec.get().origin().file())) {
            // saved to another file: the same network (origins take no part in equality), now seen from that file's
            // folder, so a group made next is named from there; a save in place redraws nothing
            spec.set(doc.spec());
        }
        file.set(doc.file());
        dirty.set(doc.dirty());
        Edited e = new Edited(change, cause, doc.spec());
        if (holding) held = e;
        else edited.set(e);
    }

    /** Runs a document change, then says {@code said} (if not null), then publishes the change. */
    private <X extends Exception> void publishingAfter(DocumentAction<X> action, java.util.function.Supplier<String> said)
            throws X {
        holding = true;
        try {
            action.run();
            String message = said.get();
            if (message != null) say(message);
        } finally {
            holding = false;
            Edited e = held;
            held = null;
            if (e != null) edited.set(e);
        }
    }

    private interface DocumentAction<X extends Exception> {
        void run() throws X;
    }

    // ------------------------------------------------------------------ edits

    /** Applies an edit as one undo step and says so; a refusal is said instead and changes nothing. */
    public boolean apply(Edit edit) {
        try {
            publishingAfter(() -> document().apply(edit), () -> capital(edit.label()));
            return true;
        } catch (EditRefused e) {
            complain("Refused: " + e.getMessage());
            return false;
        }
    }

    /** A node from the palette: below the lowest one, selected. */
    public void addNode(String type) {
        NetworkSpec now = spec();
        double y = now.nodes().stream().mapToDouble(NodeSpec::y).max().orElse(0) + NEW_NODE_GAP;
        addNode(type, 40, now.nodes().isEmpty() ? 40 : y);
    }

    /** A node dropped (or quick-added) at x, y in network coordinates, selected. */
    public void addNode(String type, double x, double y) {
        String id = document().freshId(type);
        if (apply(new AddNode(id, type, x, y))) select(id);
    }

    /** The inspector's commit: null when applied, else the sentence why not (shown beside the widget too). */
    public String setParam(String node, String param, String text) {
        try {
            publishingAfter(() -> document().apply(new SetParam(node, param, text)),
                    () -> "Set " + node + "." + param + " to " + text.trim());
            return null;
        } catch (EditRefused e) {
            complain("Refused: " + e.getMessage());
            return e.getMessage();
        }
    }

    /** A wire dropped on an input: onto an input another output feeds, it replaces that wire (one undo step). */
    public void connect(Endpoint from, Endpoint to) {
        Connection fed = feeding(to);
        if (fed == null || fed.from().equals(from)) {
            apply(new Connect(from, to));
            return;
        }
        apply(new Batch("replace the wire into " + to + " with one from " + from,
                List.of(new Disconnect(fed.from(), to), new Connect(from, to))));
    }

    /**
     * A wire's input end dragged away: dropped on nothing ({@code to} null) it is removed, dropped on another input
     * it moves there (replacing the wire that input had). One undo step either way.
     */
    public void moveWireEnd(Wire wire, Endpoint to) {
        if (wire.control() || wire.to().equals(to)) return;
        if (to == null) {
            removeWire(wire);
            return;
        }
        List<Edit> edits = new ArrayList<>();
        edits.add(new Disconnect(wire.from(), wire.to()));
        Connection fed = feeding(to);
        if (fed != null && !fed.from().equals(wire.from())) edits.add(new Disconnect(fed.from(), to));
        if (fed == null || !fed.from().equals(wire.from())) edits.add(new Connect(wire.from(), to));
        if (apply(new Batch("move the wire " + wire.from() + " from " + wire.to() + " to " + to, edits))) {
            selectedWire.set(new Wire(wire.from(), to, false)); // still selected where it went; the status says the move
        }
    }

    /** A control output dropped on a param: a modulation (replacing the one the param had), one undo step. */
    public void modulate(Endpoint from, Endpoint param) {
        ControlConnection had = spec().controls().stream().filter(c -> c.to().equals(param)).findFirst().orElse(null);
        if (had == null) {
            apply(new AddControl(from, param, ControlMode.REPLACE));
        } else if (!had.from().equals(from)) {
            apply(new Batch("modulate " + param + " with " + from + " instead of " + had.from(),
                    List.of(new RemoveControl(param), new AddControl(from, param, had.mode()))));
        }
    }

    public void setControlMode(Endpoint param, ControlMode mode) {
        apply(new SetControlMode(param, mode));
    }

    public void removeWire(Wire wire) {
        if (apply(wire.removal()) && wire.equals(selectedWire.get())) selectedWire.set(null);
    }

    /** The connection into an input, or null. */
    private Connection feeding(Endpoint input) {
        return spec().connections().stream().filter(c -> c.to().equals(input)).findFirst().orElse(null);
    }

    /** Every wire of a network, stream and modulation. */
    public static List<Wire> wires(NetworkSpec spec) {
        List<Wire> all = new ArrayList<>();
        for (Connection c : spec.connections()) all.add(Wire.of(c));
        for (ControlConnection c : spec.controls()) all.add(Wire.of(c));
        return all;
    }

    /** F2: a node's new id, with every wire, modulation and MIDI binding following it; it stays selected. */
    public boolean rename(String id, String newId) {
        if (apply(new RenameNode(id, newId))) {
            select(newId.trim());
            return true;
        }
        return false;
    }

    /** The properties dialog's OK: the network's name, sample rate, duration and description, one undo step. */
    public boolean setProperties(String name, double sampleRate, double duration, String description) {
        return apply(new SetNetworkProperties(name, sampleRate, duration, description));
    }

    /**
     * What drives each of a node's params besides its own value, for the inspector: "modulated by lfo.out (add)",
     * "automated (3 events)", "MIDI cc 74". Params driven by nothing are absent.
     */
    public Map<String, String> drivers(NodeSpec node) {
        Map<String, List<String>> what = new java.util.LinkedHashMap<>();
        for (ControlConnection c : spec().controls()) {
            if (c.to().node().equals(node.id())) {
                what.computeIfAbsent(c.to().port(), k -> new ArrayList<>()).add("modulated by " + c.from() + " (" + c.mode().word() + ")");
            }
        }
        for (var a : node.automations()) {
            what.computeIfAbsent(a.param(), k -> new ArrayList<>()).add("automated (" + a.events().size()
                    + (a.events().size() == 1 ? " event)" : " events)"));
        }
        for (MidiBinding m : spec().midi()) {
            if (m.to() != null && m.to().node().equals(node.id())) {
                what.computeIfAbsent(m.to().port(), k -> new ArrayList<>()).add(dev.conch.editor.document.MidiWords.of(m));
            }
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        what.forEach((k, v) -> out.put(k, String.join(", ", v)));
        return out;
    }

    public void move(String node, double x, double y) {
        apply(new MoveNode(node, x, y));
    }

    /** Several nodes dragged together: one undo step. */
    public void moveMany(Map<String, Point2D> positions) {
        List<Edit> edits = new ArrayList<>();
        positions.forEach((id, at) -> edits.add(new MoveNode(id, at.getX(), at.getY())));
        apply(new Batch("move " + count(edits.size()), edits));
    }

    /** The selected wire, or else the selected nodes: one node alone (its usual label) or a batch, one undo step. */
    public void deleteSelected() {
        if (selectedWire.get() != null) {
            removeWire(selectedWire.get());
            return;
        }
        Set<String> ids = Set.copyOf(selection);
        if (ids.isEmpty()) return;
        if (ids.size() == 1) {
            apply(new RemoveNode(ids.iterator().next()));
            return;
        }
        List<Edit> edits = new ArrayList<>();
        for (String id : selection) edits.add(new RemoveNode(id));
        apply(new Batch("remove " + count(ids.size()), edits));
    }

    /** Align or distribute the selection: one undo step. */
    public void arrange(BiFunction<NetworkSpec, Collection<String>, Batch> how) {
        Set<String> ids = Set.copyOf(selection);
        if (ids.size() < 2) {
            say("Select two or more nodes to align them (Shift+click, or drag a band around them)");
            return;
        }
        Batch b = how.apply(spec(), ids);
        if (b.edits().isEmpty()) {
            say("Nothing to distribute: select three or more nodes");
            return;
        }
        if (apply(b)) selectMany(ids);
    }

    public void undo() {
        NetworkDocument doc = document();
        if (!doc.canUndo()) return;
        String what = doc.undoLabel();
        publishingAfter(doc::undo, () -> "Undid " + what);
    }

    public void redo() {
        NetworkDocument doc = document();
        if (!doc.canRedo()) return;
        String what = doc.redoLabel();
        publishingAfter(doc::redo, () -> "Redid " + what);
    }

    // ------------------------------------------------------------------ selection

    /** Selects one wire (or none, with null); the nodes are deselected. */
    public void selectWire(Wire wire) {
        selection.clear();
        inspected.set(null);
        selectedWire.set(wire);
        if (wire != null) say("Selected the wire " + wire + ": Delete removes it");
    }

    /** Selects one node (or none, with null) and inspects it. */
    public void select(String id) {
        selectedWire.set(null);
        selection.clear();
        if (id != null && spec().node(id).isPresent()) selection.add(id);
        inspected.set(selection.isEmpty() ? null : id);
    }

    /** Inspects one node of the selection, keeping the rest selected (pressing a node of a group to drag it). */
    public void inspect(String id) {
        selectedWire.set(null);
        if (id != null && !selection.contains(id)) selection.add(id);
        inspected.set(id);
    }

    /** Several nodes selected: the inspector shows one of them (the one inspected before, if among them, else the last). */
    public void selectMany(Collection<String> ids) {
        selectedWire.set(null);
        selection.clear();
        for (String id : ids) if (spec().node(id).isPresent()) selection.add(id);
        String shown = inspected.get();
        if (shown == null || !selection.contains(shown)) {
            String last = null;
            for (String id : selection) last = id;
            shown = last;
        }
        inspected.set(shown);
    }

    public void selectAll() {
        selectMany(spec().nodes().stream().map(NodeSpec::id).toList());
        say("Selected all " + selection.size() + " nodes");
    }

    /** The inspected node, or null. */
    public NodeSpec inspectedNode() {
        return inspected.get() == null ? null : spec().node(inspected.get()).orElse(null);
    }

    /** The framing a spectral node inherits from its STFT (shown read-only), or null for any other node. */
    public SpectrumFormat framingOf(NodeSpec n) {
        if (n == null || !registry.has(n.type())
                || registry.descriptor(n.type()).inputs().stream().noneMatch(p -> p.kind() == PortKind.SPECTRUM)) {
            return null;
        }
        return NetworkCompiler.inputFormats(spec(), registry).getOrDefault(n.id(), Map.of())
                .values().stream().findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ clipboard

    public void copy() {
        if (selection.isEmpty()) {
            say("Nothing to copy: select nodes first (click, Shift+click, or drag a band around them)");
            return;
        }
        Subnetwork copied = Subnetwork.of(spec(), selection);
        clipboard.set(copied);
        pastes = 0;
        say("Copied " + count(copied.nodes().size()) + " and " + copied.connections().size() + " wires among them");
    }

    /** Copy, then delete: one undo step brings the nodes back. */
    public void cut() {
        if (selection.isEmpty()) {
            say("Nothing to cut: select nodes first (click, Shift+click, or drag a band around them)");
            return;
        }
        Subnetwork copied = Subnetwork.of(spec(), selection);
        List<Edit> edits = new ArrayList<>();
        for (String id : selection) edits.add(new RemoveNode(id));
        if (apply(new Batch("cut " + count(edits.size()), edits))) {
            clipboard.set(copied);
            pastes = -1; // the first paste puts them back where they were
            say("Cut " + count(copied.nodes().size()) + ": paste puts them back");
        }
    }

    /** Each paste of the same copy lands a step further down and right, so they do not stack. */
    public void paste() {
        Subnetwork copied = clipboard.get();
        if (copied == null || copied.isEmpty()) {
            say("Nothing to paste: copy some nodes first");
            return;
        }
        pastes++;
        pasteCopy(copied, PASTE_OFFSET * pastes);
    }

    public void duplicate() {
        if (selection.isEmpty()) {
            say("Nothing to duplicate: select nodes first");
            return;
        }
        pasteCopy(Subnetwork.of(spec(), selection), PASTE_OFFSET);
    }

    /** Pastes beside the originals and selects the copies (so a second Duplicate copies the copies). */
    private void pasteCopy(Subnetwork copy, double offset) {
        PasteNodes paste = new PasteNodes(copy, offset, offset);
        var names = paste.renaming(spec());
        if (apply(paste)) selectMany(names.values());
    }

    // ------------------------------------------------------------------ monitors

    /**
     * Whether an output port can be monitored; if not, the reason is said. Every output can: audio and control ports
     * give samples, spectrum ports their frames (shown as a spectrum in the stream's own framing).
     */
    public boolean canMonitor(Endpoint port) {
        NodeSpec node = spec().node(port.node()).orElse(null);
        PortSpec out = node == null ? null : NodeFacts.of(node, registry, spec().origin()).outputs().stream()
                .filter(p -> p.name().equals(port.port())).findFirst().orElse(null);
        if (out == null) {
            say("There is no output " + port + " to monitor");
            return false;
        }
        return true;
    }

    /** Whether an output port carries spectrum frames (its monitor shows them as a spectrum). */
    public boolean carriesSpectrum(Endpoint port) {
        NodeSpec node = spec().node(port.node()).orElse(null);
        return node != null && NodeFacts.of(node, registry).outputs().stream()
                .anyMatch(p -> p.name().equals(port.port()) && p.kind() == PortKind.SPECTRUM);
    }

    // ------------------------------------------------------------------ sentences

    /** A network's problems in the status line: the first (without its file location), and where the rest are. */
    public static String firstProblem(NetworkException e) {
        return e.problems().isEmpty() ? e.getMessage() : dev.conch.editor.problems.ProblemsPanel.sentence(e.problems().get(0))
                + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more in the problems panel)" : "");
    }

    /** How a document is named in the title and its tab: its file, what it was imported from, or untitled. */
    public static String name(NetworkDocument doc) {
        return name(doc.file(), doc);
    }

    private static String name(Path file, NetworkDocument doc) {
        if (file != null) return file.getFileName().toString();
        return doc != null && doc.importedFrom() != null ? doc.importedFrom().getFileName() + " (imported)" : "untitled";
    }

    static String count(int n) {
        return n + (n == 1 ? " node" : " nodes");
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
