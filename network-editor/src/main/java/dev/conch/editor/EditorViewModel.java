package dev.conch.editor;

import dev.conch.editor.document.AddNode;
import dev.conch.editor.document.Batch;
import dev.conch.editor.document.Connect;
import dev.conch.editor.document.Edit;
import dev.conch.editor.document.EditRefused;
import dev.conch.editor.document.MoveNode;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.NodeFacts;
import dev.conch.editor.document.PasteNodes;
import dev.conch.editor.document.RemoveNode;
import dev.conch.editor.document.SetParam;
import dev.conch.editor.document.Subnetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
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
    private final ReadOnlyObjectWrapper<NetworkSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");
    private final StringBinding title = Bindings.createStringBinding(
            () -> (dirty.get() ? "* " : "") + (file.get() == null ? "untitled" : file.get().getFileName()) + " - Conch editor",
            file, dirty);
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    /** One read-only view, kept: its listeners hang on the selection only as long as the view lives. */
    private final ObservableSet<String> selectionView = FXCollections.unmodifiableObservableSet(selection);
    private final ReadOnlyObjectWrapper<String> inspected = new ReadOnlyObjectWrapper<>(this, "inspected");
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

    public ReadOnlyObjectProperty<Subnetwork> clipboardProperty() {
        return clipboard.getReadOnlyProperty();
    }

    /** Each change of the document (the playback controller follows it live, autosave follows saves). */
    public ReadOnlyObjectProperty<Edited> editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** Shows a sentence in the status line. */
    public void say(String message) {
        status.set(message);
    }

    // ------------------------------------------------------------------ documents

    /** Another network: the selection and the inspector empty, every view follows {@link #documentProperty()}. */
    public void load(NetworkDocument next) {
        selection.clear();
        inspected.set(null);
        next.addListener((change, cause) -> {
            if (next == document.get()) changed(next, change, cause);
        });
        // the spec first: a view told of the new document finds its network already there
        spec.set(next.spec());
        file.set(next.file());
        dirty.set(next.dirty());
        document.set(next);
    }

    private void changed(NetworkDocument doc, NetworkDocument.Change change, Edit cause) {
        if (change != NetworkDocument.Change.SAVED) {
            selection.retainAll(doc.spec().nodes().stream().map(NodeSpec::id).toList());
            if (inspected.get() != null && doc.spec().node(inspected.get()).isEmpty()) inspected.set(null);
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
            say("Refused: " + e.getMessage());
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
            say("Refused: " + e.getMessage());
            return e.getMessage();
        }
    }

    public void connect(Endpoint from, Endpoint to) {
        apply(new Connect(from, to));
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

    /** One node alone (its usual label) or a batch, one undo step either way. */
    public void deleteSelected() {
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

    /** Selects one node (or none, with null) and inspects it. */
    public void select(String id) {
        selection.clear();
        if (id != null && spec().node(id).isPresent()) selection.add(id);
        inspected.set(selection.isEmpty() ? null : id);
    }

    /** Inspects one node of the selection, keeping the rest selected (pressing a node of a group to drag it). */
    public void inspect(String id) {
        if (id != null && !selection.contains(id)) selection.add(id);
        inspected.set(id);
    }

    /** Several nodes selected: the inspector shows one of them (the one inspected before, if among them, else the last). */
    public void selectMany(Collection<String> ids) {
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
     * Whether an output port can be monitored; if not, the reason is said. Spectrum ports cannot: their tokens are
     * FFT frames, not samples, so a scope or an FFT of them would be meaningless.
     */
    public boolean canMonitor(Endpoint port) {
        NodeSpec node = spec().node(port.node()).orElse(null);
        PortSpec out = node == null ? null : NodeFacts.of(node, registry).outputs().stream()
                .filter(p -> p.name().equals(port.port())).findFirst().orElse(null);
        if (out == null) {
            say("There is no output " + port + " to monitor");
            return false;
        }
        if (out.kind() == PortKind.SPECTRUM) {
            say(port + " carries spectrum frames; monitors read audio and control outputs (monitor the ISTFT after it)");
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ sentences

    /** A network's problems in the status line: the first, and how many more. */
    public static String firstProblem(NetworkException e) {
        return e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).describe()
                + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more)" : "");
    }

    static String count(int n) {
        return n + (n == 1 ? " node" : " nodes");
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
