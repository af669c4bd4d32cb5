package dev.conch.editor.automation;

import dev.conch.editor.document.NodeFacts;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The automation lanes under the canvas, one per param asked for (several may be open; each closes with its ×).
 * They follow the document: after every edit each lane redraws from the spec, and a lane whose node went away
 * closes. While the network plays, a cursor runs along every lane at the play position.
 */
public final class LanePanel extends ScrollPane {
    /** About two and a half lanes; more scroll, so the canvas keeps its room. */
    private static final double MAX_HEIGHT = 330;

    private final ProcessorRegistry registry;
    private final AutomationLane.Sink sink;
    private final Consumer<String> say;
    private final VBox lanes = new VBox();
    private final Map<Endpoint, AutomationLane> open = new LinkedHashMap<>();
    private final Timeline follow;
    private NetworkSpec spec;

    /**
     * @param sink     where lanes' edits go (the document)
     * @param say      a sentence for the status line (why a param cannot have a lane)
     * @param position the play position in seconds, NaN when stopped
     */
    public LanePanel(ProcessorRegistry registry, AutomationLane.Sink sink, Consumer<String> say, DoubleSupplier position) {
        this.registry = registry;
        this.sink = sink;
        this.say = say;
        setId("lanes");
        setContent(lanes);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setMaxHeight(MAX_HEIGHT);
        lanes.widthProperty().addListener(o -> open.values().forEach(l -> l.width(lanes.getWidth() - 12)));
        follow = new Timeline(new KeyFrame(Duration.millis(40), e -> {
            double at = position.getAsDouble();
            open.values().forEach(l -> l.cursor(at));
        }));
        follow.setCycleCount(Timeline.INDEFINITE);
        follow.play();
        refreshVisibility();
    }

    /**
     * Opens the lane of {@code param} (or keeps it open) on the network {@code now}; null, with the reason said, when
     * the param cannot be automated: it is fixed once compiled, not a number, or a modulation drives it.
     */
    public AutomationLane open(Endpoint param, NetworkSpec now) {
        spec = now;
        AutomationLane lane = open.get(param);
        if (lane != null) return lane;
        NodeSpec node = now.node(param.node()).orElse(null);
        ParamSpec p = node == null ? null : paramOf(node, param.port()).orElse(null);
        String why = node == null ? "there is no node '" + param.node() + "'"
                : p == null ? param.node() + " has no param '" + param.port() + "'"
                : !p.live() ? param + " is fixed once the network is compiled, so it cannot be automated"
                : !LaneMenus.automatable(p) ? param + " is not a number, so it has no automation lane"
                : now.controls().stream().anyMatch(c -> c.to().equals(param))
                ? param + " is driven by a modulation; remove it (right-click its wire) to automate the param instead"
                : null;
        if (why != null) {
            say.accept("No automation lane: " + why);
            return null;
        }
        lane = new AutomationLane(param, p, sink, () -> close(param));
        lane.width(lanes.getWidth() - 12);
        open.put(param, lane);
        lanes.getChildren().add(lane);
        refresh(lane, node, p);
        refreshVisibility();
        say.accept("Automation lane of " + param + ": double-click to add a point, drag to move, right-click for its segment type");
        return lane;
    }

    public void close(Endpoint param) {
        AutomationLane lane = open.remove(param);
        if (lane == null) return;
        lanes.getChildren().remove(lane);
        refreshVisibility();
    }

    public void closeAll() {
        for (Endpoint p : List.copyOf(open.keySet())) close(p);
    }

    /** After an edit (or undo): every lane shows its param's timeline in {@code now}; lanes of removed nodes close. */
    public void show(NetworkSpec now) {
        spec = now;
        for (Endpoint param : List.copyOf(open.keySet())) {
            NodeSpec node = now.node(param.node()).orElse(null);
            ParamSpec p = node == null ? null : paramOf(node, param.port()).orElse(null);
            if (p == null) close(param);
            else refresh(open.get(param), node, p);
        }
    }

    public Optional<AutomationLane> lane(Endpoint param) {
        return Optional.ofNullable(open.get(param));
    }

    public int count() {
        return open.size();
    }

    /** Whether {@code n} is inside a lane (it has the keyboard: Delete is the lane's). */
    public boolean owns(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) if (p == this) return true;
        return false;
    }

    public void dispose() {
        follow.stop();
    }

    private void refresh(AutomationLane lane, NodeSpec node, ParamSpec p) {
        List<AutomationEvent> events = node.automations().stream().filter(a -> a.param().equals(p.name()))
                .findFirst().map(Automation::events).orElse(List.of());
        ParamValue own = node.params().get(p.name());
        double value;
        try {
            value = own == null ? p.defaultValue() : p.parse(own.text());
        } catch (IllegalArgumentException e) {
            value = p.defaultValue();
        }
        lane.show(events, value, spec.duration());
    }

    private Optional<ParamSpec> paramOf(NodeSpec node, String name) {
        return NodeFacts.of(node, registry, spec.origin()).params().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private void refreshVisibility() {
        setVisible(!open.isEmpty());
        setManaged(!open.isEmpty());
    }
}
