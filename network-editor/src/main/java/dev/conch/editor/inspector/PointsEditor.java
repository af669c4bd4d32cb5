package dev.conch.editor.inspector;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small table for an {@code x:y} point-list param (Breakpoints' points, Waveshaper's table, SpectralDelay's
 * per-bin tables): one row per point with x and y fields and a remove button, and an Add button. Every change
 * hands the whole list, as param text, to {@code commit} (one document edit, so one undo step).
 * Ids: {@code <base>-x-<i>}, {@code <base>-y-<i>}, {@code <base>-remove-<i>}, {@code <base>-add}.
 */
final class PointsEditor extends VBox {
    private final List<PointList.Point> points;
    private final Consumer<String> commit;
    /** Once this table has written, the inspector is rebuilt from the document: a stale field losing focus must not write again. */
    private boolean written;

    PointsEditor(String base, List<PointList.Point> start, Consumer<String> commit) {
        super(3);
        this.points = new ArrayList<>(start);
        this.commit = text -> {
            if (written) return;
            written = true;
            commit.accept(text);
        };
        setId(base + "-points");
        GridPane rows = new GridPane();
        rows.setHgap(4);
        rows.setVgap(2);
        rows.addRow(0, new Label("x"), new Label("y"));
        for (int i = 0; i < points.size(); i++) {
            int at = i;
            TextField x = field(base + "-x-" + i, points.get(i).x());
            TextField y = field(base + "-y-" + i, points.get(i).y());
            // Enter or leaving the field writes the point back; an unchanged field writes nothing
            Runnable write = () -> set(at, new PointList.Point(x.getText(), y.getText()));
            x.setOnAction(e -> write.run());
            y.setOnAction(e -> write.run());
            x.focusedProperty().addListener((o, was, now) -> { if (!now) write.run(); });
            y.focusedProperty().addListener((o, was, now) -> { if (!now) write.run(); });
            Button remove = new Button("-");
            remove.setId(base + "-remove-" + i);
            remove.setTooltip(new Tooltip("remove this point"));
            remove.setDisable(points.size() == 1); // a list needs a point; the processor refuses an empty one
            remove.setOnAction(e -> {
                List<PointList.Point> next = new ArrayList<>(points);
                next.remove(at);
                this.commit.accept(PointList.format(next));
            });
            rows.addRow(i + 1, x, y, remove);
        }
        Button add = new Button("+ point");
        add.setId(base + "-add");
        add.setTooltip(new Tooltip("add a point after the last (x one step further, same y)"));
        add.setOnAction(e -> this.commit.accept(PointList.format(withAppended())));
        getChildren().addAll(rows, new HBox(add));
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setPrefColumnCount(5);
        return f;
    }

    private void set(int i, PointList.Point p) {
        if (p.equals(points.get(i))) return;
        List<PointList.Point> next = new ArrayList<>(points);
        next.set(i, p);
        this.commit.accept(PointList.format(next));
    }

    /** The new point continues the list: x one step past the last (the last gap, or 1), the last y without suffix. */
    private List<PointList.Point> withAppended() {
        List<PointList.Point> next = new ArrayList<>(points);
        PointList.Point last = points.get(points.size() - 1);
        double step = 1;
        try {
            double lx = Double.parseDouble(last.x());
            if (points.size() > 1) step = Math.max(1e-9, lx - Double.parseDouble(points.get(points.size() - 2).x()));
            if (step <= 1e-9) step = 1;
            String y = last.y().contains("@") ? last.y().substring(0, last.y().indexOf('@')) : last.y();
            next.add(new PointList.Point(trim(lx + step), y));
        } catch (NumberFormatException e) {
            next.add(new PointList.Point("0", "0"));
        }
        return next;
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
