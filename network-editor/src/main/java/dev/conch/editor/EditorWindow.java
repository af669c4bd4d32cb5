package dev.conch.editor;

import dev.conch.editor.canvas.CanvasActions;
import dev.conch.editor.canvas.NetworkCanvas;
import dev.conch.editor.autosave.Autosave;
import dev.conch.editor.document.AddNode;
import dev.conch.editor.document.ReplaceNetwork;
import dev.conch.editor.document.Batch;
import dev.conch.editor.document.Align;
import dev.conch.editor.document.PasteNodes;
import dev.conch.editor.document.Subnetwork;
import dev.conch.editor.document.Connect;
import dev.conch.editor.document.Edit;
import dev.conch.editor.document.EditRefused;
import dev.conch.editor.document.MoveNode;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.NodeFacts;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.editor.document.RemoveNode;
import dev.conch.editor.document.SetParam;
import dev.conch.editor.inspector.Inspector;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.editor.monitor.MonitorPanel;
import dev.conch.editor.monitor.MonitorView;
import dev.conch.editor.palette.Palette;
import dev.conch.editor.palette.QuickAdd;
import dev.conch.editor.render.RenderDialog;
import dev.conch.editor.transport.Player;
import dev.conch.editor.transport.NodeLoad;
import dev.conch.editor.transport.TransportBar;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import dev.conch.editor.files.NetworkDrop;
import dev.conch.editor.files.RecentFiles;
import dev.conch.engine.graph.NetworkCompiler;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Point2D;

/**
 * The editor's window: palette on the left, canvas in the middle, inspector on the right, menus and transport on
 * top, a status line at the bottom where refusals are explained. Every change goes through the
 * {@link NetworkDocument}; the views redraw from it.
 */
public final class EditorWindow {
    private static final double NEW_NODE_GAP = 140;

    private final Stage stage;
    private final ProcessorRegistry registry;
    private final Player player;
    /** The playback failure the status bar showed last, so it is said once. */
    private String shownFailure;
    private final Label status = new Label("Ready");
    private final BorderPane root = new BorderPane();
    private final NetworkCanvas canvas;
    private final Inspector inspector;
    private final QuickAdd quickAdd;
    private final TransportBar transport;
    private final MonitorPanel monitors;
    private final NodeLoad loads = new NodeLoad();
    private final Timeline loadRefresh;
    private final Autosave autosave = new Autosave(m -> Platform.runLater(() -> say(m)));
    private static final double PASTE_OFFSET = 40;
    private final RecentFiles recent = RecentFiles.standard();
    private final Menu recentMenu = new Menu("Open Recent");
    private NetworkDocument doc;
    private Subnetwork clipboard;
    private int pastes;
    private String selected;

    public EditorWindow(Stage stage, NetworkDocument document) {
        this.stage = stage;
        this.registry = document.registry();
        this.player = new Player(registry);
        this.canvas = new NetworkCanvas(registry, new Actions());
        this.quickAdd = new QuickAdd(registry, type -> {
            Point2D at = canvas.pointer();
            canvas.addAt(type, at.getX(), at.getY());
        });
        this.inspector = new Inspector(registry, this::setParam);
        this.transport = new TransportBar(player, this::play, this::stop);
        this.monitors = new MonitorPanel(player::engine);
        status.setId("status");
        status.setMaxWidth(Double.MAX_VALUE);
        status.setStyle("-fx-padding: 4 8 4 8; -fx-background-color: #dcdcd4;");
        root.setTop(new VBox(menus(), transport));
        root.setLeft(new Palette(registry, this::addNode));
        root.setCenter(new BorderPane(canvas, null, null, monitors, null)); // the canvas zooms and pans itself
        root.setRight(inspector);
        root.setBottom(status);
        Scene scene = new Scene(root, 1560, 800);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && NetworkDrop.network(e.getDragboard().getFiles()).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            e.setDropCompleted(e.getDragboard().hasFiles() && dropped(e.getDragboard().getFiles()));
            e.consume();
        });
        stage.setScene(scene);
        loadRefresh = new Timeline(new KeyFrame(Duration.millis(500), e -> {
            canvas.showLoads(loads.sample(player.engine()));
            showPlaybackFailure();
        }));
        loadRefresh.setCycleCount(Timeline.INDEFINITE);
        loadRefresh.play();
        stage.setOnHidden(e -> {
            loadRefresh.stop();
            autosave.close();
            monitors.closeAll();
            player.stop();
            transport.dispose();
        });
        load(document);
    }

    public void show() {
        stage.show();
    }

    public NetworkDocument document() {
        return doc;
    }

    public Scene scene() {
        return stage.getScene();
    }

    /** The canvas's box for a node (tests read its load). */
    public dev.conch.editor.canvas.NodeView canvasView(String node) {
        return canvas.view(node);
    }

    /** The open monitors (under the canvas). */
    public MonitorPanel monitors() {
        return monitors;
    }

    /** Opens (or switches) a monitor on an output port, as the port's context menu does. */
    public MonitorView monitor(Endpoint port, MonitorKind kind) {
        NodeSpec node = doc.spec().node(port.node()).orElse(null);
        PortSpec spec = node == null ? null : NodeFacts.of(node, registry).outputs().stream()
                .filter(p -> p.name().equals(port.port())).findFirst().orElse(null);
        if (spec == null) {
            say("There is no output " + port + " to monitor");
            return null;
        }
        if (spec.kind() == PortKind.SPECTRUM) {
            // its tokens are FFT frames, not samples: a scope or an FFT of them would be meaningless
            say(port + " carries spectrum frames; monitors read audio and control outputs (monitor the ISTFT after it)");
            return null;
        }
        MonitorView v = monitors.open(port, kind);
        say("Monitoring " + port + " (" + kind.label().toLowerCase(java.util.Locale.ROOT) + ")"
                + (player.playing() ? "" : ": press Play to see it move"));
        return v;
    }

    /** The inspector (tests answer its file chooser). */
    public Inspector inspector() {
        return inspector;
    }

    /** The status line's current message (refusals, saves, playback errors). */
    public String status() {
        return status.getText();
    }

    private void load(NetworkDocument next) {
        doc = next;
        remember(doc.file());
        monitors.closeAll(); // another network: its ports are not these
        selected = null;
        doc.addListener((change, cause) -> changed(change));
        canvas.show(doc.spec());
        canvas.select((String) null);
        inspector.show(null);
        title();
        autosave.watch(doc);
        offerRecovery();
    }

    /**
     * A recovery copy newer than the file (the editor crashed, or was closed without saving) is offered, not
     * forced: Recover makes it the current network as one undoable step (undo shows the file again); Discard
     * deletes it. The question is asked after the window is up (never blocking the caller).
     */
    private void offerRecovery() {
        NetworkDocument asked = doc;
        var recovery = autosave.recovery();
        var copy = recovery.newer().filter(spec -> !spec.equals(asked.spec()));
        if (copy.isEmpty()) return;
        Platform.runLater(() -> {
            if (doc != asked) return;
            ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", recover, discard);
            alert.initOwner(stage);
            alert.setTitle("Recover unsaved changes?");
            alert.setHeaderText("An autosave of " + (doc.file() == null ? "the untitled network" : doc.file().getFileName())
                    + " is newer than the file");
            alert.setContentText("The editor kept a copy of changes that were never saved (" + recovery.path()
                    + "). Recover them (you can still undo back to the file), or discard the copy?");
            alert.resultProperty().addListener((o, was, choice) -> {
                if (doc != asked) return;
                if (choice == recover) {
                    if (apply(new ReplaceNetwork(copy.get(), "recover the autosave"))) say("Recovered the autosaved changes: save to keep them");
                } else {
                    autosave.discard(recovery);
                    say("Discarded the autosave");
                }
            });
            alert.show();
        });
    }

    /** The autosave (tests shorten its period and read where it writes). */
    public Autosave autosave() {
        return autosave;
    }

    private void changed(NetworkDocument.Change change) {
        if (change == NetworkDocument.Change.SAVED) autosave.saved();
        if (change != NetworkDocument.Change.SAVED) {
            if (selected != null && doc.spec().node(selected).isEmpty()) selected = null;
            canvas.show(doc.spec()); // keeps the nodes of the selection that still exist
            inspectSelected();
            monitors.retainNodes(doc.spec().nodes().stream().map(NodeSpec::id).collect(java.util.stream.Collectors.toSet()));
            if (change == NetworkDocument.Change.STRUCTURE && player.playing()) hotSwap();
        }
        title();
    }

    private void title() {
        String name = doc.file() == null ? "untitled" : doc.file().getFileName().toString();
        stage.setTitle((doc.dirty() ? "* " : "") + name + " - Conch editor");
    }

    private NodeSpec selectedNode() {
        return selected == null ? null : doc.spec().node(selected).orElse(null);
    }

    /** Shows the selected node; a spectral node with the framing it inherits from its STFT. */
    private void inspectSelected() {
        NodeSpec n = selectedNode();
        SpectrumFormat framing = null;
        if (n != null && registry.has(n.type())
                && registry.descriptor(n.type()).inputs().stream().anyMatch(p -> p.kind() == PortKind.SPECTRUM)) {
            framing = NetworkCompiler.inputFormats(doc.spec(), registry).getOrDefault(n.id(), Map.of())
                    .values().stream().findFirst().orElse(null);
        }
        inspector.show(n, framing);
    }

    // ------------------------------------------------------------------ edits

    private boolean apply(Edit edit) {
        try {
            doc.apply(edit);
            say(capital(edit.label()));
            return true;
        } catch (EditRefused e) {
            say("Refused: " + e.getMessage());
            return false;
        }
    }

    private void addNode(String type) {
        double y = doc.spec().nodes().stream().mapToDouble(NodeSpec::y).max().orElse(0) + NEW_NODE_GAP;
        String id = doc.freshId(type);
        if (apply(new AddNode(id, type, 40, doc.spec().nodes().isEmpty() ? 40 : y))) select(id);
    }

    private String setParam(String node, String param, String text) {
        try {
            doc.apply(new SetParam(node, param, text));
        } catch (EditRefused e) {
            say("Refused: " + e.getMessage());
            return e.getMessage();
        }
        say("Set " + node + "." + param + " to " + text.trim());
        if (player.playing()) live(node, param, text);
        return null;
    }

    /** A live param goes through the control queue; a structural one (an FFT size) needs a new engine. */
    private void live(String node, String param, String text) {
        NodeSpec n = doc.spec().node(node).orElse(null);
        ParamSpec p = n == null ? null : registry.descriptor(n.type()).param(param);
        if (p != null && p.live()) {
            if (!player.set(node, param, p.parse(text))) say("The control queue is full: " + node + "." + param + " will follow");
        } else {
            hotSwap();
        }
    }

    private void hotSwap() {
        try {
            player.swap(doc.spec());
        } catch (NetworkException e) {
            say("Still playing the last working network: " + firstProblem(e));
        } catch (IOException e) {
            say("Still playing the last working network: " + e.getMessage());
        }
    }

    private void select(String id) {
        selected = id;
        canvas.select(id);
        inspectSelected();
    }

    /** Several nodes selected: the inspector shows one of them (the one clicked last, if among them). */
    private void selectMany(Collection<String> ids) {
        canvas.select(ids);
        Set<String> now = canvas.selection();
        if (selected == null || !now.contains(selected)) selected = now.isEmpty() ? null : List.copyOf(ids).get(ids.size() - 1);
        if (selected != null && !now.contains(selected)) selected = now.iterator().next();
        inspectSelected();
    }

    private void selectAll() {
        selectMany(doc.spec().nodes().stream().map(NodeSpec::id).toList());
        say("Selected all " + canvas.selection().size() + " nodes");
    }

    private void copy() {
        if (canvas.selection().isEmpty()) {
            say("Nothing to copy: select nodes first (click, Shift+click, or drag a band around them)");
            return;
        }
        clipboard = Subnetwork.of(doc.spec(), canvas.selection());
        pastes = 0;
        say("Copied " + count(clipboard.nodes().size()) + " and " + clipboard.connections().size()
                + " wires among them");
    }

    private void paste() {
        if (clipboard == null || clipboard.isEmpty()) {
            say("Nothing to paste: copy some nodes first");
            return;
        }
        pastes++;
        pasteCopy(clipboard, PASTE_OFFSET * pastes);
    }

    private void duplicate() {
        if (canvas.selection().isEmpty()) {
            say("Nothing to duplicate: select nodes first");
            return;
        }
        pasteCopy(Subnetwork.of(doc.spec(), canvas.selection()), PASTE_OFFSET);
    }

    /** Pastes beside the originals and selects the copies (so a second Duplicate copies the copies). */
    private void pasteCopy(Subnetwork copy, double offset) {
        PasteNodes paste = new PasteNodes(copy, offset, offset);
        var names = paste.renaming(doc.spec());
        if (apply(paste)) selectMany(names.values());
    }

    /** One node alone (its usual label) or a batch, one undo step either way. */
    private void deleteSelected() {
        Set<String> ids = canvas.selection();
        if (ids.isEmpty()) return;
        if (ids.size() == 1) {
            apply(new RemoveNode(ids.iterator().next()));
            return;
        }
        List<Edit> edits = new ArrayList<>();
        for (String id : ids) edits.add(new RemoveNode(id));
        apply(new Batch("remove " + count(ids.size()), edits));
    }

    private static String count(int n) {
        return n + (n == 1 ? " node" : " nodes");
    }

    private void undo() {
        if (!doc.canUndo()) return;
        String what = doc.undoLabel();
        doc.undo();
        say("Undid " + what);
    }

    private void redo() {
        if (!doc.canRedo()) return;
        String what = doc.redoLabel();
        doc.redo();
        say("Redid " + what);
    }


    // ------------------------------------------------------------------ files and playback

    private void save() {
        if (doc.file() == null) {
            saveAs();
            return;
        }
        try {
            doc.save();
            say("Saved " + doc.file());
        } catch (IOException | IllegalArgumentException e) {
            say("Could not save " + doc.file() + ": " + e.getMessage());
        }
    }

    private void saveAs() {
        FileChooser chooser = chooser("Save network as");
        File f = chooser.showSaveDialog(stage);
        if (f == null) return;
        try {
            doc.saveAs(f.toPath());
            remember(f.toPath());
            say("Saved " + f);
        } catch (IOException | IllegalArgumentException e) {
            say("Could not save " + f + ": " + e.getMessage());
        }
    }

    private void open() {
        File f = chooser("Open network").showOpenDialog(stage);
        if (f != null) open(f.toPath());
    }

    /** Opens another network in this window (the current one stops playing); false, with the reason said, if it cannot. */
    public boolean open(Path file) {
        try {
            NetworkDocument next = NetworkDocument.open(file, registry);
            stop();
            load(next);
            say("Opened " + file);
            return true;
        } catch (NetworkException e) {
            say("Could not open " + file + ": " + firstProblem(e));
        } catch (IOException e) {
            say("Could not open " + file + ": " + e.getMessage());
        }
        return false;
    }

    /**
     * Files dropped on the window: the first network (.xml) among them is opened (the scene's drop handler calls
     * this; tests call it directly).
     * @return whether a network was opened
     */
    public boolean dropped(List<File> files) {
        var network = NetworkDrop.network(files);
        if (network.isEmpty()) {
            say("Only network files (.xml) can be dropped here");
            return false;
        }
        return open(network.get().toPath());
    }

    /** The recent-files list (its items: File → Open Recent). */
    public RecentFiles recentFiles() {
        return recent;
    }

    /** File → Open Recent (tests fire its items). */
    public Menu recentMenu() {
        return recentMenu;
    }

    private void remember(Path file) {
        if (file == null) return;
        try {
            recent.add(file);
        } catch (IOException e) {
            say("Could not update the recent files list " + recent.store() + ": " + e.getMessage());
        }
        fillRecent();
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        List<Path> files = recent.list();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            MenuItem item = new MenuItem(f.getFileName() + "  (" + (f.getParent() == null ? "" : f.getParent()) + ")");
            item.setId("recent-" + i);
            item.setOnAction(e -> open(f));
            recentMenu.getItems().add(item);
        }
        if (files.isEmpty()) {
            MenuItem none = new MenuItem("(no recent networks)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Conch networks", "*.xml"));
        if (doc.file() != null && doc.file().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(doc.file().toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }

    private void play(String driver) {
        shownFailure = null;
        try {
            player.start(doc.spec(), driver);
            say("Playing through " + player.describe());
        } catch (NetworkException e) {
            say("Cannot play: " + firstProblem(e));
        } catch (IOException | RuntimeException e) {
            say("Cannot play through " + driver + ": " + e.getMessage()
                    + ("null".equals(driver) ? "" : " (choose the null driver when there is no sound card)"));
        }
        transport.update();
    }

    /** A node that failed, or an audio thread that stopped, is told once in the status bar; a stopped one stops. */
    private void showPlaybackFailure() {
        String failure = player.failure();
        if (failure == null || failure.equals(shownFailure)) return;
        shownFailure = failure;
        if (player.stopped()) {
            player.stop();
            transport.update();
        }
        say(failure);
    }

    private void stop() {
        if (!player.playing()) return;
        player.stop();
        transport.update();
        say("Stopped");
    }

    // ------------------------------------------------------------------ chrome

    private MenuBar menus() {
        Menu file = new Menu("File");
        recentMenu.setId("open-recent");
        recentMenu.setOnShowing(e -> fillRecent()); // another editor window may have opened something since
        file.getItems().addAll(item("Open...", "Shortcut+O", this::open), recentMenu, item("Save", "Shortcut+S", this::save),
                item("Save As...", "Shortcut+Shift+S", this::saveAs),
                item("Render to file...", "Shortcut+R", this::render), item("Quit", "Shortcut+Q", stage::close));
        Menu edit = new Menu("Edit");
        edit.getItems().addAll(item("Undo", "Shortcut+Z", this::undo), item("Redo", "Shortcut+Shift+Z", this::redo),
                item("Copy", "Shortcut+C", this::copy), item("Paste", "Shortcut+V", this::paste),
                item("Duplicate", "Shortcut+D", this::duplicate), item("Select all", "Shortcut+A", this::selectAll),
                item("Quick add node...", "Shortcut+1", this::quickAdd), item("Delete", "Delete", this::deleteSelected));
        Menu view = new Menu("View");
        view.getItems().addAll(item("Fit to view", "Shortcut+0", canvas::fitToView),
                item("Zoom in", "Shortcut+Equals", () -> zoom(1.25)), item("Zoom out", "Shortcut+Minus", () -> zoom(0.8)));
        Menu arrange = new Menu("Arrange");
        arrange.getItems().addAll(plain("Align left", () -> arrange(Align::left)), plain("Align top", () -> arrange(Align::top)),
                plain("Distribute horizontally", () -> arrange(Align::distributeHorizontally)));
        return new MenuBar(file, edit, view, arrange);
    }

    private static MenuItem plain(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Align or distribute the selection: one undo step. */
    public void arrange(java.util.function.BiFunction<dev.conch.engine.model.NetworkSpec, Collection<String>, Batch> how) {
        Set<String> ids = canvas.selection();
        if (ids.size() < 2) {
            say("Select two or more nodes to align them (Shift+click, or drag a band around them)");
            return;
        }
        Batch b = how.apply(doc.spec(), ids);
        if (b.edits().isEmpty()) {
            say("Nothing to distribute: select three or more nodes");
            return;
        }
        if (apply(b)) selectMany(ids);
    }

    /** Menu items show their shortcut; the keys themselves are handled once, by {@link #shortcut}. */
    private static MenuItem item(String text, String keys, Runnable action) {
        MenuItem item = new MenuItem(text + "    " + KeyCombination.valueOf(keys).getDisplayText());
        item.setOnAction(e -> action.run());
        return item;
    }

    private void shortcut(KeyEvent e) {
        boolean typing = stage.getScene().getFocusOwner() instanceof TextInputControl;
        if (e.isShortcutDown()) {
            switch (e.getCode()) {
                case Z -> { if (e.isShiftDown()) redo(); else undo(); }
                case Y -> redo();
                case S -> { if (e.isShiftDown()) saveAs(); else save(); }
                case O -> open();
                case R -> render();
                case DIGIT0 -> canvas.fitToView();
                case DIGIT1 -> quickAdd();
                case EQUALS, PLUS, ADD -> zoom(1.25);
                case MINUS, SUBTRACT -> zoom(0.8);
                case C, V, D, A -> {
                    if (typing) return; // the text field's own copy, paste and select-all
                    switch (e.getCode()) {
                        case C -> copy();
                        case V -> paste();
                        case D -> duplicate();
                        default -> selectAll();
                    }
                }
                default -> { return; }
            }
            e.consume();
        } else if (e.getCode() == KeyCode.A && e.isShiftDown() && !typing) {
            quickAdd();
            e.consume();
        } else if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && !typing) {
            deleteSelected();
            e.consume();
        }
    }

    /** Ctrl+1 or Shift+A: the quick-add box at the pointer; Enter adds the best match where the pointer is. */
    public QuickAdd quickAdd() {
        Point2D at = canvas.pointer();
        Point2D screen = canvas.localToScreen(at);
        quickAdd.show(stage, screen.getX(), screen.getY());
        return quickAdd;
    }

    /** The quick-add box (tests check it opened and closed). */
    public QuickAdd quickAddBox() {
        return quickAdd;
    }

    /** File → Render: a dialog rendering the network as it is now, off the FX thread. */
    public RenderDialog render() {
        Path suggested = doc.file() == null ? null
                : doc.file().toAbsolutePath().resolveSibling(doc.file().getFileName().toString().replaceFirst("\\.xml$", "") + ".wav");
        RenderDialog dialog = new RenderDialog(stage, doc.spec(), registry, suggested);
        dialog.show();
        return dialog;
    }

    private void zoom(double factor) {
        canvas.zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, factor);
    }

    /** The canvas, for tests (zoom, selection, node boxes). */
    public NetworkCanvas canvas() {
        return canvas;
    }

    private void say(String message) {
        status.setText(message);
    }

    private static String firstProblem(NetworkException e) {
        return e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).describe()
                + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more)" : "");
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private final class Actions implements CanvasActions {
        @Override
        public void connect(Endpoint from, Endpoint to) {
            apply(new Connect(from, to));
        }

        @Override
        public void moved(String node, double x, double y) {
            apply(new MoveNode(node, x, y));
        }

        @Override
        public void selected(String node) {
            select(node);
        }

        @Override
        public void selected(String node, boolean keepGroup) {
            if (!keepGroup) {
                select(node);
                return;
            }
            selected = node;
            inspectSelected();
        }

        @Override
        public void selectedMany(Set<String> nodes) {
            selectMany(nodes);
        }

        @Override
        public void movedMany(Map<String, Point2D> positions) {
            List<Edit> edits = new ArrayList<>();
            positions.forEach((id, at) -> edits.add(new MoveNode(id, at.getX(), at.getY())));
            apply(new Batch("move " + count(edits.size()), edits));
        }

        @Override
        public void add(String type, double x, double y) {
            String id = doc.freshId(type);
            if (apply(new AddNode(id, type, x, y))) select(id);
        }

        @Override
        public void monitor(Endpoint port, MonitorKind kind) {
            EditorWindow.this.monitor(port, kind);
        }
    }
}
