package dev.conch.editor.inspector;

import dev.conch.editor.document.NodeFacts;
import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;

/**
 * The selected node's params, each with the widget its spec calls for: a slider and number field with range and
 * unit, a choice box, a check box, a text field. Changes go to the {@link ParamSink} when committed (slider
 * released, choice made, Enter pressed or a changed field left: {@link TypedText}).
 */
public final class Inspector extends VBox {
    private final ProcessorRegistry registry;
    private final ParamSink sink;
    private final Label title = new Label("No node selected");
    private final Label problem = new Label();
    private final GridPane grid = new GridPane();
    private NodeSpec shown;
    /** The file the shown network was read from: a sub-network node's knobs are read from the file its type names. */
    private dev.conch.engine.model.Origin origin = dev.conch.engine.model.Origin.NONE;
    private FilePicker files = this::chooseWithDialog;
    /** What a right-click on a param's name offers: each contributor's items, in the order added. */
    private final java.util.List<ParamMenu> paramMenus = new java.util.ArrayList<>();
    /** Counts the shows: a field of an earlier one commits nothing when it is left. */
    private int generation;
    /** The field that had the focus last (its text may not be committed yet), or null. */
    private TypedText typing;

    public Inspector(ProcessorRegistry registry, ParamSink sink) {
        super(8);
        this.registry = registry;
        this.sink = sink;
        setId("inspector");
        setPadding(new Insets(8));
        setPrefWidth(380);
        setMinWidth(380);
        title.setStyle("-fx-font-weight: bold;");
        problem.setId("inspector-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b00020;");
        grid.setHgap(6);
        grid.setVgap(6);
        getChildren().addAll(title, grid, problem);
    }

    /** The file of the network whose nodes are shown next (a sub-network's type is relative to it). */
    public void origin(dev.conch.engine.model.Origin origin) {
        this.origin = origin == null ? dev.conch.engine.model.Origin.NONE : origin;
    }

    /** Shows {@code node}'s params (null: nothing selected). */
    public void show(NodeSpec node) {
        show(node, null);
    }

    /**
     * Shows {@code node}'s params and, for a spectral node, the framing it inherits from its input's STFT
     * ({@code framing}, null when it has none or is not connected yet), read-only: it is set on the STFT.
     */
    public void show(NodeSpec node, SpectrumFormat framing) {
        show(node, framing, java.util.Map.of());
    }

    /**
     * As {@link #show(NodeSpec, SpectrumFormat)}, with what drives each param besides its own value ({@code drivers}:
     * "modulated by lfo.out (add)", "automated (4 events)", "MIDI cc 74"), said under the param and marked on its name.
     */
    public void show(NodeSpec node, SpectrumFormat framing, java.util.Map<String, String> drivers) {
        shown = node;
        generation++; // before the fields go: one losing the focus as it is removed is dead already
        typing = null;
        grid.getChildren().clear();
        problem.setText("");
        if (node == null) {
            title.setText("No node selected");
            return;
        }
        title.setText(node.id() + " (" + node.type() + ")");
        int row = 0;
        for (ParamSpec p : NodeFacts.of(node, registry, origin).params()) {
            ParamValue v = node.params().get(p.name());
            String text = v != null ? v.text() : p.defaultText();
            Label name = new Label(p.name());
            name.setId("name-" + node.id() + "-" + p.name());
            name.setMinWidth(Label.USE_PREF_SIZE);
            name.setTooltip(new Tooltip(p.description().isEmpty() ? p.rangeText() : p.description() + " (" + p.rangeText() + ")"));
            grid.add(name, 0, row);
            Node widget = widget(node.id(), p, text);
            grid.add(widget, 1, row);
            if (!paramMenus.isEmpty()) {
                // asked for when the menu opens, on the name and on the widget (a slider is where the hand is)
                java.util.function.Supplier<java.util.List<javafx.scene.control.MenuItem>> items = () -> {
                    java.util.List<javafx.scene.control.MenuItem> all = new java.util.ArrayList<>();
                    for (ParamMenu m : paramMenus) all.addAll(m.items(node.id(), p));
                    return all;
                };
                RightClickMenu.attach(name, items);
                RightClickMenu.attach(widget, items);
            }
            row++;
            String driver = drivers.get(p.name());
            if (driver != null) {
                name.setText("◉ " + p.name());
                name.setStyle("-fx-text-fill: #2b7a41; -fx-font-weight: bold;");
                Label by = new Label(driver);
                by.setId("driver-" + node.id() + "-" + p.name());
                by.setWrapText(true);
                by.setStyle("-fx-text-fill: #2b7a41; -fx-font-size: 11px;");
                grid.add(by, 1, row++);
            }
        }
        if (framing != null) {
            Label from = new Label("from the input's STFT (set it there):");
            from.setStyle("-fx-text-fill: #666666;");
            grid.add(from, 0, row++, 2, 1);
            for (String name : SpectrumFormat.PARAMS) {
                grid.add(new Label(name), 0, row);
                Label value = new Label(framing.paramText(name));
                value.setId("inherited-" + node.id() + "-" + name);
                grid.add(value, 1, row++);
            }
        }
    }

    private Node widget(String node, ParamSpec p, String text) {
        String id = "param-" + node + "-" + p.name();
        switch (p.type()) {
            case CHOICE -> {
                ChoiceBox<String> box = new ChoiceBox<>();
                box.setId(id);
                box.getItems().setAll(p.choices());
                box.setValue(text);
                box.setOnAction(e -> commit(node, p, box.getValue()));
                return box;
            }
            case BOOLEAN -> {
                CheckBox box = new CheckBox();
                box.setId(id);
                box.setSelected(p.parse(text) != 0);
                box.setOnAction(e -> commit(node, p, Boolean.toString(box.isSelected())));
                return box;
            }
            case NUMBER, INTEGER -> {
                TextField field = new TextField(text);
                field.setId(id);
                field.setPrefColumnCount(6);
                SliderScale scale = new SliderScale(p);
                Slider slider = new Slider(scale.sliderMin(), scale.sliderMax(), scale.position(safeParse(p, text)));
                slider.setId(id + "-slider");
                slider.setPrefWidth(110);
                if (p.powersOfTwo()) { // one notch an octave: no position between two valid sizes
                    slider.setMajorTickUnit(1);
                    slider.setMinorTickCount(0);
                    slider.setSnapToTicks(true);
                }
                // the field follows the thumb, showing what a release will commit
                slider.valueProperty().addListener((o, was, now) -> {
                    if (slider.isValueChanging()) field.setText(p.textOf(scale.value(now.doubleValue())));
                });
                slider.valueChangingProperty().addListener((o, was, now) -> {
                    if (!now) commit(node, p, p.textOf(scale.value(slider.getValue())));
                });
                typed(field, node, p);
                Label unit = new Label(p.unit());
                unit.setMinWidth(Label.USE_PREF_SIZE);
                HBox box = new HBox(4, slider, field, unit);
                Tooltip.install(box, new Tooltip(p.rangeText()));
                return box;
            }
            default -> {
                TextField field = new TextField(text);
                field.setId(id);
                typed(field, node, p);
                if (p.namesFile()) {
                    PathBase base = new PathBase(origin.file(), false);
                    FilePaths.Resolved resolved = FilePaths.resolve(text, p.file(), base);
                    Button browse = new Button("...");
                    browse.setId(id + "-browse");
                    browse.setTooltip(new Tooltip("choose the file"));
                    browse.setOnAction(e -> {
                        Path chosen = files.choose(node, p.name(), resolved == null ? text : resolved.path().toString(),
                                getScene() == null ? null : getScene().getWindow());
                        // inside or below the network's folder it is kept relative, so the folder can move as a whole
                        if (chosen != null) commit(node, p, FilePaths.written(chosen, base.folder(), false));
                    });
                    HBox.setHgrow(field, Priority.ALWAYS);
                    return new VBox(2, new HBox(4, field, browse), resolvedLabel(id, resolved));
                }
                // a point-list param (its default is one) gets a table, as long as the text is still a plain list
                var points = PointList.parse(p.defaultText()).isPresent() ? PointList.parse(text) : java.util.Optional.<java.util.List<PointList.Point>>empty();
                if (points.isEmpty()) return field;
                return new VBox(3, field, new PointsEditor(id, points.get(), t -> commit(node, p, t)));
            }
        }
    }

    /** Where a file param's text leads (a relative one from the network's folder), and whether it is missing. */
    private static Label resolvedLabel(String id, FilePaths.Resolved r) {
        Label where = new Label(r == null ? "" : (r.missing() ? (r.use() == ParamSpec.FileUse.WRITES
                ? "no folder for " : "missing: ") : "= ") + r.path());
        where.setId(id + "-resolved");
        where.setWrapText(true);
        where.setStyle("-fx-font-size: 90%; -fx-text-fill: " + (r != null && r.missing() ? "#b00020" : "#555555") + ";");
        if (r != null && r.relative()) where.setTooltip(new Tooltip("'" + r.text() + "' starts from " + r.base().named()));
        return where;
    }

    /** Items a right-click on a param's name offers ("Show automation lane"); none for a param they do not concern. */
    @FunctionalInterface
    public interface ParamMenu {
        java.util.List<javafx.scene.control.MenuItem> items(String node, ParamSpec param);
    }

    /** Adds items to every param's right-click menu (made when asked for, after those added before). */
    public void addParamMenu(ParamMenu menu) {
        paramMenus.add(menu);
    }

    /** A problem picked in the problems panel is about this param: its name is marked until the next show. */
    public boolean highlight(String param) {
        if (shown == null) return false;
        var label = grid.lookup("#name-" + shown.id() + "-" + param);
        if (label == null) return false;
        label.setStyle("-fx-text-fill: white; -fx-background-color: #b00020; -fx-font-weight: bold;");
        return true;
    }

    /** Asks for a file for a {@code file} param (tests answer without a dialog). */
    @FunctionalInterface
    public interface FilePicker {
        /** @return the chosen file, or null when the user cancelled */
        Path choose(String node, String param, String current, Window owner);
    }

    /** Replaces the file dialog (tests, or a platform without one). */
    public void setFilePicker(FilePicker picker) {
        this.files = picker;
    }

    /** A writer's file is saved to (a dialog that may name a new file); a reader's must exist. */
    private Path chooseWithDialog(String node, String param, String current, Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the file for " + node + "." + param);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Audio files", "*.wav", "*.aif", "*.aiff", "*.aifc", "*.flac", "*.au"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (current != null && !current.isBlank()) {
            File dir = new File(current).getAbsoluteFile().getParentFile();
            if (dir != null && dir.isDirectory()) chooser.setInitialDirectory(dir);
            chooser.setInitialFileName(new File(current).getName());
        }
        NodeSpec n = shown;
        ParamSpec spec = n == null ? null : NodeFacts.of(n, registry, origin).params().stream()
                .filter(s -> s.name().equals(param)).findFirst().orElse(null);
        boolean writes = spec != null && spec.file() == ParamSpec.FileUse.WRITES;
        File f = writes ? chooser.showSaveDialog(owner) : chooser.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    private static double safeParse(ParamSpec p, String text) {
        try {
            return p.parse(text);
        } catch (IllegalArgumentException e) {
            return p.defaultValue();
        }
    }

    /** Enter, or leaving the field with new text, commits it. */
    private void typed(TextField field, String node, ParamSpec p) {
        TypedText.wire(field, text -> commit(node, p, text), () -> generation, t -> typing = t);
    }

    /**
     * Commits what is typed in a param's field and not committed yet: a command (Save, Render, Close...) run while the
     * field still has the focus works on the network the inspector shows.
     */
    public void commitTyping() {
        if (typing != null) typing.commitIfChanged();
    }

    private void commit(String node, ParamSpec p, String text) {
        String why = sink.set(node, p.name(), text);
        problem.setText(why == null ? "" : why);
    }
}
