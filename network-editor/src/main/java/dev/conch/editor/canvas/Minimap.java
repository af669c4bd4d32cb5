package dev.conch.editor.canvas;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.function.Consumer;

/**
 * A small overview of the whole network in the canvas's corner: every node as a block, and the part in view as
 * an outlined rectangle. Clicking or dragging on it centres the view there. It maps a world (the union of the
 * nodes and the viewport, in network coordinates) onto its own pixels, keeping the aspect ratio.
 */
final class Minimap extends Canvas {
    static final double W = 180, H = 120, PAD = 6;
    private final Consumer<Point2D> centreOn;
    private Bounds world = new BoundingBox(0, 0, 1, 1);
    private Bounds viewport = new BoundingBox(0, 0, 1, 1);
    private double scale = 1, ox, oy;
    private List<Bounds> lastNodes = List.of();

    Minimap(Consumer<Point2D> centreOn) {
        super(W, H);
        this.centreOn = centreOn;
        setId("minimap");
        setOnMousePressed(e -> {
            centreOn.accept(toNetwork(e.getX(), e.getY()));
            e.consume();
        });
        setOnMouseDragged(e -> {
            centreOn.accept(toNetwork(e.getX(), e.getY()));
            e.consume();
        });
        setOnMouseReleased(e -> e.consume());
    }

    /** Redraws for these node boxes and this viewport (all network coordinates). */
    void draw(List<Bounds> nodes, Bounds view) {
        // layout passes come often (a load label changing): repaint only when something it shows moved
        if (view.equals(viewport) && nodes.equals(lastNodes)) return;
        lastNodes = List.copyOf(nodes);
        viewport = view;
        double x0 = view.getMinX(), y0 = view.getMinY(), x1 = view.getMaxX(), y1 = view.getMaxY();
        for (Bounds b : nodes) {
            x0 = Math.min(x0, b.getMinX());
            y0 = Math.min(y0, b.getMinY());
            x1 = Math.max(x1, b.getMaxX());
            y1 = Math.max(y1, b.getMaxY());
        }
        world = new BoundingBox(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
        scale = Math.min((W - 2 * PAD) / world.getWidth(), (H - 2 * PAD) / world.getHeight());
        ox = (W - scale * world.getWidth()) / 2 - scale * world.getMinX();
        oy = (H - scale * world.getHeight()) / 2 - scale * world.getMinY();
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, W, H);
        g.setFill(Color.web("#fafaf5", 0.85));
        g.fillRect(0, 0, W, H);
        g.setStroke(Color.web("#8a8a80"));
        g.strokeRect(0.5, 0.5, W - 1, H - 1);
        g.setFill(Color.web("#6d7f96"));
        for (Bounds b : nodes) g.fillRect(ox + scale * b.getMinX(), oy + scale * b.getMinY(),
                Math.max(2, scale * b.getWidth()), Math.max(2, scale * b.getHeight()));
        Bounds v = viewportOnMap();
        g.setStroke(Color.web("#e0a100"));
        g.setLineWidth(1.5);
        g.strokeRect(v.getMinX(), v.getMinY(), v.getWidth(), v.getHeight());
    }

    /** The viewport's rectangle in the minimap's pixels. */
    Bounds viewportOnMap() {
        return new BoundingBox(ox + scale * viewport.getMinX(), oy + scale * viewport.getMinY(),
                scale * viewport.getWidth(), scale * viewport.getHeight());
    }

    /** A minimap pixel as a network point. */
    Point2D toNetwork(double x, double y) {
        return new Point2D((x - ox) / scale, (y - oy) / scale);
    }
}
