package dev.conch.editor.automation;

import dev.conch.editor.document.NodeFacts;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ParamType;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.MenuItem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A node's right-click menu on the canvas offers "Automation lane: frequency" for each param that can be automated. */
public final class LaneMenus {
    private LaneMenus() {
    }

    /** "Automation lane: frequency" for each param of {@code node} a timeline can drive (greyed when modulated). */
    public static List<MenuItem> items(NodeSpec node, NetworkSpec spec, ProcessorRegistry registry, Consumer<String> open) {
        List<MenuItem> items = new ArrayList<>();
        for (ParamSpec p : NodeFacts.of(node, registry, spec.origin()).params()) {
            if (!automatable(p)) continue;
            boolean modulated = spec.controls().stream().anyMatch(c -> c.to().equals(new Endpoint(node.id(), p.name())));
            // a modulated param is listed, greyed, so the menu says why it has no lane
            MenuItem item = new MenuItem("Automation lane: " + p.name() + (modulated ? " (modulated: remove the modulation first)" : ""));
            item.setId("node-lane-" + node.id() + "-" + p.name());
            item.setDisable(modulated);
            item.setOnAction(e -> open.accept(p.name()));
            items.add(item);
        }
        return items;
    }

    /** The inspector's item for a param's right-click menu: "Show automation lane", for a param that can have one. */
    public static java.util.List<MenuItem> forParam(String node, ParamSpec p, Consumer<String> open) {
        if (!automatable(p)) return java.util.List.of();
        MenuItem lane = new MenuItem("Show automation lane");
        lane.setId("lane-open-" + node + "-" + p.name());
        lane.setOnAction(e -> open.accept(p.name()));
        return java.util.List.of(lane);
    }

    /** A param a timeline can drive: a number that changes live. */
    public static boolean automatable(ParamSpec p) {
        return p.live() && (p.type() == ParamType.NUMBER || p.type() == ParamType.INTEGER);
    }
}
