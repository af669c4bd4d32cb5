package dev.conch.editor.canvas;

import dev.conch.editor.document.NodeFacts;
import dev.conch.editor.document.Wire;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.PortKind;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.effect.DropShadow;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;
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
    private static final double MIN_ZOOM = 0.2, MAX_ZOOM = 3, FIT_MARGIN = 30, MINIMAP_GAP = 10;
    /** A feedback wire's loop: how far below the lower box its control points sit, and how far out sideways. */
    private static final double BACKWARD_DROP = 60, BACKWARD_REACH = 80;
    private static final double PORT_RADIUS = 6, ARROW_LENGTH = 9, ARROW_HALF_WIDTH = 4.5;
    private final ProcessorRegistry registry;
    private final CanvasActions actions;
    /** The node menu open last, so a press and the request of one click show it once. */
    private ContextMenu nodeMenu;
    /** Everything drawn in network coordinates: panned and zoomed as one by {@link #pan} and {@link #zoom}. */
    private final Pane content = new Pane();
    private final Group wires = new Group();
    private final Pane nodes = new Pane();
    private final Line dragWire = new Line();
    private final Rectangle band = new Rectangle();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    /** Rows of modulation labels under a node several modulations drive. */
    private static final double LABEL_ROW = 18;
    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private final List<PortView> inputs = new ArrayList<>();
    /** The view-model's selection: drawn here, changed only through {@link CanvasActions}. */
    private final ObservableSet<String> selection;
    /** The view-model's selected wire: drawn here, changed only through {@link CanvasActions}. */
    private final ObservableValue<Wire> selectedWire;
    /** The visible stroke of each wire drawn, to restyle on hover and selection without rebuilding. */
    private final Map<Wire, Shape> wireShapes = new LinkedHashMap<>();
    /** What takes the mouse for each wire (its wide transparent stroke, a modulation's label): hovered or not. */
    private final Map<Wire, List<Node>> wireHandles = new LinkedHashMap<>();
    /** The wire whose input end is being dragged away, or null while a new wire is drawn. */
    private Wire draggedEnd;
    private final Map<String, Point2D> dragStarts = new LinkedHashMap<>();
    private NetworkSpec spec;
    private List<Double> lastEnds = List.of();
    private ContextMenu portMenu;
    private double pressX, pressY, panX, panY;
    private boolean banding, panning;
    /** A network just opened: fitted into view at the next layout, once the boxes have their sizes. */
    private boolean fitPending;
    private Point2D pointer = new Point2D(60, 60);
    private final Minimap minimap = new Minimap(this::centreOn);

    public NetworkCanvas(ProcessorRegistry registry, CanvasActions actions, ObservableSet<String> selection,
                         ObservableValue<Wire> selectedWire) {
        this.registry = registry;
        this.actions = actions;
        this.selection = selection;
        this.selectedWire = selectedWire;
        selection.addListener((InvalidationListener) o -> paintSelection());
        selectedWire.addListener((InvalidationListener) o -> paintWires());
        setId("canvas");
        setStyle("-fx-background-color: #e9ebe4;");
        nodes.setPickOnBounds(false);
        content.setPickOnBounds(false);
        content.getTransforms().addAll(pan, zoom);
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

    /** What a right-click on the background offers at a point of the network (Add comment here). */
    private java.util.function.Function<Point2D, java.util.List<javafx.scene.control.MenuItem>> backgroundMenu;

    public void setBackgroundMenu(java.util.function.Function<Point2D, java.util.List<javafx.scene.control.MenuItem>> items) {
        this.backgroundMenu = items;
    }

    /** A layer drawn behind the wires in the network's coordinates (the comments), panned and zoomed with them. */
    public void addLayer(javafx.scene.Node layer) {
        content.getChildren().add(0, layer);
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

    /** Shows another network (not an edit of this one), fitted into view once laid out. */
    public void open(NetworkSpec next) {
        show(next);
        fitPending = true;
        requestLayout();
    }

    /** Rings a port (input or output) a picked problem is about; false when the node has no such port. */
    public boolean markPort(Endpoint port) {
        PortView p = port(port.node(), port.port(), false);
        if (p == null) p = port(port.node(), port.port(), true);
        if (p == null) return false;
        p.mark();
        return true;
    }

    /** Whether a port is ringed (tests). */
    public boolean portMarked(Endpoint port, boolean output) {
        PortView p = port(port.node(), port.port(), output);
        return p != null && p.marked();
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

    /** 100 %, the network's origin at the canvas's top-left corner (a fit still pending is dropped). */
    public void resetView() {
        fitPending = false;
        setView(1, 0, 0);
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
        placeMinimap();
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
        if (panning && backgroundMenu != null && e.getButton() == javafx.scene.input.MouseButton.SECONDARY
                && Math.hypot(e.getX() - pressX, e.getY() - pressY) < 4) { // a right-click, not a pan
            java.util.List<javafx.scene.control.MenuItem> items = backgroundMenu.apply(toNetwork(e.getX(), e.getY()));
            if (!items.isEmpty()) new ContextMenu(items.toArray(javafx.scene.control.MenuItem[]::new)).show(this, e.getScreenX(), e.getScreenY());
        }
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
            requestFocus(); // out of a text field: F2, Delete and Ctrl+C act on the node clicked
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
        v.title().addEventHandler(MouseEvent.MOUSE_PRESSED, e -> { // on press: not every platform sends a menu request
            if (e.isSecondaryButtonDown()) showNodeMenu(v, e.getScreenX(), e.getScreenY());
        });
        v.title().setOnMouseDragged(e -> {
            double s = zoom.getX();
            dragStarts.forEach((id, at) -> views.get(id).relocate(Math.max(0, at.getX() + (e.getSceneX() - pressX) / s),
                    Math.max(0, at.getY() + (e.getSceneY() - pressY) / s)));
            drawWires();
            placeMinimap();
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
        v.title().setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.getClickCount() == 2) actions.opened(v.nodeId());
        });
        v.title().setOnContextMenuRequested(e -> {
            showNodeMenu(v, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        for (PortView p : v.ports()) {
            if (!p.output()) {
                inputs.add(p);
                p.setOnMousePressed(e -> {
                    if (e.isPrimaryButtonDown()) startMovingEnd(p, e);
                });
                p.setOnMouseDragged(this::dragWireTo);
                p.setOnMouseReleased(e -> endMovingEnd(e));
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
            p.setOnMouseDragged(this::dragWireTo);
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

    private void dragWireTo(MouseEvent e) {
        if (!dragWire.isVisible()) return;
        Point2D at = content.sceneToLocal(e.getSceneX(), e.getSceneY());
        dragWire.setEndX(at.getX());
        dragWire.setEndY(at.getY());
        e.consume();
    }

    /** A press on an input that a wire feeds picks up that wire's end (drop it elsewhere to move or remove it). */
    /** The node's menu, once per click (a press and a context-menu request may both come). */
    private void showNodeMenu(NodeView v, double screenX, double screenY) {
        if (nodeMenu != null && nodeMenu.isShowing()) return;
        List<MenuItem> items = actions.nodeMenu(v.nodeId());
        if (items.isEmpty()) return;
        nodeMenu = new ContextMenu(items.toArray(MenuItem[]::new));
        nodeMenu.setId("node-menu-" + v.nodeId());
        nodeMenu.show(v, screenX, screenY);
    }

    private void startMovingEnd(PortView input, MouseEvent e) {
        Wire fed = spec.connections().stream().filter(c -> c.to().equals(input.endpoint())).findFirst()
                .map(Wire::of).orElse(null);
        PortView from = fed == null ? null : port(fed.from().node(), fed.from().port(), true);
        if (from == null) return;
        startWire(from, e);
        Point2D at = content.sceneToLocal(e.getSceneX(), e.getSceneY());
        dragWire.setEndX(at.getX());
        dragWire.setEndY(at.getY());
        draggedEnd = fed;
        actions.wireSelected(fed);
    }

    private void endMovingEnd(MouseEvent e) {
        Wire moving = draggedEnd;
        draggedEnd = null;
        if (moving == null || !dragWire.isVisible()) return;
        stopDragging();
        PortView target = inputAt(e.getSceneX(), e.getSceneY());
        actions.wireEndMoved(moving, target == null ? null : target.endpoint());
        e.consume();
    }

    private void stopDragging() {
        dragWire.setVisible(false);
        for (PortView in : inputs) in.hint(null);
        for (NodeView v : views.values()) v.showParamTargets(false);
    }

    private void startWire(PortView from, MouseEvent e) {
        requestFocus(); // Delete and friends act on the canvas, not on a text field focused before
        Point2D a = centre(from);
        dragWire.setStartX(a.getX());
        dragWire.setStartY(a.getY());
        dragWire.setEndX(a.getX());
        dragWire.setEndY(a.getY());
        dragWire.setStroke(PortColors.of(from.spec().kind()));
        dragWire.setVisible(true);
        for (PortView in : inputs) in.hint(compatible(from, in));
        if (from.spec().kind() == PortKind.CONTROL) { // a control output may also modulate any live param
            for (NodeView v : views.values()) if (!v.nodeId().equals(from.endpoint().node())) v.showParamTargets(true);
        }
        e.consume();
    }

    private void endWire(PortView from, MouseEvent e) {
        if (!dragWire.isVisible()) return; // not a wire: a right-click or an Alt+click
        PortView target = inputAt(e.getSceneX(), e.getSceneY());
        Endpoint param = target == null ? paramAt(e.getSceneX(), e.getSceneY()) : null;
        stopDragging();
        if (target != null) actions.connect(from.endpoint(), target.endpoint());
        else if (param != null && from.spec().kind() == PortKind.CONTROL) actions.modulate(from.endpoint(), param);
        e.consume();
    }

    /** The param target under a scene point while a control wire is dragged. */
    private Endpoint paramAt(double sceneX, double sceneY) {
        for (NodeView v : views.values()) {
            for (Label t : v.paramTargets()) {
                if (!t.getParent().isVisible()) continue;
                Bounds b = t.localToScene(t.getBoundsInLocal());
                if (b.getWidth() > 0 && b.contains(sceneX, sceneY)) return new Endpoint(v.nodeId(), (String) t.getUserData());
            }
        }
        return null;
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
        // the boxes first: this runs before the pass reaches them, and boxes made by show() have no size yet, so
        // their ports would all sit at their corners (every wire collapsed onto one line after an inspector edit)
        content.layout();
        if (fitPending && getWidth() > 0) {
            fitPending = false;
            fitToView();
        }
        drawWires();
        drawMinimap();
    }

    /**
     * The minimap goes to the first corner (bottom-right, bottom-left, top-right, top-left) where it covers no
     * node, and is hidden when every corner has one: it must never hide what is being edited.
     */
    private void placeMinimap() {
        double right = Math.max(0, getWidth() - Minimap.W - MINIMAP_GAP), bottom = Math.max(0, getHeight() - Minimap.H - MINIMAP_GAP);
        double[][] corners = {{right, bottom}, {MINIMAP_GAP, bottom}, {right, MINIMAP_GAP}, {MINIMAP_GAP, MINIMAP_GAP}};
        List<Bounds> boxes = new ArrayList<>();
        for (NodeView v : views.values()) boxes.add(sceneToLocal(v.localToScene(v.getBoundsInLocal())));
        for (double[] c : corners) {
            Bounds area = new BoundingBox(c[0], c[1], Minimap.W, Minimap.H);
            if (boxes.stream().noneMatch(area::intersects)) {
                minimap.relocate(c[0], c[1]);
                minimap.setVisible(true);
                return;
            }
        }
        minimap.setVisible(false);
    }

    /**
     * Rebuilds the wires, but only when a wire end moved: a layout pass that changed nothing (a load label
     * updating twice a second) must not repaint the whole canvas, which costs frames in the software renderer.
     * Each wire is its visible stroke over a wider transparent one that takes the mouse (a 2 px line is hard to hit).
     */
    private void drawWires() {
        if (spec == null) {
            wires.getChildren().clear();
            wireShapes.clear();
            wireHandles.clear();
            return;
        }
        List<Double> ends = wireEnds();
        if (ends.equals(lastEnds)) return;
        lastEnds = ends;
        wires.getChildren().clear();
        wireShapes.clear();
        wireHandles.clear();
        for (Connection c : spec.connections()) {
            PortView a = port(c.from().node(), c.from().port(), true);
            PortView b = port(c.to().node(), c.to().port(), false);
            if (a == null || b == null) continue;
            Point2D p = centre(a), q = centre(b);
            CubicCurve w = q.getX() >= p.getX() ? forward(p, q) : backward(p, q, c);
            w.setStroke(PortColors.of(a.spec().kind()));
            addWire(Wire.of(c), w, arrow(w));
        }
        // several modulations of one node: their ends spread along its bottom edge and their labels stacked in
        // rows under it, each beside its own line's end, so none hides another
        Map<String, List<ControlConnection>> byTarget = new LinkedHashMap<>();
        for (ControlConnection c : spec.controls()) byTarget.computeIfAbsent(c.to().node(), k -> new ArrayList<>()).add(c);
        for (ControlConnection c : spec.controls()) {
            PortView a = port(c.from().node(), c.from().port(), true);
            NodeView b = views.get(c.to().node());
            if (a == null || b == null) continue;
            List<ControlConnection> siblings = byTarget.get(c.to().node());
            int i = siblings.indexOf(c), n = siblings.size();
            Point2D p = centre(a);
            Bounds nb = content.sceneToLocal(b.localToScene(b.getBoundsInLocal()));
            Point2D q = new Point2D(nb.getMinX() + nb.getWidth() * (i + 1) / (n + 1), nb.getMaxY());
            Line w = new Line(p.getX(), p.getY(), q.getX(), q.getY());
            w.setStroke(Color.web("#3aa357"));
            w.getStrokeDashArray().setAll(4.0, 4.0);
            // what it drives and how: "frequency (add)" reads as the file's control element does; one alone sits
            // halfway along its line, as before
            Text label = n == 1 ? new Text((p.getX() + q.getX()) / 2 + 4, (p.getY() + q.getY()) / 2 - 4, controlLabel(c))
                    : new Text(q.getX() + 4, q.getY() + LABEL_ROW * (i + 1), controlLabel(c));
            label.setId("control-label-" + c.to().node() + "-" + c.to().port()); // no dot: CSS reads one as a class
            label.setFill(Color.web("#2b7a41"));
            addWire(Wire.of(c), w, label);
        }
        paintWires();
    }

    /** Left to right: out of the output rightwards, into the input from the left. */
    private static CubicCurve forward(Point2D p, Point2D q) {
        double bend = Math.max(40, (q.getX() - p.getX()) / 2);
        return new CubicCurve(p.getX(), p.getY(), p.getX() + bend, p.getY(), q.getX() - bend, q.getY(), q.getX(), q.getY());
    }

    /**
     * A feedback wire (its input left of its output): it still leaves rightwards and enters from the left, and loops
     * under both boxes instead of running back through them.
     */
    private CubicCurve backward(Point2D p, Point2D q, Connection c) {
        double bottom = Math.max(p.getY(), q.getY());
        for (String id : List.of(c.from().node(), c.to().node())) {
            NodeView v = views.get(id);
            Bounds nb = content.sceneToLocal(v.localToScene(v.getBoundsInLocal()));
            bottom = Math.max(bottom, nb.getMaxY());
        }
        double under = bottom + BACKWARD_DROP;
        return new CubicCurve(p.getX(), p.getY(), p.getX() + BACKWARD_REACH, under, q.getX() - BACKWARD_REACH, under,
                q.getX(), q.getY());
    }

    /** An arrowhead on a wire's input end, along the curve's last tangent: which way the signal goes, even backwards. */
    private static Shape arrow(CubicCurve w) {
        double dx = w.getEndX() - w.getControlX2(), dy = w.getEndY() - w.getControlY2(), len = Math.hypot(dx, dy);
        double ux = dx / len, uy = dy / len;
        double tipX = w.getEndX() - ux * PORT_RADIUS, tipY = w.getEndY() - uy * PORT_RADIUS;
        double baseX = tipX - ux * ARROW_LENGTH, baseY = tipY - uy * ARROW_LENGTH;
        javafx.scene.shape.Polygon head = new javafx.scene.shape.Polygon(tipX, tipY,
                baseX - uy * ARROW_HALF_WIDTH, baseY + ux * ARROW_HALF_WIDTH, baseX + uy * ARROW_HALF_WIDTH, baseY - ux * ARROW_HALF_WIDTH);
        head.setFill(w.getStroke());
        return head;
    }

    /** "frequency (add)": the param a modulation drives and its mode. */
    static String controlLabel(ControlConnection c) {
        return c.to().port() + " (" + c.mode().word() + ")";
    }

    /** {@code extra}: a modulation's label (it takes the mouse too) or a wire's arrowhead (it does not). */
    private void addWire(Wire wire, Shape visible, Node extra) {
        visible.setFill(null);
        visible.setMouseTransparent(true);
        Shape hit = copyOutline(visible);
        hit.setId("wire-" + wire.from().node() + "-" + wire.from().port() + "-" + wire.to().node() + "-" + wire.to().port());
        hit.setUserData(wire);
        hit.setFill(null);
        hit.setStroke(Color.TRANSPARENT);
        hit.setStrokeWidth(12);
        wires.getChildren().addAll(visible, hit);
        List<Node> handles = new ArrayList<>(List.of(hit));
        if (extra instanceof Text label) {
            wires.getChildren().add(label);
            handles.add(label);
        } else if (extra != null) {
            extra.setId("arrow-" + hit.getId().substring("wire-".length()));
            extra.setMouseTransparent(true);
            wires.getChildren().add(extra);
        }
        for (Node h : handles) {
            // the hover state of the handles drawn now, not entered/exited pairs: a redraw replaces the handles
            h.hoverProperty().addListener((InvalidationListener) o -> paintWires());
            h.setOnMousePressed(e -> {
                requestFocus();
                actions.wireSelected(wire);
                if (e.isSecondaryButtonDown()) showWireMenu(wire, h, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            h.setOnContextMenuRequested(e -> {
                showWireMenu(wire, h, e.getScreenX(), e.getScreenY());
                e.consume();
            });
        }
        wireShapes.put(wire, visible);
        wireHandles.put(wire, handles);
    }

    private static Shape copyOutline(Shape s) {
        if (s instanceof CubicCurve c) {
            return new CubicCurve(c.getStartX(), c.getStartY(), c.getControlX1(), c.getControlY1(), c.getControlX2(),
                    c.getControlY2(), c.getEndX(), c.getEndY());
        }
        Line l = (Line) s;
        return new Line(l.getStartX(), l.getStartY(), l.getEndX(), l.getEndY());
    }

    /** The selected wire thick with a glow, the hovered one thicker, the rest as drawn. */
    private void paintWires() {
        Wire chosen = selectedWire.getValue();
        wireShapes.forEach((w, shape) -> {
            boolean selected = w.equals(chosen);
            boolean hovered = wireHandles.getOrDefault(w, List.of()).stream().anyMatch(Node::isHover);
            shape.setStrokeWidth(selected ? 4 : hovered ? 3.5 : 2);
            shape.setEffect(selected ? new DropShadow(6, Color.web("#e0a100")) : null);
        });
    }

    /** The selected wire (tests read its look): its stroke width, 2 when plain. */
    public double wireWidth(Wire wire) {
        Shape s = wireShapes.get(wire);
        return s == null ? 0 : s.getStrokeWidth();
    }

    /** Each wire's drawn ends (start x, y, end x, y) in network coordinates: for redraw tests. */
    public Map<Wire, double[]> wireEndsDrawn() {
        Map<Wire, double[]> m = new LinkedHashMap<>();
        wireShapes.forEach((w, s) -> m.put(w, s instanceof CubicCurve c
                ? new double[] {c.getStartX(), c.getStartY(), c.getEndX(), c.getEndY()}
                : new double[] {((Line) s).getStartX(), ((Line) s).getStartY(), ((Line) s).getEndX(), ((Line) s).getEndY()}));
        return m;
    }

    /** A port's centre in network coordinates, as the canvas lays it out now. */
    public Point2D portCentre(Endpoint port, boolean output) {
        PortView p = port(port.node(), port.port(), output);
        return p == null ? null : centre(p);
    }

    /** Right-click on a wire: a modulation's modes (ids wire-menu-replace etc.), and Remove for any wire. */
    private void showWireMenu(Wire wire, Node owner, double screenX, double screenY) {
        if (portMenu != null && portMenu.isShowing()) return;
        ContextMenu menu = new ContextMenu();
        if (wire.control()) {
            for (ControlMode m : ControlMode.values()) {
                MenuItem item = new MenuItem("Mode: " + m.word());
                item.setId("wire-menu-" + m.word());
                item.setOnAction(e -> actions.controlMode(wire.to(), m));
                menu.getItems().add(item);
            }
            menu.getItems().add(new SeparatorMenuItem());
        }
        MenuItem remove = new MenuItem(wire.control() ? "Remove modulation" : "Remove wire");
        remove.setId("wire-menu-remove");
        remove.setOnAction(e -> actions.removeWire(wire));
        menu.getItems().add(remove);
        portMenu = menu;
        menu.show(owner, screenX, screenY);
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
