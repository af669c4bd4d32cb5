package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The minimap's viewport rectangle follows a pan; a click on the minimap centres the view there; Arrange aligns the selection. */
@ExtendWith(ApplicationExtension.class)
class MinimapUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void viewportFollowsThePanAndAClickMovesTheView(FxRobot robot) {
        robot.interact(() -> window.canvas().resetView()); // the positions below are at 100 %, unpanned
        NetworkCanvas canvas = window.canvas();
        WaitForAsyncUtils.waitForFxEvents();
        Bounds before = canvas.minimapViewport();
        // pan the view 200 px right (secondary drag on the background): the network moves right, the viewport left
        robot.moveTo(canvas.localToScreen(300, 500)).press(MouseButton.SECONDARY).moveTo(canvas.localToScreen(400, 500))
                .moveTo(canvas.localToScreen(500, 500)).release(MouseButton.SECONDARY);
        Bounds after = canvas.minimapViewport();
        assertTrue(after.getMinX() < before.getMinX() - 1, before + " -> " + after);
        Point2D a = canvas.toNetwork(0, 0);
        assertEquals(-200, a.getX(), 1, "the view's left edge is 200 network units left of the origin");
        // the rectangle on the map is the viewport under the map's definition, computed here from the node boxes
        Bounds view = viewport(canvas);
        double[] map = mapping(canvas, view);
        assertEquals(map[1] + map[0] * view.getMinX(), after.getMinX(), 1e-6, "viewport left on the map");
        assertEquals(map[2] + map[0] * view.getMinY(), after.getMinY(), 1e-6, "viewport top on the map");
        assertEquals(map[0] * view.getWidth(), after.getWidth(), 1e-6, "viewport width on the map");
        assertEquals(map[0] * view.getHeight(), after.getHeight(), 1e-6, "viewport height on the map");

        // a click on the minimap's middle centres the view on the network point the map shows there
        Point2D target = new Point2D((Minimap.W / 2 - map[1]) / map[0], (Minimap.H / 2 - map[2]) / map[0]);
        robot.clickOn(canvas.minimap().localToScreen(Minimap.W / 2, Minimap.H / 2));
        Point2D centre = canvas.toNetwork(canvas.getWidth() / 2, canvas.getHeight() / 2);
        assertEquals(target.getX(), centre.getX(), 1.5);
        assertEquals(target.getY(), centre.getY(), 1.5);
        assertFalse(window.document().dirty(), "moving the view is not an edit");
    }

    /** The part of the network in view, in network coordinates: the canvas's size undone by its zoom and pan. */
    private static Bounds viewport(NetworkCanvas canvas) {
        double z = canvas.zoom();
        Point2D pan = canvas.panOffset();
        return new BoundingBox(-pan.getX() / z, -pan.getY() / z, canvas.getWidth() / z, canvas.getHeight() / z);
    }

    /**
     * The minimap's mapping {scale, offset x, offset y} from its definition: the world is the union of every node's
     * box (network coordinates) and the viewport, scaled to fit inside the map less its 6 px padding with the
     * aspect ratio kept, and centred.
     */
    private double[] mapping(NetworkCanvas canvas, Bounds view) {
        double x0 = view.getMinX(), y0 = view.getMinY(), x1 = view.getMaxX(), y1 = view.getMaxY();
        for (var n : window.document().spec().nodes()) {
            Bounds b = canvas.view(n.id()).getBoundsInParent();
            x0 = Math.min(x0, b.getMinX());
            y0 = Math.min(y0, b.getMinY());
            x1 = Math.max(x1, b.getMaxX());
            y1 = Math.max(y1, b.getMaxY());
        }
        double s = Math.min((Minimap.W - 12) / (x1 - x0), (Minimap.H - 12) / (y1 - y0));
        return new double[] {s, (Minimap.W - s * (x1 - x0)) / 2 - s * x0, (Minimap.H - s * (y1 - y0)) / 2 - s * y0};
    }

    @Test
    void arrangeMenuAlignsTheSelectionInOneStep(FxRobot robot) {
        robot.interact(() -> window.canvas().select(Set.of("osc", "lfo")));
        robot.interact(() -> window.viewModel().arrange(dev.conch.editor.document.Align::left));
        assertEquals(40, window.document().spec().node("lfo").orElseThrow().x(), window.status());
        robot.interact(() -> window.document().undo());
        assertEquals(240, window.document().spec().node("lfo").orElseThrow().x());
        assertFalse(window.document().dirty());
    }
}
