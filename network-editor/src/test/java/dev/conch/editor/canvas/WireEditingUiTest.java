package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.Wire;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 1, with the mouse and keys on glass-drone: a wire is highlighted under the pointer, selected by a
 * click and removed by Delete; an input end dragged away disconnects, dragged onto another input moves; a wire
 * dropped on a fed input replaces the wire it had. Each is exactly one undo step. Where to point is read from the
 * port dots in the scene graph, not from the canvas's own wire geometry.
 */
@ExtendWith(ApplicationExtension.class)
class WireEditingUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void hoverClickDeleteUndo(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        Wire wire = new Wire(new Endpoint("shape", "out"), new Endpoint("filter", "in"), false);
        // shape (x 240) and filter (x 440) share a row: the wire's middle is the middle of its two dots, between boxes
        Point2D middle = midway(robot, "#port-out-shape-out", "#port-in-filter-in");
        
        robot.moveTo(middle.add(0, -40)).moveTo(middle);
        assertTrue(window.canvas().wireWidth(wire) > 2, "the wire under the pointer is highlighted");
        robot.moveTo(middle.add(0, -40));
        assertEquals(2, window.canvas().wireWidth(wire), "and plain again once the pointer left it");

        robot.moveTo(middle).clickOn(MouseButton.PRIMARY);
        assertEquals(wire, window.viewModel().selectedWire(), window.status());
        assertEquals(4, window.canvas().wireWidth(wire), "the selected wire is drawn thick");
        assertTrue(window.canvas().selection().isEmpty(), "selecting a wire leaves no node selected");

        robot.push(KeyCode.DELETE);
        assertFalse(window.document().spec().connections().contains(new Connection("shape.out", "filter.in")),
                window.status());
        assertEquals(original.nodes(), window.document().spec().nodes(), "Delete removed the wire, not a node");
        assertNull(window.viewModel().selectedWire());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo brings it back");
    }

    @Test
    void anInputEndDraggedAwayDisconnectsAndOntoAnotherInputMoves(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        // drag gain.in's end (fed by filter.out) up into the empty canvas above the boxes
        Point2D gainIn = centre(robot, "#port-in-gain-in");
        robot.moveTo(gainIn).press(MouseButton.PRIMARY).moveBy(0, -40).moveBy(0, -60).release(MouseButton.PRIMARY);
        assertFalse(window.document().spec().connections().contains(new Connection("filter.out", "gain.in")),
                window.status());
        assertEquals(original.connections().size() - 1, window.document().spec().connections().size());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo reconnects it");

        robot.interact(() -> window.viewModel().addNode("Delay", 640, 300));
        NetworkSpec withDelay = window.document().spec();
        robot.moveTo(centre(robot, "#port-in-gain-in")).press(MouseButton.PRIMARY).moveBy(20, 40)
                .moveTo(centre(robot, "#port-in-delay-in")).release(MouseButton.PRIMARY);
        List<Connection> now = window.document().spec().connections();
        assertTrue(now.contains(new Connection("filter.out", "delay.in")), window.status());
        assertFalse(now.contains(new Connection("filter.out", "gain.in")), "moved, not copied");
        assertEquals(withDelay.connections().size(), now.size());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(withDelay, window.document().spec(), "one undo moves it back");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertFalse(window.document().dirty(), "left clean: no autosave offered to the next test");
    }

    @Test
    void aWireDroppedOnAFedInputReplacesItsWire(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        robot.drag("#port-out-osc-out").dropTo("#port-in-filter-in");
        List<Connection> now = window.document().spec().connections();
        assertTrue(now.contains(new Connection("osc.out", "filter.in")), window.status());
        assertFalse(now.contains(new Connection("shape.out", "filter.in")), "the wire it had is gone");
        assertEquals(original.connections().size(), now.size());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo restores the old wire");
    }

    private static Point2D centre(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private static Point2D midway(FxRobot robot, String a, String b) {
        return centre(robot, a).midpoint(centre(robot, b));
    }
}
