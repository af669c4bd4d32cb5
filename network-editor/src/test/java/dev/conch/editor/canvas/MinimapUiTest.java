package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
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
        // the rectangle on the map is the viewport mapped: its left edge is network x -200
        assertEquals(-200, canvas.minimapToNetwork(after.getMinX(), after.getMinY()).getX(), 1e-6);

        // a click on the minimap's middle centres the view on the network point it shows there
        Point2D target = canvas.minimapToNetwork(Minimap.W / 2, Minimap.H / 2);
        robot.clickOn(canvas.minimap().localToScreen(Minimap.W / 2, Minimap.H / 2));
        Point2D centre = canvas.toNetwork(canvas.getWidth() / 2, canvas.getHeight() / 2);
        assertEquals(target.getX(), centre.getX(), 1.5);
        assertEquals(target.getY(), centre.getY(), 1.5);
        assertFalse(window.document().dirty(), "moving the view is not an edit");
    }

    @Test
    void arrangeMenuAlignsTheSelectionInOneStep(FxRobot robot) {
        robot.interact(() -> window.canvas().select(Set.of("osc", "lfo")));
        robot.interact(() -> window.arrange(dev.conch.editor.document.Align::left));
        assertEquals(40, window.document().spec().node("lfo").orElseThrow().x(), window.status());
        robot.interact(() -> window.document().undo());
        assertEquals(240, window.document().spec().node("lfo").orElseThrow().x());
        assertFalse(window.document().dirty());
    }
}
