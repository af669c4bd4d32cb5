package dev.conch.editor;

import dev.conch.editor.autosave.Autosave;
import dev.conch.editor.canvas.CanvasActions;
import dev.conch.editor.canvas.NetworkCanvas;
import dev.conch.editor.canvas.NodeView;
import dev.conch.editor.commands.CommandTable;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.files.FileController;
import dev.conch.editor.files.FxDialogs;
import dev.conch.editor.files.NetworkDrop;
import dev.conch.editor.files.RecentFiles;
import dev.conch.editor.inspector.Inspector;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.editor.monitor.MonitorPanel;
import dev.conch.editor.monitor.MonitorView;
import dev.conch.editor.palette.Palette;
import dev.conch.editor.palette.QuickAdd;
import dev.conch.editor.render.RenderDialog;
import dev.conch.editor.transport.NodeLoad;
import dev.conch.editor.transport.PlaybackController;
import dev.conch.editor.transport.Player;
import dev.conch.editor.transport.TransportBar;
import dev.conch.editor.document.Wire;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The editor's window: palette on the left, canvas in the middle, inspector on the right, menus and transport on
 * top, a status line at the bottom where refusals are explained. It lays the views out and binds them to the
 * {@link EditorViewModel}; what the commands do is in the view-model and the file and playback controllers, and
 * which key does what is in the {@link CommandTable}.
 */
public final class EditorWindow {
    private final Stage stage;
    private final EditorViewModel vm;
    private final FileController files;
    private final PlaybackController playback;
    private final Player player;
    private final CommandTable commands;
    private final Label status = new Label();
    private final NetworkCanvas canvas;
    private final Inspector inspector;
    private final QuickAdd quickAdd;
    private final TransportBar transport;
    private final MonitorPanel monitors;
    private final dev.conch.editor.problems.ProblemsPanel problems;
    private final Menu recentMenu = new Menu("Open Recent");
    private final NodeLoad loads = new NodeLoad();
    private final dev.conch.editor.automation.LanePanel lanes;
    private final dev.conch.editor.help.NodeHelp help;
    private final dev.conch.editor.midi.MidiControl midi;
    private final dev.conch.editor.panel.PanelWindow panel;
    private final dev.conch.editor.comments.CommentLayer comments;
    private final dev.conch.editor.subnet.SubNetworkActions subNetworks;
    private final dev.conch.editor.tabs.DocumentTabs tabs;

    public EditorWindow(Stage stage, NetworkDocument document) {
        this.stage = stage;
        this.vm = new EditorViewModel(document);
        this.player = new Player(vm.registry());
        this.playback = PlaybackController.offTheFxThread(vm, player);
        this.files = new FileController(vm, new Autosave(m -> Platform.runLater(() -> vm.say(m))), RecentFiles.standard(),
                new FxDialogs(stage));
        this.subNetworks = new dev.conch.editor.subnet.SubNetworkActions(vm, files, stage);
        this.tabs = new dev.conch.editor.tabs.DocumentTabs(vm, subNetworks::closeTab);
        this.canvas = new NetworkCanvas(vm.registry(), new Actions(), vm.selection(), vm.selectedWireProperty());
        this.quickAdd = new QuickAdd(vm.registry(), type -> {
            Point2D at = canvas.pointer();
            canvas.addAt(type, at.getX(), at.getY());
        });
        this.inspector = new Inspector(vm.registry(), vm::setParam);
        this.help = new dev.conch.editor.help.NodeHelp(stage, vm.registry());
        this.midi = new dev.conch.editor.midi.MidiControl(vm, player::engine, dev.conch.editor.midi.MidiInputs.javaSound(),
                Platform::runLater);
        this.panel = dev.conch.editor.panel.PanelWindow.forEditor(stage, vm, player, midi);
        inspector.addParamMenu((node, p) -> p.live() ? midi.menu(node, p.name()) : List.of());
        this.comments = new dev.conch.editor.comments.CommentLayer(vm, stage);
        canvas.addLayer(comments);
        canvas.setBackgroundMenu(comments::menuAt);
        playback.playingProperty().addListener((o, was, now) -> {
            if (now) midi.connect(); // the network's bindings play from the first Play on
        });
        this.transport = new TransportBar(player, playback, dev.conch.editor.prefs.EditorPreferences.standard(), vm::complain);
        this.lanes = new dev.conch.editor.automation.LanePanel(vm.registry(),
                (param, events, label) -> vm.apply(new dev.conch.editor.document.SetAutomation(param.node(), param.port(), events, label)),
                vm::say, () -> playback.playing() ? player.position() : Double.NaN);
        inspector.addParamMenu((node, p) -> dev.conch.editor.automation.LaneMenus.forParam(node, p,
                param -> automationLane(new Endpoint(node, param))));
        this.monitors = new MonitorPanel(player::engine);
        this.problems = new dev.conch.editor.problems.ProblemsPanel(vm.problems(), this::showProblem);
        this.commands = EditorCommands.table(vm, files, subNetworks, new EditorCommands.View() {
            public void fitToView() { canvas.fitToView(); }
            public void zoom(double factor) { canvas.zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, factor); }
            public void quickAdd() { EditorWindow.this.quickAdd(); }
            public void render() { EditorWindow.this.render(); }
            public void quit() { if (files.mayQuit()) stage.close(); }
            public void rename() { renameSelected(); }
            public void properties() { editProperties(); }
            public void shortcuts() { showShortcuts(); }
            public void nodeHelp() { help.show(vm.inspectedNode(), vm.spec().origin()); }
            public void panel() { panel.show(); }
            public void midiBindings() { midi.showBindings(stage); }
            public void commitTyping() { inspector.commitTyping(); }
        });
        files.onImport(imp -> imp.monitors().forEach(m -> monitor(m.port(), monitorFor(m.view()))));
        stage.setScene(layout());
        bind();
        if (!document.upgradedPaths().isEmpty()) vm.say(FileController.opened("Opened " + document.file(), document));
    }

    /** The editor's monitor that stands in for a CLAM monitor (issue 18: the visual-only processings an import drops). */
    static MonitorKind monitorFor(dev.conch.clam.ClamImport.View view) {
        return switch (view) {
            case WAVEFORM -> MonitorKind.SCOPE;
            case SPECTRUM -> MonitorKind.SPECTRUM;
            case LEVEL -> MonitorKind.LEVEL;
            case VALUE -> MonitorKind.VALUE;
        };
    }

    private Scene layout() {
        status.setId("status");
        status.setMaxWidth(Double.MAX_VALUE);
        // a long sentence (the paths an older file had rewritten, a refusal naming its file) wraps onto more lines
        // rather than being cut at the window's edge: the canvas gives up the room
        status.setWrapText(true);
        BorderPane root = new BorderPane();
        root.setTop(new VBox(menus(), transport));
        root.setLeft(new Palette(vm.registry(), vm::addNode));
        root.setCenter(new BorderPane(canvas, tabs, null, new VBox(lanes, monitorStrip(), problems), null)); // the canvas zooms and pans itself
        root.setRight(inspector);
        root.setBottom(status);
        Scene scene = new Scene(root, 1560, 800);
        // a lane keeps its keys (Delete removes its point, not the selected node), as a text field does
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> commands.handle(e, scene.getFocusOwner() instanceof TextInputControl
                || lanes.owns(scene.getFocusOwner())));
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && NetworkDrop.network(e.getDragboard().getFiles()).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            e.setDropCompleted(e.getDragboard().hasFiles() && files.dropped(e.getDragboard().getFiles()));
            e.consume();
        });
        return scene;
    }

    /**
     * The monitors under the canvas, one row high at most: more rows scroll, so that however many are open (a CLAM
     * network opens one per scope it had) the canvas and the status line keep their room in the window.
     */
    private javafx.scene.control.ScrollPane monitorStrip() {
        javafx.scene.control.ScrollPane strip = new javafx.scene.control.ScrollPane(monitors);
        strip.setId("monitor-strip");
        strip.setFitToWidth(true);
        strip.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        // its own height from the monitors' preferred one, in the same layout pass: the canvas fitting a network
        // opened with its monitors fits it into the room they leave
        strip.setMaxHeight(MONITOR_ROW);
        strip.visibleProperty().bind(monitors.visibleProperty());
        strip.managedProperty().bind(monitors.managedProperty());
        return strip;
    }

    /** A row of monitors: a monitor's title, 150-pixel plot and readout, with the strip's padding and border. */
    private static final double MONITOR_ROW = 214;

    private MenuBar menus() {
        MenuBar bar = new MenuBar();
        for (String name : commands.menuNames()) bar.getMenus().add(commands.menu(name));
        Menu file = bar.getMenus().get(0);
        recentMenu.setId("open-recent");
        recentMenu.setOnShowing(e -> files.refreshRecent()); // another editor window may have opened something since
        file.getItems().add(file.getItems().indexOf(menuItem(file, "menu-open")) + 1, recentMenu);
        return bar;
    }

    private void bind() {
        status.textProperty().bind(vm.statusProperty());
        // the whole sentence under the pointer too, where it is easier to read than on the bottom line
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(vm.statusProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(900);
        status.setTooltip(whole);
        status.styleProperty().bind(Bindings.when(vm.statusIsErrorProperty())
                .then("-fx-padding: 4 8 4 8; -fx-background-color: #f6d5d5; -fx-text-fill: #b00020; -fx-font-weight: bold;")
                .otherwise("-fx-padding: 4 8 4 8; -fx-background-color: #dcdcd4; -fx-text-fill: #222222;"));
        stage.titleProperty().bind(vm.titleProperty());
        // invalidation, not change: a node moved back to where it was is an equal spec, and its box must snap back
        vm.specProperty().addListener((InvalidationListener) o -> {
            NetworkSpec spec = vm.spec();
            canvas.show(spec);
            comments.show(spec);
            monitors.retainNodes(spec.nodes().stream().map(NodeSpec::id).collect(Collectors.toSet()));
            lanes.show(spec);
        });
        InvalidationListener inspect = o -> {
            NodeSpec n = vm.inspectedNode();
            inspector.origin(vm.spec().origin()); // a sub-network node's knobs are read from its file beside the network
            inspector.show(n, vm.framingOf(n), n == null ? Map.of() : vm.drivers(n));
            help.follow(n, vm.spec().origin());
        };
        vm.specProperty().addListener(inspect);
        vm.inspectedProperty().addListener(inspect);
        vm.documentProperty().addListener((o, was, now) -> {
            monitors.closeAll(); // another network: its ports are not these
            lanes.closeAll();
            canvas.open(now.spec());
        });
        files.recent().addListener((ListChangeListener<Path>) c -> fillRecent());
        canvas.open(vm.spec());
        comments.show(vm.spec());
        inspector.show(null);
        fillRecent();

        Timeline refresh = new Timeline(new KeyFrame(Duration.millis(500), e -> {
            Map<String, Double> load = loads.sample(player.engine());
            // another tab's nodes may share ids with the playing network's: they show no load of it
            canvas.showLoads(playback.playedDocument() == vm.document() ? load : Map.of());
            playback.checkFailure();
        }));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        stage.setOnCloseRequest(e -> {
            if (!files.mayQuit()) e.consume();
        });
        stage.setOnHidden(e -> {
            refresh.stop();
            files.close();
            monitors.closeAll();
            playback.close();
            transport.dispose();
            lanes.dispose();
            help.close();
            panel.close();
            midi.close();
        });
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        List<Path> list = files.recent();
        for (int i = 0; i < list.size(); i++) {
            Path f = list.get(i);
            MenuItem item = new MenuItem(f.getFileName() + "  (" + (f.getParent() == null ? "" : f.getParent()) + ")");
            item.setId("recent-" + i);
            item.setOnAction(e -> files.open(f));
            recentMenu.getItems().add(item);
        }
        if (list.isEmpty()) {
            MenuItem none = new MenuItem("(no recent networks)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    private static MenuItem menuItem(Menu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ what tests and the app reach

    public void show() {
        stage.show();
    }

    public EditorViewModel viewModel() {
        return vm;
    }

    public FileController files() {
        return files;
    }

    /** The player behind the transport (tests read its position and engine). */
    public Player player() {
        return player;
    }

    public PlaybackController playback() {
        return playback;
    }

    /** The command table behind the menus and the keys. */
    public CommandTable commands() {
        return commands;
    }

    public NetworkDocument document() {
        return vm.document();
    }

    public Scene scene() {
        return stage.getScene();
    }

    /** The status line's current message (refusals, saves, playback errors). */
    public String status() {
        return status.getText();
    }

    public NetworkCanvas canvas() {
        return canvas;
    }

    /** The canvas's box for a node (tests read its load). */
    public NodeView canvasView(String node) {
        return canvas.view(node);
    }

    /** The tab bar above the canvas, one tab per open network. */
    public dev.conch.editor.tabs.DocumentTabs tabs() {
        return tabs;
    }

    /** Open sub-network, Group and Ungroup (tests answer its file-name question). */
    public dev.conch.editor.subnet.SubNetworkActions subNetworks() {
        return subNetworks;
    }

    public Inspector inspector() {
        return inspector;
    }

    /** The open monitors (under the canvas). */
    public MonitorPanel monitors() {
        return monitors;
    }

    /** Opens (or switches) a monitor on an output port, as the port's context menu does. */
    public MonitorView monitor(Endpoint port, MonitorKind kind) {
        if (!vm.canMonitor(port)) return null;
        if (vm.carriesSpectrum(port) && (kind == MonitorKind.SCOPE || kind == MonitorKind.LEVEL || kind == MonitorKind.VALUE)) {
            kind = MonitorKind.SPECTRUM; // spectrum frames have no waveform and no level: their magnitudes instead
        }
        MonitorView v = monitors.open(port, kind);
        vm.say("Monitoring " + port + " (" + kind.label().toLowerCase(java.util.Locale.ROOT) + ")"
                + (playback.playing() ? "" : ": press Play to see it move"));
        return v;
    }

    /** Opens the automation lane of a param under the canvas (null, with the reason said, when it has none). */
    public dev.conch.editor.automation.AutomationLane automationLane(Endpoint param) {
        return lanes.open(param, vm.spec());
    }

    /** The automation lanes under the canvas. */
    public dev.conch.editor.automation.LanePanel lanes() {
        return lanes;
    }

    /** The transport bar (play position, restart, what happens at the end). */
    public TransportBar transport() {
        return transport;
    }

    /** File → Open Recent (tests fire its items). */
    public Menu recentMenu() {
        return recentMenu;
    }

    /** Ctrl+1 or Shift+A: the quick-add box at the pointer; Enter adds the best match where the pointer is. */
    public QuickAdd quickAdd() {
        Point2D screen = canvas.localToScreen(canvas.pointer());
        quickAdd.show(stage, screen.getX(), screen.getY());
        return quickAdd;
    }

    /** The quick-add box (tests check it opened and closed). */
    public QuickAdd quickAddBox() {
        return quickAdd;
    }

    /** File → Render: a dialog rendering the network as it is now, off the FX thread. */
    public RenderDialog render() {
        Path file = vm.document().file();
        Path suggested = file == null ? null
                : file.toAbsolutePath().resolveSibling(file.getFileName().toString().replaceFirst("\\.xml$", "") + ".wav");
        RenderDialog dialog = new RenderDialog(stage, vm.spec(), vm.registry(), suggested);
        dialog.show();
        return dialog;
    }

    /** A problem picked in the panel: its node selected, the port ringed on the canvas or the param marked. */
    public void showProblem(dev.conch.engine.model.Problem p) {
        if (p.node() == null || vm.spec().node(p.node()).isEmpty()) return;
        vm.select(p.node());
        if (p.port() != null && !p.port().isEmpty() && !canvas.markPort(new Endpoint(p.node(), p.port()))) {
            inspector.highlight(p.port());
        }
    }

    /** The canvas's comments. */
    public dev.conch.editor.comments.CommentLayer comments() {
        return comments;
    }

    /** The editor's MIDI: inputs, bindings, learn. */
    public dev.conch.editor.midi.MidiControl midi() {
        return midi;
    }

    /** View › Performance panel. */
    public dev.conch.editor.panel.PanelWindow panel() {
        return panel;
    }

    /** F1's window: the selected node's {@code conch describe} text. */
    public dev.conch.editor.help.NodeHelp help() {
        return help;
    }

    /** The problems panel under the canvas. */
    public dev.conch.editor.problems.ProblemsPanel problems() {
        return problems;
    }

    /** Help › Keyboard shortcuts: every key of the command table, in menu order (never a second list to keep). */
    public void showShortcuts() {
        javafx.scene.control.TextArea list = new javafx.scene.control.TextArea(String.join("\n", commands.shortcutLines()));
        list.setId("shortcuts-list");
        list.setEditable(false);
        list.setPrefRowCount(Math.min(28, commands.shortcutLines().size()));
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Every shortcut of the editor (a key typed into a text field stays the field's, but Undo and Redo)");
        alert.getDialogPane().setContent(list);
        alert.showAndWait();
    }

    /** F2: the inspected node's new id, asked in a dialog; its references follow (one undo step). */
    public void renameSelected() {
        String id = vm.inspectedProperty().get();
        if (id == null) {
            vm.say("Select a node to rename it (F2)");
            return;
        }
        NetworkDialogs.newId(stage, id).ifPresent(next -> vm.rename(id, next));
    }

    /** File → Network properties: name, sample rate, duration and description, one undo step. */
    public void editProperties() {
        NetworkDialogs.properties(stage, vm.spec()).ifPresent(p -> {
            double rate, duration;
            try {
                rate = Double.parseDouble(p.sampleRate().trim());
            } catch (NumberFormatException e) {
                vm.say("Refused: the sample rate '" + p.sampleRate() + "' is not a number of samples per second, such as 48000");
                return;
            }
            try {
                duration = p.duration().isBlank() ? 0 : Double.parseDouble(p.duration().trim());
            } catch (NumberFormatException e) {
                vm.say("Refused: the duration '" + p.duration() + "' is not a number of seconds (leave it empty for none)");
                return;
            }
            vm.setProperties(p.name(), rate, duration, p.description());
        });
    }

    // ------------------------------------------------------------------ the views' intents, to the view-model

    private final class Actions implements CanvasActions {
        @Override
        public void connect(Endpoint from, Endpoint to) {
            vm.connect(from, to);
        }

        @Override
        public void moved(String node, double x, double y) {
            vm.move(node, x, y);
        }

        @Override
        public void selected(String node) {
            vm.select(node);
        }

        @Override
        public void selected(String node, boolean keepGroup) {
            if (keepGroup) vm.inspect(node);
            else vm.select(node);
        }

        @Override
        public void selectedMany(Set<String> nodes) {
            vm.selectMany(nodes);
        }

        @Override
        public void movedMany(Map<String, Point2D> positions) {
            vm.moveMany(positions);
        }

        @Override
        public void add(String type, double x, double y) {
            vm.addNode(type, x, y);
        }

        @Override
        public void monitor(Endpoint port, MonitorKind kind) {
            EditorWindow.this.monitor(port, kind);
        }

        @Override
        public void wireSelected(Wire wire) {
            vm.selectWire(wire);
        }

        @Override
        public void wireEndMoved(Wire wire, Endpoint to) {
            vm.moveWireEnd(wire, to);
        }

        @Override
        public void modulate(Endpoint from, Endpoint param) {
            vm.modulate(from, param);
        }

        @Override
        public void controlMode(Endpoint param, ControlMode mode) {
            vm.setControlMode(param, mode);
        }

        @Override
        public void removeWire(Wire wire) {
            vm.removeWire(wire);
        }

        @Override
        public void opened(String node) {
            if (vm.spec().node(node).map(NodeSpec::isSubNetwork).orElse(false)) subNetworks.open(node);
        }

        @Override
        public List<MenuItem> nodeMenu(String node) {
            List<MenuItem> items = new java.util.ArrayList<>(subNetworks.menu(node));
            vm.spec().node(node).ifPresent(n -> items.addAll(dev.conch.editor.automation.LaneMenus.items(n, vm.spec(),
                    vm.registry(), p -> automationLane(new Endpoint(node, p)))));
            return items;
        }
    }
}
