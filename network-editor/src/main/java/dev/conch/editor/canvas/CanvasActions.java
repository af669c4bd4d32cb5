package dev.conch.editor.canvas;

import dev.conch.editor.document.Wire;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;

/** What the canvas asks of the editor; the editor turns each into a document edit (or a refusal in the status bar). */
public interface CanvasActions {
    void connect(Endpoint from, Endpoint to);

    void moved(String node, double x, double y);

    void selected(String node);

    /** {@code node} is inspected; with {@code keepGroup} the rest of the selection stays selected. */
    default void selected(String node, boolean keepGroup) {
        selected(node);
    }

    /** A rubber band or Shift+click chose these nodes. */
    void selectedMany(java.util.Set<String> nodes);

    /** Several selected nodes were dragged together: one undo step. */
    void movedMany(java.util.Map<String, javafx.geometry.Point2D> positions);

    /** A node of {@code type} dropped (or quick-added) at x, y in network coordinates. */
    default void add(String type, double x, double y) {
    }

    /** Open a monitor of this kind on an output port. */
    void monitor(Endpoint port, MonitorKind kind);

    /** A wire clicked. */
    default void wireSelected(Wire wire) {
    }

    /** A wire's input end dropped on another input ({@code to}), or on nothing (null: disconnect it). */
    default void wireEndMoved(Wire wire, Endpoint to) {
    }

    /** A control output dropped on a node's param. */
    default void modulate(Endpoint from, Endpoint param) {
    }

    /** A modulation's mode chosen from its menu. */
    default void controlMode(Endpoint param, ControlMode mode) {
    }

    /** A wire's menu: Remove. */
    default void removeWire(Wire wire) {
    }

    /** A node's title double-clicked (a sub-network opens in a tab). */
    default void opened(String node) {
    }

    /** The items of a node's right-click menu (its sub-network's actions, its params' automation lanes); none: no menu. */
    default java.util.List<javafx.scene.control.MenuItem> nodeMenu(String node) {
        return java.util.List.of();
    }
}
