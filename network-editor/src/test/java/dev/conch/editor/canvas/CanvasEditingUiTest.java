package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Rubber band, duplicate, copy/paste, delete with undo, wheel zoom and fit-to-view, driven by mouse and keys. */
@ExtendWith(ApplicationExtension.class)
class CanvasEditingUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void bandSelectDuplicatePasteDeleteUndo(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        NetworkCanvas canvas = window.canvas();
        // a band from above-left of osc (40,120) to below shape's box (240,120), above lfo (240,260)
        robot.moveTo(screen(canvas, 20, 100)).press(MouseButton.PRIMARY).moveTo(screen(canvas, 300, 180))
                .moveTo(screen(canvas, 400, 235)).release(MouseButton.PRIMARY);
        assertEquals(Set.of("osc", "shape"), canvas.selection(), window.status());

        // dragging one title of the selection moves both: one undo step
        Point2D title = robot.lookup("#title-osc").query().localToScreen(10, 8);
        robot.moveTo(title).press(MouseButton.PRIMARY).moveBy(30, 10).moveBy(30, 10).release(MouseButton.PRIMARY);
        var osc = window.document().spec().node("osc").orElseThrow();
        var shape = window.document().spec().node("shape").orElseThrow();
        assertEquals(100, osc.x(), 1, "osc moved by the drag: " + window.status());
        assertEquals(300, shape.x(), 1, "shape moved with it");
        assertEquals(140, shape.y(), 1);
        assertEquals(Set.of("osc", "shape"), canvas.selection(), "still both selected");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo puts both back");

        robot.push(KeyCode.CONTROL, KeyCode.D);
        NetworkSpec dup = window.document().spec();
        assertTrue(dup.node("osc2").isPresent() && dup.node("shape2").isPresent(), window.status());
        assertTrue(dup.connections().contains(new Connection("osc2.out", "shape2.in")), "the wire among the copies");
        assertEquals(original.connections().size() + 1, dup.connections().size());
        assertEquals(Set.of("osc2", "shape2"), canvas.selection(), "the copies are selected");

        // copy the copies, paste twice: osc3/shape3, osc4/shape4
        robot.push(KeyCode.CONTROL, KeyCode.C).push(KeyCode.CONTROL, KeyCode.V).push(KeyCode.CONTROL, KeyCode.V);
        assertTrue(window.document().spec().node("shape4").isPresent(), window.status());
        assertTrue(window.document().spec().connections().contains(new Connection("osc4.out", "shape4.in")));

        // delete the selection (the last paste) in one step, undo it
        NetworkSpec beforeDelete = window.document().spec();
        robot.push(KeyCode.DELETE);
        assertTrue(window.document().spec().node("osc4").isEmpty() && window.document().spec().node("shape4").isEmpty());
        assertEquals(beforeDelete.nodes().size() - 2, window.document().spec().nodes().size());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(beforeDelete, window.document().spec(), "one undo brings both back with their wire");
        for (int i = 0; i < 3; i++) robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "paste, paste, duplicate undone");
    }

    @Test
    void wheelZoomsAndFitShowsEveryNode(FxRobot robot) {
        NetworkCanvas canvas = window.canvas();
        robot.moveTo(screen(canvas, 500, 300)).scroll(3, javafx.geometry.VerticalDirection.UP);
        double zoomed = canvas.zoom();
        assertNotEquals(1.0, zoomed, 1e-9, "the wheel zooms");
        // pan far away with a secondary-button drag on the background, then fit brings everything back
        robot.moveTo(screen(canvas, 900, 500)).press(MouseButton.SECONDARY).moveTo(screen(canvas, 600, 400))
                .moveTo(screen(canvas, 100, 80)).release(MouseButton.SECONDARY);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        for (var n : window.document().spec().nodes()) {
            Bounds b = canvas.boundsOnCanvas(n.id());
            assertTrue(b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= canvas.getWidth() && b.getMaxY() <= canvas.getHeight(),
                    n.id() + " at " + b + " outside the canvas " + canvas.getWidth() + "x" + canvas.getHeight());
        }
        System.out.printf("zoom after 3 wheel clicks: %.3f; after fit: %.3f%n", zoomed, canvas.zoom());
    }

    private static Point2D screen(NetworkCanvas canvas, double x, double y) {
        return canvas.localToScreen(x, y);
    }
}
