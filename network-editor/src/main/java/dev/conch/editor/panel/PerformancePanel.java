package dev.conch.editor.panel;

import dev.conch.editor.document.MidiWords;
import dev.conch.editor.document.NodeFacts;
import dev.conch.editor.inspector.RightClickMenu;
import dev.conch.editor.inspector.TypedText;
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
 * control queue; the release commits the value to the network (one undo step). Right-click learns MIDI, and a
 * bound controller moves its knob as the mouse does: the knob follows, and the gesture's last value is committed
 * once the controller has rested for {@value #MIDI_REST_MS} ms, so Save and undo see what is heard.
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
    /** The rows shown, by knob id: where a value moved by MIDI is shown. */
    private final java.util.Map<String, Row> rows = new java.util.HashMap<>();
    /** Counts the shows: a knob's field of an earlier one commits nothing when it is left. */
    private int generation;
    /** Knobs MIDI moved and not yet committed: their last value and when it came (FX thread only). */
    private final java.util.Map<String, Moved> unsettled = new java.util.LinkedHashMap<>();
    static final long MIDI_REST_MS = 400;

    private record Row(Slider slider, TextField field, SliderScale scale, ParamSpec spec) {
    }

    private record Moved(double value, long atNanos) {
    }

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
        generation++; // before the fields go: one losing the focus as it is removed is dead already
        grid.getChildren().clear();
        rows.clear();
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
        TypedText.wire(field, text -> commit(n.id(), text), () -> generation, t -> { });

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
        rows.put(n.id(), new Row(slider, field, scale, p));
    }

    /**
     * From now on the knobs follow what MIDI moves: {@code moved} is polled 20 times a second on the FX thread (the
     * MIDI thread cannot call into the UI), for example {@code MidiControl::takeMoved}.
     */
    public void followMidi(java.util.function.Supplier<java.util.Map<dev.conch.engine.model.Endpoint, Double>> moved) {
        javafx.animation.Timeline poll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.millis(50), e -> follow(moved.get(), System.nanoTime())));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        poll.play();
    }

    /** Shows the values MIDI gave ({@code moved}), and commits each knob's last one once it has rested. */
    void follow(java.util.Map<dev.conch.engine.model.Endpoint, Double> moved, long nowNanos) {
        moved.forEach((to, value) -> {
            Row r = rows.get(to.node());
            if (r == null || !to.port().equals(VALUE) || r.slider().isValueChanging()) return; // the mouse has it
            r.slider().setValue(r.scale().position(value)); // not changing: no live change is sent back
            r.field().setText(r.spec().textOf(r.spec().round(value)));
            unsettled.put(to.node(), new Moved(value, nowNanos));
        });
        for (var it = unsettled.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (nowNanos - e.getValue().atNanos() < MIDI_REST_MS * 1_000_000) continue;
            it.remove();
            Row r = rows.get(e.getKey());
            if (r != null) commit(e.getKey(), r.spec().textOf(r.spec().round(e.getValue().value())));
        }
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
