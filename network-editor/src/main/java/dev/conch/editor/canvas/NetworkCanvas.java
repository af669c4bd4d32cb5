package dev.conch.editor.canvas;

import dev.conch.editor.document.NodeFacts;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network drawn at the file's positions: node boxes, wires coloured by kind, a wire that follows the mouse
 * from an output port. Redrawn whole from the spec after each edit (networks are tens of nodes, not thousands).
 */
public final class NetworkCanvas extends Pane {
    private final ProcessorRegistry registry;
    private final CanvasActions actions;
    private final Group wires = new Group();
    private final Pane nodes = new Pane();
    private final Line dragWire = new Line();
    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private final List<PortView> inputs = new ArrayList<>();
    private NetworkSpec spec;
    private String selected;
    private double pressX, pressY, startX, startY;

    public NetworkCanvas(ProcessorRegistry registry, CanvasActions actions) {
        this.registry = registry;
        this.actions = actions;
        setId("canvas");
        setStyle("-fx-background-color: #e9ebe4;");
        nodes.setPickOnBounds(false);
        wires.setMouseTransparent(true);
        dragWire.setVisible(false);
        dragWire.setMouseTransparent(true);
        dragWire.setStrokeWidth(2);
        dragWire.getStrokeDashArray().setAll(6.0, 4.0);
        getChildren().addAll(wires, nodes, dragWire);
        setMinSize(1000, 600);
        setOnMousePressed(e -> {
            if (e.getTarget() == this) actions.selected(null);
        });
    }

    /** Redraws everything from {@code next}; the selection is kept when its node still exists. */
    public void show(NetworkSpec next) {
        this.spec = next;
        views.clear();
        inputs.clear();
        nodes.getChildren().clear();
        for (NodeSpec n : next.nodes()) {
            NodeView v = new NodeView(n, NodeFacts.of(n, registry));
            views.put(n.id(), v);
            wireUp(v);
            nodes.getChildren().add(v);
        }
        if (selected != null && !views.containsKey(selected)) selected = null;
        select(selected);
        requestLayout();
    }

    public void select(String id) {
        selected = id;
        views.forEach((k, v) -> v.select(k.equals(id)));
    }

    /** Per-node load as a fraction of the deadline; nodes not in the map show nothing. */
    public void showLoads(Map<String, Double> loads) {
        views.forEach((id, v) -> v.showLoad(loads.getOrDefault(id, -1.0)));
    }

    public NodeView view(String id) {
        return views.get(id);
    }

    private void wireUp(NodeView v) {
        v.title().setOnMousePressed(e -> {
            pressX = e.getSceneX();
            pressY = e.getSceneY();
            startX = v.getLayoutX();
            startY = v.getLayoutY();
            actions.selected(v.nodeId());
            e.consume();
        });
        v.title().setOnMouseDragged(e -> {
            v.relocate(Math.max(0, startX + e.getSceneX() - pressX), Math.max(0, startY + e.getSceneY() - pressY));
            drawWires();
            e.consume();
        });
        v.title().setOnMouseReleased(e -> {
            if (v.getLayoutX() != startX || v.getLayoutY() != startY) {
                actions.moved(v.nodeId(), Math.rint(v.getLayoutX()), Math.rint(v.getLayoutY()));
            }
            e.consume();
        });
        for (PortView p : v.ports()) {
            if (!p.output()) {
                inputs.add(p);
                continue;
            }
            ContextMenu menu = monitorMenu(p);
            p.setOnContextMenuRequested(e -> {
                if (!menu.isShowing()) menu.show(p, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            p.setOnMousePressed(e -> {
                if (e.isSecondaryButtonDown()) { // on press too: not every platform sends a context-menu request
                    if (!menu.isShowing()) menu.show(p, e.getScreenX(), e.getScreenY());
                    e.consume();
                    return;
                }
                if (!e.isPrimaryButtonDown()) return;
                if (e.isAltDown()) { // the quick way: Alt+click opens a spectrum analyser
                    actions.monitor(p.endpoint(), MonitorKind.SPECTRUM);
                    e.consume();
                    return;
                }
                startWire(p, e);
            });
            p.setOnMouseDragged(e -> {
                Point2D at = sceneToLocal(e.getSceneX(), e.getSceneY());
                dragWire.setEndX(at.getX());
                dragWire.setEndY(at.getY());
                e.consume();
            });
            p.setOnMouseReleased(e -> endWire(p, e));
        }
    }

    /** Right-click on an output: "Monitor: oscilloscope / spectrum / level" (ids monitor-menu-scope etc.). */
    private ContextMenu monitorMenu(PortView p) {
        ContextMenu menu = new ContextMenu();
        for (MonitorKind k : MonitorKind.values()) {
            MenuItem item = new MenuItem("Monitor: " + k.label());
            item.setId("monitor-menu-" + k.name().toLowerCase(java.util.Locale.ROOT));
            item.setOnAction(e -> actions.monitor(p.endpoint(), k));
            menu.getItems().add(item);
        }
        return menu;
    }

    private void startWire(PortView from, MouseEvent e) {
        Point2D a = centre(from);
        dragWire.setStartX(a.getX());
        dragWire.setStartY(a.getY());
        dragWire.setEndX(a.getX());
        dragWire.setEndY(a.getY());
        dragWire.setStroke(PortColors.of(from.spec().kind()));
        dragWire.setVisible(true);
        for (PortView in : inputs) in.hint(compatible(from, in));
        e.consume();
    }

    private void endWire(PortView from, MouseEvent e) {
        if (!dragWire.isVisible()) return; // not a wire: a right-click or an Alt+click
        dragWire.setVisible(false);
        for (PortView in : inputs) in.hint(null);
        PortView target = inputAt(e.getSceneX(), e.getSceneY());
        if (target != null) actions.connect(from.endpoint(), target.endpoint());
        e.consume();
    }

    /** A first look by kind (the compiler has the last word when the wire is dropped). */
    private static boolean compatible(PortView from, PortView to) {
        return from.spec().kind() == to.spec().kind()
                && (from.spec().kind() != PortKind.SPECTRUM || from.spec().width() == to.spec().width());
    }

    private PortView inputAt(double sceneX, double sceneY) {
        for (PortView in : inputs) {
            Bounds b = in.localToScene(in.getBoundsInLocal());
            if (b.getMinX() - 4 <= sceneX && sceneX <= b.getMaxX() + 4 && b.getMinY() - 4 <= sceneY && sceneY <= b.getMaxY() + 4) {
                return in;
            }
        }
        return null;
    }

    private Point2D centre(PortView p) {
        Bounds b = p.localToScene(p.getBoundsInLocal());
        return sceneToLocal((b.getMinX() + b.getMaxX()) / 2, (b.getMinY() + b.getMaxY()) / 2);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        drawWires();
    }

    private void drawWires() {
        wires.getChildren().clear();
        if (spec == null) return;
        for (Connection c : spec.connections()) {
            PortView a = port(c.from().node(), c.from().port(), true);
            PortView b = port(c.to().node(), c.to().port(), false);
            if (a == null || b == null) continue;
            Point2D p = centre(a), q = centre(b);
            double bend = Math.max(40, Math.abs(q.getX() - p.getX()) / 2);
            CubicCurve w = new CubicCurve(p.getX(), p.getY(), p.getX() + bend, p.getY(), q.getX() - bend, q.getY(),
                    q.getX(), q.getY());
            w.setFill(null);
            w.setStroke(PortColors.of(a.spec().kind()));
            w.setStrokeWidth(2);
            wires.getChildren().add(w);
        }
        for (var c : spec.controls()) {
            PortView a = port(c.from().node(), c.from().port(), true);
            NodeView b = views.get(c.to().node());
            if (a == null || b == null) continue;
            Point2D p = centre(a);
            Bounds nb = b.localToScene(b.getBoundsInLocal());
            Point2D q = sceneToLocal((nb.getMinX() + nb.getMaxX()) / 2, nb.getMaxY());
            Line w = new Line(p.getX(), p.getY(), q.getX(), q.getY());
            w.setStroke(Color.web("#3aa357"));
            w.getStrokeDashArray().setAll(4.0, 4.0);
            wires.getChildren().add(w);
        }
    }

    private PortView port(String node, String name, boolean output) {
        NodeView v = views.get(node);
        if (v == null) return null;
        for (PortView p : v.ports()) if (p.output() == output && p.endpoint().port().equals(name)) return p;
        return null;
    }
}
