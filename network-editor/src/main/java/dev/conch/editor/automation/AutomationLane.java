package dev.conch.editor.automation;

import dev.conch.editor.inspector.SliderScale;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.AutomationEvent.Kind;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.AutomationCurve;
import dev.conch.engine.runtime.ParamSpec;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Locale;

/**
 * One param's automation timeline under the canvas: time across (the network's duration), the param's range up (on
 * its slider's scale, log for Hz), the line the param follows drawn by the engine's own {@link AutomationCurve}.
 * Double-click adds a point (a linear ramp to it), drag moves one, Delete or its menu removes it, and the menu or the
 * header's choice sets the selected point's segment type. A drag is drawn as it goes and becomes one edit on release;
 * every edit goes to the {@link Sink} (the document, one undo step) and the lane redraws from the spec that results.
 */
public final class AutomationLane extends VBox {
    /** Where a lane's edits go: the new timeline and what was done ("move a point of filter.frequency"). */
    @FunctionalInterface
    public interface Sink {
        /** @return false when the edit was refused (said in the status line): the lane shows the timeline as it was */
        boolean edit(Endpoint param, List<AutomationEvent> events, String label);
    }

    static final double HEIGHT = 120;
    private static final double LEFT = 56, RIGHT = 12, TOP = 8, BOTTOM = 18;
    private static final double GRAB = 7;
    private static final Color LINE = Color.web("#2b7a41"), POINT = Color.web("#1d5630"), PICKED = Color.web("#e0a100");

    private final Endpoint param;
    private final ParamSpec spec;
    private final SliderScale scale;
    private final Sink sink;
    private final Canvas plot = new Canvas(600, HEIGHT);
    private final ChoiceBox<Kind> kind = new ChoiceBox<>();
    private final Label info = new Label();
    private List<AutomationEvent> events = List.of();
    private double initial;
    private double duration;
    /** The selected point (null: none). */
    private LaneEdits.Point picked;
    /** While dragging: the timeline as the drag has made it so far, not yet an edit. */
    private List<AutomationEvent> dragged;
    private double cursor = Double.NaN;
    private ContextMenu menu;

    public AutomationLane(Endpoint param, ParamSpec spec, Sink sink, Runnable onClose) {
        super(2);
        this.param = param;
        this.spec = spec;
        this.scale = new SliderScale(spec);
        this.sink = sink;
        String id = "lane-" + param.node() + "-" + param.port();
        setId(id);
        setPadding(new Insets(3, 6, 3, 6));
        setStyle("-fx-background-color: #eef0e8; -fx-border-color: #b8bcae; -fx-border-width: 0 0 1 0;");
        Label name = new Label("Automation: " + param + (spec.unit().isEmpty() ? "" : " (" + spec.unit() + ")"));
        name.setStyle("-fx-font-weight: bold;");
        kind.setId(id + "-kind");
        kind.getItems().setAll(Kind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(Kind k) {
                return k == null ? "" : word(k);
            }

            @Override
            public Kind fromString(String s) {
                return null;
            }
        });
        kind.setDisable(true);
        kind.setOnAction(e -> {
            if (picked != null && kind.getValue() != null && kind.getValue() != events.get(picked.event()).kind()) {
                retype(picked.event(), kind.getValue());
            }
        });
        info.setId(id + "-info");
        info.setStyle("-fx-text-fill: #555; -fx-font-size: 11px;");
        Button close = new Button("×");
        close.setId(id + "-close");
        close.setOnAction(e -> onClose.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, name, new Label("segment"), kind, info, gap, close);
        top.setAlignment(Pos.CENTER_LEFT);
        plot.setId(id + "-plot");
        plot.setFocusTraversable(true);
        plot.widthProperty().addListener(o -> draw());
        plot.setOnMousePressed(this::pressed);
        plot.setOnMouseDragged(this::dragging);
        plot.setOnMouseReleased(this::released);
        plot.setOnKeyPressed(e -> {
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && picked != null) {
                delete(picked.event());
                e.consume();
            }
        });
        getChildren().addAll(top, plot);
    }

    /** The param this lane shows. */
    public Endpoint param() {
        return param;
    }

    /** Shows a timeline: its events, the param's own value (before the first event) and the network's duration. */
    public void show(List<AutomationEvent> timeline, double ownValue, double networkDuration) {
        events = List.copyOf(timeline);
        initial = ownValue;
        duration = networkDuration;
        dragged = null;
        if (picked != null) picked = LaneEdits.points(events).stream().filter(p -> p.event() == picked.event()
                && p.value() == picked.value()).findFirst().orElse(null);
        pickedChanged();
        draw();
    }

    /** The events shown (the document's, or a drag's while it goes on). */
    public List<AutomationEvent> events() {
        return dragged != null ? dragged : events;
    }

    /** The play position to mark, in seconds; NaN hides the cursor. */
    public void cursor(double seconds) {
        if (Double.compare(seconds, cursor) == 0) return;
        cursor = seconds;
        draw();
    }

    /** The play cursor's x on the plot (NaN when hidden); tests check it runs along. */
    public double cursorX() {
        return Double.isNaN(cursor) ? Double.NaN : x(cursor);
    }

    public void width(double w) {
        plot.setWidth(Math.max(200, w));
    }

    /** The time the lane spans: the network's duration, or (without one) a little past the last event, at least 10 s. */
    public double span() {
        if (duration > 0) return duration;
        double last = events().stream().mapToDouble(e -> e.time() + e.duration()).max().orElse(0);
        return Math.max(10, last * 1.25);
    }

    // ------------------------------------------------------------------ geometry (tests use it to aim the mouse)

    public double x(double seconds) {
        return LEFT + seconds / span() * (plot.getWidth() - LEFT - RIGHT);
    }

    public double y(double value) {
        double lo = scale.sliderMin(), hi = scale.sliderMax();
        double n = hi > lo ? (scale.position(value) - lo) / (hi - lo) : 0.5;
        return TOP + (1 - Math.max(0, Math.min(1, n))) * (HEIGHT - TOP - BOTTOM);
    }

    public double timeAt(double x) {
        return Math.max(0, Math.min(span(), (x - LEFT) / (plot.getWidth() - LEFT - RIGHT) * span()));
    }

    /**
     * A point's time as the mouse places it: to the millisecond, finer than a pixel, so the file says 12.264 and not
     * 12.26431718061674 (its value is rounded as a slider commits one).
     */
    private static double placed(double t) {
        return Math.round(t * 1000) / 1000.0;
    }

    public double valueAt(double y) {
        double n = 1 - (y - TOP) / (HEIGHT - TOP - BOTTOM);
        n = Math.max(0, Math.min(1, n));
        double lo = scale.sliderMin(), hi = scale.sliderMax();
        return scale.value(lo + n * (hi - lo));
    }

    /** The plot canvas (tests press on it). */
    public Canvas plot() {
        return plot;
    }

    // ------------------------------------------------------------------ gestures

    private LaneEdits.Point pointAt(double px, double py) {
        LaneEdits.Point best = null;
        double bestD = GRAB;
        for (LaneEdits.Point p : LaneEdits.points(events)) {
            double d = Math.hypot(x(p.time()) - px, y(p.level()) - py);
            if (d <= bestD) {
                best = p;
                bestD = d;
            }
        }
        return best;
    }

    private LaneEdits.Point nearest(List<AutomationEvent> timeline, double px, double py) {
        return LaneEdits.points(timeline).stream()
                .min(java.util.Comparator.comparingDouble(p -> Math.hypot(x(p.time()) - px, y(p.level()) - py)))
                .orElse(null);
    }

    private void pressed(MouseEvent e) {
        plot.requestFocus();
        if (menu != null) menu.hide();
        LaneEdits.Point p = pointAt(e.getX(), e.getY());
        if (e.getButton() == MouseButton.SECONDARY) {
            if (p != null) picked = p;
            pickedChanged();
            draw();
            showMenu(p, e);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) return;
        if (p == null && e.getClickCount() == 2) {
            add(placed(timeAt(e.getX())), spec.round(valueAt(e.getY())));
        } else {
            picked = p;
            pickedChanged();
            draw();
        }
        e.consume();
    }

    private void dragging(MouseEvent e) {
        if (picked == null || e.getButton() != MouseButton.PRIMARY) return;
        dragged = LaneEdits.move(events, picked, placed(timeAt(e.getX())), spec.round(valueAt(e.getY())));
        info.setText(String.format(Locale.ROOT, "%.2f s, %s %s", timeAt(e.getX()), spec.textOf(valueAt(e.getY())), spec.unit()));
        draw();
        e.consume();
    }

    private void released(MouseEvent e) {
        if (dragged == null) return;
        List<AutomationEvent> done = dragged;
        dragged = null;
        picked = nearest(done, e.getX(), y(valueAt(e.getY()))); // the point stays selected wherever the sort put it
        if (!done.equals(events)) commit(done, "move a point of " + param);
        else draw();
        e.consume();
    }

    private void add(double t, double v) {
        List<AutomationEvent> next = LaneEdits.add(events, t, v);
        picked = nearest(next, x(t), y(v));
        commit(next, "add a point to " + param);
    }

    private void delete(int event) {
        picked = null;
        commit(LaneEdits.delete(events, event), "delete a point of " + param);
    }

    private void retype(int event, Kind k) {
        commit(LaneEdits.retype(events, event, k, initial, span()), "make a segment of " + param + " a " + word(k));
    }

    private void commit(List<AutomationEvent> next, String label) {
        if (sink.edit(param, next, label)) return; // the document's change shows the result
        picked = null;
        pickedChanged();
        draw();
    }

    private void showMenu(LaneEdits.Point p, MouseEvent e) {
        menu = new ContextMenu();
        String id = getId() + "-menu";
        if (p == null) {
            double t = placed(timeAt(e.getX())), v = spec.round(valueAt(e.getY()));
            MenuItem add = new MenuItem(String.format(Locale.ROOT, "Add a point here (%.2f s, %s %s)", t, spec.textOf(v), spec.unit()));
            add.setId(id + "-add");
            add.setOnAction(a -> add(t, v));
            menu.getItems().add(add);
        } else {
            int event = p.event();
            for (Kind k : Kind.values()) {
                MenuItem item = new MenuItem((events.get(event).kind() == k ? "● " : "    ") + word(k));
                item.setId(id + "-" + k.name().toLowerCase(Locale.ROOT));
                item.setOnAction(a -> retype(event, k));
                menu.getItems().add(item);
            }
            MenuItem delete = new MenuItem("Delete point");
            delete.setId(id + "-delete");
            delete.setOnAction(a -> delete(event));
            menu.getItems().addAll(new SeparatorMenuItem(), delete);
        }
        menu.show(plot, e.getScreenX(), e.getScreenY());
    }

    /** The menu opened last (tests fire its items). */
    public ContextMenu menu() {
        return menu;
    }

    /** The selected point (null: none). */
    public LaneEdits.Point picked() {
        return picked;
    }

    private void pickedChanged() {
        kind.setDisable(picked == null);
        kind.setValue(picked == null ? null : events.get(picked.event()).kind());
        if (picked == null) {
            info.setText(events.isEmpty() ? "double-click to add a point" : "click a point to select it");
        } else {
            AutomationEvent ev = events.get(picked.event());
            info.setText(String.format(Locale.ROOT, "%.2f s, %s %s%s", picked.time(), spec.textOf(picked.level()),
                    spec.unit(), ev.kind() == Kind.SET_TARGET ? String.format(Locale.ROOT, ", τ %.2f s", ev.timeConstant()) : ""));
        }
    }

    /** "linear ramp": the Web Audio kinds in a sound designer's words. */
    public static String word(Kind k) {
        return switch (k) {
            case SET_VALUE -> "set (jump)";
            case LINEAR_RAMP -> "linear ramp";
            case EXPONENTIAL_RAMP -> "exponential ramp";
            case SET_TARGET -> "target (approach)";
            case VALUE_CURVE -> "curve";
        };
    }

    // ------------------------------------------------------------------ drawing

    private void draw() {
        GraphicsContext g = plot.getGraphicsContext2D();
        double w = plot.getWidth(), h = HEIGHT;
        g.setFill(Color.web("#fbfbf7"));
        g.fillRect(0, 0, w, h);
        g.setFill(Color.web("#555"));
        g.setStroke(Color.web("#dddcd2"));
        g.setFont(javafx.scene.text.Font.font(10));
        // value guides: the range's ends and its middle (on the slider's scale)
        double lo = scale.sliderMin(), hi = scale.sliderMax();
        for (double n : new double[] {0, 0.5, 1}) {
            double v = scale.value(lo + n * (hi - lo)), yy = y(v);
            g.strokeLine(LEFT, yy, w - RIGHT, yy);
            g.fillText(spec.textOf(v), 2, Math.max(10, Math.min(h - BOTTOM, yy + 4)));
        }
        double span = span(), step = niceStep(span);
        for (double t = 0; t <= span + 1e-9; t += step) {
            double xx = x(t);
            g.strokeLine(xx, TOP, xx, h - BOTTOM);
            String label = String.format(Locale.ROOT, step < 1 ? "%.1f s" : "%.0f s", t);
            g.fillText(label, xx + 24 > w ? xx - 6 * label.length() : xx + 2, h - 5); // the last one inside the plot
        }
        List<AutomationEvent> shown = events();
        try {
            AutomationCurve curve = new AutomationCurve(shown, initial);
            g.setStroke(LINE);
            g.setLineWidth(1.6);
            g.beginPath();
            for (double px = LEFT; px <= w - RIGHT; px += 1) {
                double yy = y(curve.next(timeAt(px)));
                if (px == LEFT) g.moveTo(px, yy);
                else g.lineTo(px, yy);
            }
            g.stroke();
        } catch (IllegalArgumentException impossible) {
            g.setFill(Color.web("#b00020"));
            g.fillText(impossible.getMessage(), LEFT + 4, TOP + 12);
        }
        g.setLineWidth(1);
        for (LaneEdits.Point p : LaneEdits.points(shown)) {
            boolean on = picked != null && p.event() == picked.event() && p.value() == picked.value();
            double xx = x(p.time()), yy = y(p.level()), r = on ? 5 : 4;
            g.setFill(on ? PICKED : POINT);
            g.fillOval(xx - r, yy - r, 2 * r, 2 * r);
            if (p.value() == 0) {
                g.setFill(Color.web("#333"));
                g.fillText(letter(shown.get(p.event()).kind()), xx + 6, yy - 5 < TOP + 8 ? yy + 13 : yy - 5); // inside the plot
            }
        }
        if (!Double.isNaN(cursor)) {
            double xx = x(Math.min(cursor, span));
            g.setStroke(Color.web("#d0302a"));
            g.setLineWidth(2);
            g.strokeLine(xx, 0, xx, h - BOTTOM + 4);
            g.setLineWidth(1);
        }
    }

    private static String letter(Kind k) {
        return switch (k) {
            case SET_VALUE -> "set";
            case LINEAR_RAMP -> "lin";
            case EXPONENTIAL_RAMP -> "exp";
            case SET_TARGET -> "tgt";
            case VALUE_CURVE -> "curve";
        };
    }

    /** A ruler step giving 5 to 12 ticks: 1, 2 or 5 times a power of ten seconds. */
    private static double niceStep(double span) {
        double raw = span / 8, p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }
}
