package dev.conch.editor.automation;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.AutomationEvent.Kind;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 3 on a copy of glass-drone, with the mouse: a lane opened from the inspector and one from the node's
 * menu, a point added by double-click, dragged, retyped and deleted, each one undo step; then, playing, the cursor
 * runs along the lane and an edit is heard from the play position on (the sound does not start over).
 */
@ExtendWith(ApplicationExtension.class)
class AutomationLaneUiTest {
    static final Endpoint Q = new Endpoint("filter", "q");
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = dev.conch.editor.EditorWindows.onCopyOf("glass-drone.xml", dir, stage);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.scene().getWindow().hide());
    }

    @Test
    void pointsAreAddedMovedRetypedAndDeletedWithTheMouseEachOneUndoStep(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        robot.clickOn("#title-filter");
        robot.rightClickOn("#name-filter-q").clickOn("#lane-open-filter-q");
        AutomationLane lane = window.lanes().lane(Q).orElseThrow(() -> new AssertionError(window.status()));
        assertEquals(30, lane.span(), "the lane spans the network's duration");
        // q's range is linear: the middle of the plot's height is the middle of the range
        assertTrue(lane.events().isEmpty());

        // double-click at 10 s, q 8: a linear ramp to (10 s, 8)
        robot.doubleClickOn(at(robot, lane, 10, 8));
        List<AutomationEvent> one = events(Q);
        assertEquals(1, one.size(), window.status());
        assertEquals(Kind.LINEAR_RAMP, one.get(0).kind());
        assertEquals(10, one.get(0).time(), secondsPerPixel(lane), "where the mouse was, within a pixel");
        assertEquals(8, one.get(0).value(), valuePerPixel(lane, 8));
        assertEquals("add a point to filter.q", window.document().undoLabel());
        // placed to the millisecond and rounded as a slider commits: the file does not read 10.01834862385321
        assertEquals(Math.round(one.get(0).time() * 1000) / 1000.0, one.get(0).time());
        var q = dev.conch.engine.runtime.ProcessorRegistry.load().descriptor("Biquad").param("q");
        assertEquals(q.round(one.get(0).value()), one.get(0).value());

        // drag it to (20 s, 2): one edit on release
        robot.drag(at(robot, lane, one.get(0).time(), one.get(0).value()), MouseButton.PRIMARY)
                .moveTo(at(robot, lane, 20, 2)).release(MouseButton.PRIMARY);
        List<AutomationEvent> moved = events(Q);
        assertEquals(1, moved.size(), window.status());
        assertEquals(20, moved.get(0).time(), secondsPerPixel(lane));
        assertEquals(2, moved.get(0).value(), valuePerPixel(lane, 2));
        assertEquals("move a point of filter.q", window.document().undoLabel());
        assertEquals(Math.round(moved.get(0).time() * 1000) / 1000.0, moved.get(0).time(), "a move too");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(one, events(Q), "the move was one undo step");
        robot.push(KeyCode.CONTROL, KeyCode.Y);
        assertEquals(moved, events(Q));

        // right-click the point: its segment type from the menu
        robot.rightClickOn(at(robot, lane, moved.get(0).time(), moved.get(0).value())).clickOn("#lane-filter-q-menu-set_target");
        AutomationEvent target = events(Q).get(0);
        assertEquals(Kind.SET_TARGET, target.kind(), window.status());
        double t0 = moved.get(0).time();
        assertEquals(t0, target.time(), 1e-12, "retyping keeps the time");
        assertEquals(moved.get(0).value(), target.value(), 1e-12, "and the value");
        assertEquals((30 - t0) / 3.0, target.timeConstant(), 1e-9, "a third of the way to the lane's end");
        robot.rightClickOn(at(robot, lane, t0, target.value())).clickOn("#lane-filter-q-menu-value_curve");
        AutomationEvent curve = events(Q).get(0);
        assertEquals(Kind.VALUE_CURVE, curve.kind(), window.status());
        assertEquals(5, curve.values().size());
        // the curve starts as the target sounded: from q's own value 4 towards the target, sampled from t0 to the end
        double v = target.value();
        for (int k = 0; k < 5; k++) {
            double t = (30 - t0) * k / 4;
            assertEquals(v + (4 - v) * Math.exp(-t / target.timeConstant()), curve.values().get(k), 1e-6, "value " + k);
        }

        // the header's choice retypes the selected point too; Delete removes it
        robot.clickOn(at(robot, lane, t0, curve.values().get(0)));
        robot.interact(() -> robot.lookup("#lane-filter-q-kind").queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue(Kind.SET_VALUE));
        assertEquals(Kind.SET_VALUE, events(Q).get(0).kind(), window.status());
        robot.clickOn(at(robot, lane, events(Q).get(0).time(), events(Q).get(0).value())).push(KeyCode.DELETE);
        assertTrue(automation(Q) == null, "the last point deleted: no timeline left, " + window.status());

        // every gesture was one step: undo all six back to the file
        for (int i = 0; i < 6; i++) robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec());

        // a second lane from the node's own menu; the modulated frequency has none, in a sentence; × closes
        robot.rightClickOn("#title-osc").clickOn("#node-lane-osc-frequency");
        assertEquals(2, window.lanes().count());
        AutomationLane[] none = new AutomationLane[1];
        robot.interact(() -> none[0] = window.automationLane(new Endpoint("filter", "frequency")));
        assertNull(none[0]);
        assertTrue(window.status().contains("driven by a modulation"), window.status());
        robot.clickOn("#lane-filter-q-close");
        assertEquals(1, window.lanes().count());
        assertTrue(window.lanes().lane(new Endpoint("osc", "frequency")).isPresent());
    }

    @Test
    void playingTheCursorRunsAlongAndAnEditIsHeardFromThePlayPosition(FxRobot robot) throws Exception {
        AutomationLane[] lane = new AutomationLane[1];
        robot.interact(() -> lane[0] = window.automationLane(Q));
        assertTrue(Double.isNaN(lane[0].cursorX()), "no cursor while stopped");
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        waitFor(() -> window.transport() != null && position() > 1.0, "1 s played: " + window.status());
        double x1 = cursorX(robot, lane[0]);
        Thread.sleep(400);
        double x2 = cursorX(robot, lane[0]);
        assertTrue(x2 > x1, "the cursor runs along: " + x1 + " then " + x2);

        var before = window.playback() == null ? null : engine();
        double playedBefore = position();
        robot.doubleClickOn(at(robot, lane[0], 25, 12));
        assertEquals(1, events(Q).size(), window.status());
        EditorWindows.settle(window); // the edit's new engine is compiled and caught up off the FX thread
        var after = engine();
        assertNotSame(before, after, "the edit swapped in a network with the timeline");
        assertTrue(after.network().processors().containsKey("filter.q@automation"), after.network().processors().keySet().toString());
        double playedAfter = position();
        assertTrue(playedAfter >= playedBefore, "the new network goes on from the play position (" + playedBefore
                + " s), it does not start over: " + playedAfter + " s");
        Thread.sleep(1500);
        assertTrue(window.playback().playing(), "still playing after the edit: " + window.status() + " / "
                + window.player().failure());
        assertTrue(position() > playedAfter + 1, "and going on: " + position());
        robot.clickOn("#transport-stop");
        EditorWindows.settle(window);
    }

    // ------------------------------------------------------------------ helpers

    private dev.conch.engine.runtime.Engine engine() {
        return window.player().engine();
    }

    private double position() {
        return window.player().position();
    }

    private static double cursorX(FxRobot robot, AutomationLane lane) {
        double[] x = new double[1];
        robot.interact(() -> x[0] = lane.cursorX());
        return x[0];
    }

    private static void waitFor(java.util.function.BooleanSupplier what, String why) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!what.getAsBoolean() && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertTrue(what.getAsBoolean(), why);
    }

    /** The screen point of (seconds, value) on a lane's plot. */
    private static Point2D at(FxRobot robot, AutomationLane lane, double seconds, double value) {
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = lane.plot().localToScreen(lane.x(seconds), lane.y(value)));
        return p[0];
    }

    private static double secondsPerPixel(AutomationLane lane) {
        return lane.span() / (lane.x(lane.span()) - lane.x(0)) * 1.01;
    }

    /** The value step of one pixel near {@code value}, on the lane's scale. */
    private static double valuePerPixel(AutomationLane lane, double value) {
        double y = lane.y(value);
        return Math.abs(lane.valueAt(y - 1) - lane.valueAt(y + 1)) * 1.01;
    }

    private Automation automation(Endpoint p) {
        return window.document().spec().node(p.node()).orElseThrow().automations().stream()
                .filter(a -> a.param().equals(p.port())).findFirst().orElse(null);
    }

    private List<AutomationEvent> events(Endpoint p) {
        Automation a = automation(p);
        return a == null ? List.of() : a.events();
    }
}
