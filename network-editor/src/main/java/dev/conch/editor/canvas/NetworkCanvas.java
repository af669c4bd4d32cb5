package dev.conch.editor.canvas;

import dev.conch.editor.document.NodeFacts;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import dev.conch.editor.palette.Palette;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import java.util.ArrayList;
import java.util.Collection;
import javafx.beans.InvalidationListener;
import javafx.collections.ObservableSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network drawn at the file's positions: node boxes, wires coloured by kind, a wire that follows the mouse
 * from an output port. Redrawn whole from the spec after each edit (networks are tens of nodes, not thousands).
 */
public final class NetworkCanvas extends Pane {
    private static final double MIN_ZOOM = 0.2, MAX_ZOOM = 3, FIT_MARGIN = 30;
    private final ProcessorRegistry registry;
    private final CanvasActions actions;
    /** Everything drawn in network coordinates: panned and zoomed as one by {@link #pan} and {@link #zoom}. */
    private final Pane content = new Pane();
    private final Group wires = new Group();
    private final Pane nodes = new Pane();
    private final Line dragWire = new Line();
    private final Rectangle band = new Rectangle();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private final List<PortView> inputs = new ArrayList<>();
    /** The view-model's selection: drawn here, changed only through {@link CanvasActions}. */
    private final ObservableSet<String> selection;
    private final Map<String, Point2D> dragStarts = new LinkedHashMap<>();
    private NetworkSpec spec;
    private List<Double> lastEnds = List.of();
    private ContextMenu portMenu;
    private double pressX, pressY, panX, panY;
    private boolean banding, panning;
    private Point2D pointer = new Point2D(60, 60);
    private final Minimap minimap = new Minimap(this::centreOn);

    public NetworkCanvas(ProcessorRegistry registry, CanvasActions actions, ObservableSet<String> selection) {
        this.registry = registry;
        this.actions = actions;
        this.selection = selection;
        selection.addListener((InvalidationListener) o -> paintSelection());
        setId("canvas");
        setStyle("-fx-background-color: #e9ebe4;");
        nodes.setPickOnBounds(false);
        content.setPickOnBounds(false);
        content.getTransforms().addAll(pan, zoom);
        wires.setMouseTransparent(true);
        dragWire.setVisible(false);
        dragWire.setMouseTransparent(true);
        dragWire.setStrokeWidth(2);
        dragWire.getStrokeDashArray().setAll(6.0, 4.0);
        band.setId("rubber-band");
        band.setVisible(false);
        band.setMouseTransparent(true);
        band.setFill(Color.web("#e0a100", 0.12));
        band.setStroke(Color.web("#e0a100"));
        band.getStrokeDashArray().setAll(4.0, 3.0);
        content.getChildren().addAll(wires, nodes, dragWire);
        getChildren().addAll(content, band, minimap);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip); // nodes panned out of view stay out of the palette and inspector
        setMinSize(400, 300);
        setPrefSize(1000, 600);
        setOnMousePressed(this::backgroundPressed);
        setOnMouseDragged(this::backgroundDragged);
        setOnMouseReleased(this::backgroundReleased);
        addEventFilter(MouseEvent.ANY, e -> pointer = sceneToLocal(e.getSceneX(), e.getSceneY()));
        setOnDragOver(e -> {
            if (e.getDragboard().hasString() && Palette.typeOfDrag(e.getDragboard().getString()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            String type = e.getDragboard().hasString() ? Palette.typeOfDrag(e.getDragboard().getString()) : null;
            if (type != null) addAt(type, e.getX(), e.getY());
            e.setDropCompleted(type != null);
            e.consume();
        });
        setOnScroll(e -> {
            // 40 units: one wheel notch on most platforms; 10 % zoom a notch
            if (e.getDeltaY() != 0) zoomAt(e.getX(), e.getY(), Math.pow(1.1, e.getDeltaY() / 40));
            e.consume();
        });
    }

    /** Redraws everything from {@code next}; selected nodes that still exist stay selected. */
    public void show(NetworkSpec next) {
        this.spec = next;
        views.clear();
        inputs.clear();
        nodes.getChildren().clear();
        for (NodeSpec n : next.nodes()) {
            NodeView v = new NodeView(n, NodeFacts.of(n, registry, next.origin()));
            views.put(n.id(), v);
            wireUp(v);
            nodes.getChildren().add(v);
        }
        lastEnds = List.of();
        paintSelection();
        requestLayout();
    }

    /** Selects these nodes, as a rubber band around them would. */
    public void select(Collection<String> ids) {
        actions.selectedMany(new LinkedHashSet<>(ids));
    }

    /** The selected node ids. */
    public Set<String> selection() {
        return Set.copyOf(selection);
    }

    private void paintSelection() {
        views.forEach((k, v) -> v.select(selection.contains(k)));
    }

    /** Per-node load as a fraction of the deadline; nodes not in the map show nothing. */
    public void showLoads(Map<String, Double> loads) {
        views.forEach((id, v) -> v.showLoad(loads.getOrDefault(id, -1.0)));
    }

    public NodeView view(String id) {
        return views.get(id);
    }

    // ------------------------------------------------------------------ zoom and pan

    public double zoom() {
        return zoom.getX();
    }

    /** Zooms by {@code factor} keeping the network point under (x, y) (canvas coordinates) where it is. */
    public void zoomAt(double x, double y, double factor) {
        double s = zoom.getX(), next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, s * factor));
        double cx = (x - pan.getX()) / s, cy = (y - pan.getY()) / s;
        setView(next, x - next * cx, y - next * cy);
    }

    /** Zooms and pans so every node is in view (at most at 100 %: a small network is not blown up). */
    public void fitToView() {
        if (views.isEmpty() || getWidth() <= 0) {
            setView(1, 0, 0);
            return;
        }
        Bounds b = null;
        for (NodeView v : views.values()) b = b == null ? v.getBoundsInParent() : union(b, v.getBoundsInParent());
        double w = Math.max(1, b.getWidth()), h = Math.max(1, b.getHeight());
        double s = Math.max(MIN_ZOOM, Math.min(1, Math.min((getWidth() - 2 * FIT_MARGIN) / w, (getHeight() - 2 * FIT_MARGIN) / h)));
        setView(s, (getWidth() - s * w) / 2 - s * b.getMinX(), (getHeight() - s * h) / 2 - s * b.getMinY());
    }

    /** Canvas coordinates (what the pointer sees) to network coordinates (what the file stores). */
    public Point2D toNetwork(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.getX(), (y - pan.getY()) / zoom.getY());
    }

    /** Where the pointer last was over the canvas (canvas coordinates): the quick-add box adds there. */
    public Point2D pointer() {
        return pointer;
    }

    /** Adds a node of {@code type} with its top-left corner at a canvas point (a palette drop, a quick add). */
    public void addAt(String type, double canvasX, double canvasY) {
        Point2D at = toNetwork(canvasX, canvasY);
        actions.add(type, Math.max(0, Math.rint(at.getX())), Math.max(0, Math.rint(at.getY())));
    }

    /** The pan offset (canvas pixels): the minimap follows it. */
    public Point2D panOffset() {
        return new Point2D(pan.getX(), pan.getY());
    }

    /** A node's box in canvas coordinates (after zoom and pan): for fit-to-view tests. */
    public Bounds boundsOnCanvas(String id) {
        NodeView v = views.get(id);
        return v == null ? null : sceneToLocal(v.localToScene(v.getBoundsInLocal()));
    }

    private void setView(double scale, double x, double y) {
        zoom.setX(scale);
        zoom.setY(scale);
        pan.setX(x);
        pan.setY(y);
        drawWires();
        drawMinimap();
    }

    /** Pans (keeping the zoom) so the network point {@code at} is in the middle of the canvas: the minimap's click. */
    public void centreOn(Point2D at) {
        double s = zoom.getX();
        setView(s, getWidth() / 2 - s * at.getX(), getHeight() / 2 - s * at.getY());
    }

    /** The viewport's rectangle on the minimap, in the minimap's pixels (tests: it follows a pan). */
    public Bounds minimapViewport() {
        return minimap.viewportOnMap();
    }

    /** The minimap itself (tests click on it). */
    public javafx.scene.Node minimap() {
        return minimap;
    }

    /** A minimap pixel as a network point. */
    public Point2D minimapToNetwork(double x, double y) {
        return minimap.toNetwork(x, y);
    }

    private void drawMinimap() {
        List<Bounds> boxes = new ArrayList<>();
        for (NodeView v : views.values()) boxes.add(v.getBoundsInParent());
        Point2D a = toNetwork(0, 0), b = toNetwork(getWidth(), getHeight());
        minimap.draw(boxes, new BoundingBox(a.getX(), a.getY(), Math.max(1, b.getX() - a.getX()), Math.max(1, b.getY() - a.getY())));
    }

    private static Bounds union(Bounds a, Bounds b) {
        double x0 = Math.min(a.getMinX(), b.getMinX()), y0 = Math.min(a.getMinY(), b.getMinY());
        double x1 = Math.max(a.getMaxX(), b.getMaxX()), y1 = Math.max(a.getMaxY(), b.getMaxY());
        return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    // ------------------------------------------------------------------ background: rubber band and pan

    /** Primary drag on the background draws a selection band (Shift adds); secondary, middle or Alt drag pans. */
    private void backgroundPressed(MouseEvent e) {
        banding = false;
        panning = false;
        if (e.getTarget() != this) return; // a press on a node's body, not on the background
        requestFocus(); // out of the palette's search field: Shift+A, Delete and friends act on the canvas again
        pressX = e.getX();
        pressY = e.getY();
        panning = e.isSecondaryButtonDown() || e.isMiddleButtonDown() || e.isAltDown();
        banding = !panning && e.isPrimaryButtonDown();
        panX = pan.getX();
        panY = pan.getY();
        if (banding && !e.isShiftDown()) actions.selected(null);
        e.consume();
    }

    private void backgroundDragged(MouseEvent e) {
        if (panning) {
            setView(zoom.getX(), panX + e.getX() - pressX, panY + e.getY() - pressY);
        } else if (banding) {
            band.setX(Math.min(pressX, e.getX()));
            band.setY(Math.min(pressY, e.getY()));
            band.setWidth(Math.abs(e.getX() - pressX));
            band.setHeight(Math.abs(e.getY() - pressY));
            band.setVisible(true);
        }
        e.consume();
    }

    private void backgroundReleased(MouseEvent e) {
        if (banding && band.isVisible()) {
            Bounds area = band.getBoundsInParent();
            Set<String> picked = new LinkedHashSet<>(e.isShiftDown() ? selection : Set.of());
            for (var en : views.entrySet()) {
                Bounds nb = sceneToLocal(en.getValue().localToScene(en.getValue().getBoundsInLocal()));
                if (area.intersects(nb)) picked.add(en.getKey());
            }
            band.setVisible(false);
            actions.selectedMany(picked);
        }
        banding = false;
        panning = false;
        e.consume();
    }

    // ------------------------------------------------------------------ nodes and wires

    private void wireUp(NodeView v) {
        v.title().setOnMousePressed(e -> {
            pressX = e.getSceneX();
            pressY = e.getSceneY();
            String id = v.nodeId();
            if (e.isShortcutDown() || e.isShiftDown()) { // toggle in or out of the selection
                Set<String> next = new LinkedHashSet<>(selection);
                if (!next.remove(id)) next.add(id);
                actions.selectedMany(next);
            } else if (!selection.contains(id)) {
                actions.selected(id);
            } else {
                actions.selected(id, true); // keep the group (for dragging it), inspect this one
            }
            dragStarts.clear();
            for (String s : selection) {
                NodeView n = views.get(s);
                if (n != null) dragStarts.put(s, new Point2D(n.getLayoutX(), n.getLayoutY()));
            }
            e.consume();
        });
        v.title().setOnMouseDragged(e -> {
            double s = zoom.getX();
            dragStarts.forEach((id, at) -> views.get(id).relocate(Math.max(0, at.getX() + (e.getSceneX() - pressX) / s),
                    Math.max(0, at.getY() + (e.getSceneY() - pressY) / s)));
            drawWires();
            e.consume();
        });
        v.title().setOnMouseReleased(e -> {
            Map<String, Point2D> moved = new LinkedHashMap<>();
            dragStarts.forEach((id, at) -> {
                NodeView n = views.get(id);
                if (n.getLayoutX() != at.getX() || n.getLayoutY() != at.getY()) {
                    moved.put(id, new Point2D(Math.rint(n.getLayoutX()), Math.rint(n.getLayoutY())));
                }
            });
            dragStarts.clear();
            if (moved.size() == 1) {
                var only = moved.entrySet().iterator().next();
                actions.moved(only.getKey(), only.getValue().getX(), only.getValue().getY());
            } else if (!moved.isEmpty()) {
                actions.movedMany(moved);
            }
            e.consume();
        });
        for (PortView p : v.ports()) {
            if (!p.output()) {
                inputs.add(p);
                continue;
            }
            p.setOnContextMenuRequested(e -> {
                showMonitorMenu(p, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            p.setOnMousePressed(e -> {
                if (e.isSecondaryButtonDown()) { // on press too: not every platform sends a context-menu request
                    showMonitorMenu(p, e.getScreenX(), e.getScreenY());
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
                if (!dragWire.isVisible()) return;
                Point2D at = content.sceneToLocal(e.getSceneX(), e.getSceneY());
                dragWire.setEndX(at.getX());
                dragWire.setEndY(at.getY());
                e.consume();
            });
            p.setOnMouseReleased(e -> endWire(p, e));
        }
    }

    /**
     * Right-click on an output: "Monitor: oscilloscope / spectrum / level" (ids monitor-menu-scope etc.). Made
     * when asked for, not per port on every redraw (a popup window each is costly, and most are never opened).
     */
    private void showMonitorMenu(PortView p, double screenX, double screenY) {
        if (portMenu != null && portMenu.isShowing()) return;
        portMenu = monitorMenu(p);
        portMenu.show(p, screenX, screenY);
    }

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

    /**
     * A first look by kind (the compiler has the last word when the wire is dropped). Any spectrum fits any spectrum
     * input: a spectral node takes its framing from what is connected to it.
     */
    private static boolean compatible(PortView from, PortView to) {
        return from.spec().kind() == to.spec().kind();
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
        return content.sceneToLocal((b.getMinX() + b.getMaxX()) / 2, (b.getMinY() + b.getMaxY()) / 2);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        // bottom-right corner, inside the clip
        minimap.relocate(Math.max(0, getWidth() - Minimap.W - 10), Math.max(0, getHeight() - Minimap.H - 10));
        drawWires();
        drawMinimap();
    }

    /**
     * Rebuilds the wires, but only when a wire end moved: a layout pass that changed nothing (a load label
     * updating twice a second) must not repaint the whole canvas, which costs frames in the software renderer.
     */
    private void drawWires() {
        if (spec == null) {
            wires.getChildren().clear();
            return;
        }
        List<Double> ends = wireEnds();
        if (ends.equals(lastEnds)) return;
        lastEnds = ends;
        wires.getChildren().clear();
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
            Point2D q = content.sceneToLocal((nb.getMinX() + nb.getMaxX()) / 2, nb.getMaxY());
            Line w = new Line(p.getX(), p.getY(), q.getX(), q.getY());
            w.setStroke(Color.web("#3aa357"));
            w.getStrokeDashArray().setAll(4.0, 4.0);
            wires.getChildren().add(w);
        }
    }

    private List<Double> wireEnds() {
        List<Double> ends = new ArrayList<>();
        ends.add((double) spec.hashCode());
        for (NodeView v : views.values()) {
            ends.add(v.getLayoutX());
            ends.add(v.getLayoutY());
            ends.add(v.getWidth());
            ends.add(v.getHeight());
        }
        return ends;
    }

    private PortView port(String node, String name, boolean output) {
        NodeView v = views.get(node);
        if (v == null) return null;
        for (PortView p : v.ports()) if (p.output() == output && p.endpoint().port().equals(name)) return p;
        return null;
    }
}
