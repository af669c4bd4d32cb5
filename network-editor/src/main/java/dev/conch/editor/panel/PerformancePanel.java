package dev.conch.editor.panel;

import dev.conch.editor.document.MidiWords;
import dev.conch.editor.document.NodeFacts;
import dev.conch.editor.inspector.RightClickMenu;
import dev.conch.editor.inspector.SliderScale;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CLAM Prototyper's idea: every {@code Constant} of the network (its exposed knobs) as a slider with its unit and
 * range, the same scale the inspector's slider has (log for Hz). Dragging moves the sound at once through the live
 * control queue; the release commits the value to the network (one undo step). Right-click learns MIDI.
 */
public final class PerformancePanel extends VBox {
    static final String KNOB = "Constant";
    static final String VALUE = "value";

    /** What the panel does with a knob: the editor's document and player, or {@code conch play --panel}'s session. */
    public interface Actions {
        /** The released value, committed: null when taken, else the sentence why not. */
        String commit(String node, String param, String text);

        /** A value while dragging, straight to the sound (no undo step); nothing when not playing. */
        void live(String node, String param, double value);

        /** The knob's MIDI items (learn, forget) for its context menu. */
        List<MenuItem> menu(String node, String param);
    }

    private final ProcessorRegistry registry;
    private final Actions actions;
    private final GridPane grid = new GridPane();
    private final Label empty = new Label("This network has no Constant nodes: add one (Control › Constant), give it a "
            + "telling id, a range and a unit, and wire it to the params to perform.");
    private final Label problem = new Label();

    public PerformancePanel(ProcessorRegistry registry, Actions actions) {
        super(10);
        this.registry = registry;
        this.actions = actions;
        setId("performance-panel");
        setPadding(new Insets(12));
        grid.setHgap(10);
        grid.setVgap(10);
        empty.setWrapText(true);
        empty.setMaxWidth(460);
        problem.setId("panel-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: #b00020;");
        getChildren().addAll(grid, problem);
    }

    /** The network's knobs, in file order, at the values the network holds now. */
    public void show(NetworkSpec spec) {
        grid.getChildren().clear();
        List<NodeSpec> knobs = knobs(spec);
        if (knobs.isEmpty()) grid.add(empty, 0, 0);
        int row = 0;
        for (NodeSpec n : knobs) {
            ParamSpec p = NodeFacts.of(n, registry).params().stream().filter(s -> s.name().equals(VALUE)).findFirst().orElse(null);
            if (p == null) continue;
            addRow(row++, n, p, spec.midi().stream().filter(m -> m.to().node().equals(n.id()) && m.to().port().equals(VALUE)).toList());
        }
    }

    /** The Constant nodes of a network, in file order. */
    public static List<NodeSpec> knobs(NetworkSpec spec) {
        return spec.nodes().stream().filter(n -> n.type().equals(KNOB)).collect(Collectors.toList());
    }

    private void addRow(int row, NodeSpec n, ParamSpec p, List<MidiBinding> midi) {
        ParamValue v = n.params().get(VALUE);
        double value = parse(p, v == null ? p.defaultText() : v.text());
        SliderScale scale = new SliderScale(p);

        Label name = new Label(n.id());
        name.setId("panel-name-" + n.id());
        name.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        name.setMinWidth(Label.USE_PREF_SIZE);

        Slider slider = new Slider(scale.sliderMin(), scale.sliderMax(), scale.position(value));
        slider.setId("panel-" + n.id() + "-slider");
        slider.setPrefWidth(300);
        slider.setShowTickMarks(true);
        TextField field = new TextField(p.textOf(p.round(value)));
        field.setId("panel-" + n.id());
        field.setPrefColumnCount(7);
        field.setAlignment(Pos.CENTER_RIGHT);
        slider.valueProperty().addListener((o, was, now) -> {
            if (!slider.isValueChanging()) return;
            double at = scale.value(now.doubleValue());
            field.setText(p.textOf(at));
            actions.live(n.id(), VALUE, at);
        });
        slider.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) commit(n.id(), p.textOf(scale.value(slider.getValue())));
        });
        field.setOnAction(e -> commit(n.id(), field.getText()));

        Label unit = new Label(p.unit());
        unit.setMinWidth(Label.USE_PREF_SIZE);
        Label range = new Label(p.rangeText());
        range.setStyle("-fx-text-fill: #666666;");
        range.setMinWidth(Label.USE_PREF_SIZE);
        Label bound = new Label(midi.stream().map(MidiWords::of).collect(Collectors.joining(", ")));
        bound.setId("panel-midi-" + n.id());
        bound.setStyle("-fx-text-fill: #2b7a41;");
        bound.setMinWidth(Label.USE_PREF_SIZE);

        Tooltip.install(slider, new Tooltip(n.id() + ": " + p.rangeText() + " (right-click: Learn MIDI)"));
        for (javafx.scene.Node n2 : List.of(name, slider, field)) RightClickMenu.attach(n2, () -> actions.menu(n.id(), VALUE));

        grid.addRow(row, name, slider, field, unit, range, bound);
    }

    private void commit(String node, String text) {
        String why = actions.commit(node, VALUE, text);
        problem.setText(why == null ? "" : why);
    }

    private static double parse(ParamSpec p, String text) {
        try {
            return p.parse(text);
        } catch (IllegalArgumentException e) {
            return p.defaultValue();
        }
    }
}
