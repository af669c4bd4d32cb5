package dev.conch.editor.automation;

import dev.conch.editor.document.NodeFacts;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;
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

    /** "Automation lane: frequency" for each param of {@code node} a timeline can drive. */
    public static List<MenuItem> items(NodeSpec node, ProcessorRegistry registry, Origin origin, Consumer<String> open) {
        List<MenuItem> items = new ArrayList<>();
        for (ParamSpec p : NodeFacts.of(node, registry, origin).params()) {
            if (!automatable(p)) continue;
            MenuItem item = new MenuItem("Automation lane: " + p.name());
            item.setId("node-lane-" + node.id() + "-" + p.name());
            item.setOnAction(e -> open.accept(p.name()));
            items.add(item);
        }
        return items;
    }

    /** A param a timeline can drive: a number that changes live. */
    public static boolean automatable(ParamSpec p) {
        return p.live() && (p.type() == ParamType.NUMBER || p.type() == ParamType.INTEGER);
    }
}
