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
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rubber band, duplicate, copy/paste, delete with undo, wheel zoom (its direction and the point it zooms around) and
 * fit-to-view, driven by mouse and keys.
 */
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
        robot.interact(() -> window.canvas().resetView()); // the positions below are at 100 %, unpanned
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
        double before = canvas.zoom();
        Bounds osc = canvas.boundsOnCanvas("osc"), out = canvas.boundsOnCanvas("out");
        Point2D pointer = new Point2D(500, 300);
        // the wheel as a real platform reports it: +40 per notch away from the user (up). Monocle's headless robot
        // reports a notch as -1, so robot.scroll cannot tell the direction or the step
        for (int notch = 0; notch < 3; notch++) wheel(robot, canvas, pointer, 40);
        double zoomed = canvas.zoom();
        assertEquals(before * 1.331, zoomed, 1e-6, "three notches up zoom in, by 1.1 each");
        // around the pointer: the pointer's point stays put, and every node box moves away from it by the factor,
        // read from the scene graph (the nodes' own transforms), not from the canvas's mapping
        double k = zoomed / before;
        for (String id : new String[] {"osc", "out"}) {
            Bounds was = id.equals("osc") ? osc : out, now = canvas.boundsOnCanvas(id);
            assertEquals(pointer.getX() + k * (was.getMinX() - pointer.getX()), now.getMinX(), 0.5, id + " left edge");
            assertEquals(pointer.getY() + k * (was.getMinY() - pointer.getY()), now.getMinY(), 0.5, id + " top edge");
            assertEquals(k * was.getWidth(), now.getWidth(), 0.5, id + " width");
        }
        for (int notch = 0; notch < 3; notch++) wheel(robot, canvas, pointer, -40);
        assertEquals(before, canvas.zoom(), 1e-6, "as many notches down zoom back out");
        assertEquals(osc.getMinX(), canvas.boundsOnCanvas("osc").getMinX(), 0.5, "around the same point");
        assertEquals(osc.getMinY(), canvas.boundsOnCanvas("osc").getMinY(), 0.5, "around the same point");
        robot.moveTo(screen(canvas, 500, 300)).scroll(3, javafx.geometry.VerticalDirection.UP);
        assertNotEquals(before, canvas.zoom(), 1e-9, "the robot's wheel zooms too");
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

    /** One wheel event of {@code deltaY} at a canvas point, delivered as the platform would. */
    private static void wheel(FxRobot robot, NetworkCanvas canvas, Point2D at, double deltaY) {
        Point2D scene = canvas.localToScene(at);
        Point2D screen = canvas.localToScreen(at);
        robot.interact(() -> javafx.event.Event.fireEvent(canvas, new ScrollEvent(ScrollEvent.SCROLL, scene.getX(),
                scene.getY(), screen.getX(), screen.getY(), false, false, false, false, false, false, 0, deltaY, 0,
                deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                null)));
    }

    private static Point2D screen(NetworkCanvas canvas, double x, double y) {
        return canvas.localToScreen(x, y);
    }
}
