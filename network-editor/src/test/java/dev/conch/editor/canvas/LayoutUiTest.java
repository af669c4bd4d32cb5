package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.CubicCurve;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 10 on glass-drone, read from the scene graph (screen bounds of the port dots, node boxes, canvas and
 * minimap), not from the canvas's own mapping: wires follow their ports after an inspector edit, the view is fitted
 * on open, and the minimap covers no node, also once monitors have taken half the canvas's height.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    /** Issue 16: "after an inspector edit, every wire collapses onto one line until the canvas is clicked". */
    @Test
    void wiresFollowTheirPortsAfterAnInspectorEdit(FxRobot robot) {
        robot.clickOn("#title-gain");
        robot.clickOn("#param-gain-gain").push(KeyCode.CONTROL, KeyCode.A).write("-12").push(KeyCode.ENTER);
        assertEquals("-12", window.document().spec().node("gain").orElseThrow().params().get("gain").text(), window.status());
        for (Connection c : window.document().spec().connections()) {
            String id = "#wire-" + c.from().node() + "-" + c.from().port() + "-" + c.to().node() + "-" + c.to().port();
            CubicCurve wire = robot.lookup(id).queryAs(CubicCurve.class);
            Point2D start = wire.localToScreen(wire.getStartX(), wire.getStartY());
            Point2D end = wire.localToScreen(wire.getEndX(), wire.getEndY());
            assertEquals(0, start.distance(centre(robot, "#port-out-" + c.from().node() + "-" + c.from().port())), 1,
                    c + " starts at its output");
            assertEquals(0, end.distance(centre(robot, "#port-in-" + c.to().node() + "-" + c.to().port())), 1,
                    c + " ends at its input");
        }
        robot.interact(() -> window.viewModel().undo()); // clean: no autosave offered to the next test
    }

    /** Issue 16: "the view is not fitted on open (glass-drone's AudioOutput sits under the inspector)". */
    @Test
    void theViewIsFittedOnOpen(FxRobot robot) {
        Bounds canvas = screenBounds(window.canvas());
        for (var n : window.document().spec().nodes()) {
            Bounds b = screenBounds(robot.lookup("#node-" + n.id()).query());
            assertTrue(canvas.contains(b), n.id() + " at " + b + " is not inside the canvas " + canvas);
        }
    }

    @Test
    void theMinimapCoversNoNode(FxRobot robot) {
        assertNoNodeUnderTheMinimap(robot, "on open");
        robot.interact(() -> {
            window.monitor(new Endpoint("osc", "out"), MonitorKind.SCOPE);
            window.monitor(new Endpoint("filter", "out"), MonitorKind.SPECTRUM);
        });
        assertNoNodeUnderTheMinimap(robot, "with two monitors open");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        assertNoNodeUnderTheMinimap(robot, "fitted with two monitors open");
        // the output moved into the bottom-right corner, where the minimap sits at first
        robot.interact(() -> {
            NetworkCanvas c = window.canvas();
            Point2D corner = c.toNetwork(c.getWidth() - 120, c.getHeight() - 70);
            window.viewModel().move("out", Math.rint(corner.getX()), Math.rint(corner.getY()));
        });
        assertNoNodeUnderTheMinimap(robot, "with a node in the bottom-right corner");
        assertTrue(window.canvas().minimap().isVisible(), "another corner is free");
        robot.interact(() -> {
            window.monitors().closeAll();
            window.viewModel().undo();
        });
    }

    /**
     * Issue 16: "noise-echoes' feedback wire runs behind the nodes and reads backwards". A wire whose input is left
     * of its output loops under both boxes (its middle is below them), and every wire has an arrowhead whose tip
     * touches its input's dot from the left.
     */
    @Test
    void feedbackWiresLoopUnderTheBoxesAndEveryWireShowsItsDirection(FxRobot robot) throws Exception {
        NetworkDocument noise = NetworkDocument.open(GLASS.resolveSibling("noise-echoes.xml"), ProcessorRegistry.load());
        robot.interact(() -> {
            window = new EditorWindow(stage, noise);
            window.show();
        });
        int backward = 0;
        for (Connection c : window.document().spec().connections()) {
            String ends = c.from().node() + "-" + c.from().port() + "-" + c.to().node() + "-" + c.to().port();
            Bounds out = screenBounds(robot.lookup("#port-out-" + c.from().node() + "-" + c.from().port()).query());
            Bounds in = screenBounds(robot.lookup("#port-in-" + c.to().node() + "-" + c.to().port()).query());
            javafx.scene.shape.Polygon arrow = robot.lookup("#arrow-" + ends).queryAs(javafx.scene.shape.Polygon.class);
            Point2D tip = arrow.localToScreen(arrow.getPoints().get(0), arrow.getPoints().get(1));
            // on the dot's rim (its bounds include half of its 1 px outline) and on its left: it enters from the left
            assertEquals(in.getWidth() / 2 - 0.5, tip.distance(in.getCenterX(), in.getCenterY()), 1.5,
                    c + ": the arrow's tip on the input dot's rim");
            assertTrue(tip.getX() < in.getCenterX(), c + ": the arrow comes in from the left");
            if (in.getCenterX() >= out.getCenterX()) continue;
            backward++;
            CubicCurve wire = robot.lookup("#wire-" + ends).queryAs(CubicCurve.class);
            Point2D middle = wire.localToScreen( // the curve at t = 1/2
                    (wire.getStartX() + 3 * wire.getControlX1() + 3 * wire.getControlX2() + wire.getEndX()) / 8,
                    (wire.getStartY() + 3 * wire.getControlY1() + 3 * wire.getControlY2() + wire.getEndY()) / 8);
            for (String node : new String[] {c.from().node(), c.to().node()}) {
                Bounds box = screenBounds(robot.lookup("#node-" + node).query());
                assertTrue(middle.getY() > box.getMaxY(), c + " runs through " + node + ": its middle " + middle + ", the box " + box);
            }
        }
        assertEquals(2, backward, "echo.out to dark.in and dark.out to mix.in2 run right to left");
    }

    private void assertNoNodeUnderTheMinimap(FxRobot robot, String when) {
        Node map = window.canvas().minimap();
        if (!map.isVisible()) return; // hidden when every corner has a node: covering nothing
        Bounds m = screenBounds(map);
        for (var n : window.document().spec().nodes()) {
            Bounds b = screenBounds(robot.lookup("#node-" + n.id()).query());
            assertFalse(m.intersects(b), when + ": the minimap " + m + " covers " + n.id() + " at " + b);
        }
    }

    private static Bounds screenBounds(Node n) {
        return n.localToScreen(n.getBoundsInLocal());
    }

    private static Point2D centre(FxRobot robot, String query) {
        Bounds b = screenBounds(robot.lookup(query).query());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }
}
