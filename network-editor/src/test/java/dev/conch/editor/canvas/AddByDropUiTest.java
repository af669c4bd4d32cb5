package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.palette.Palette;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A palette drop adds the node under the drop point (zoomed and panned); Ctrl+1 / Shift+A add at the pointer. */
@ExtendWith(ApplicationExtension.class)
class AddByDropUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    private NodeSpec node(String id) {
        return window.document().spec().node(id).orElseThrow(() -> new AssertionError(id + " missing: " + window.status()));
    }

    @Test
    void dropFromThePaletteAddsAtTheDropPoint(FxRobot robot) {
        NetworkCanvas canvas = window.canvas();
        assertEquals("Delay", Palette.typeOfDrag(Palette.dragText("Delay")));
        assertNull(Palette.typeOfDrag("Delay"), "plain text dragged from elsewhere is not a node");
        // zoom to 2x about the canvas origin: canvas (500, 300) is network (250, 150)
        robot.interact(() -> canvas.zoomAt(0, 0, 2));
        robot.interact(() -> canvas.addAt(Palette.typeOfDrag(Palette.dragText("Delay")), 500, 300));
        NodeSpec d = node("delay");
        assertEquals(250, d.x(), 1e-9);
        assertEquals(150, d.y(), 1e-9);
        assertEquals(java.util.Set.of("delay"), canvas.selection(), "the new node is selected");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(canvas.localToScreen(900, 560));
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertTrue(window.document().spec().node("delay").isEmpty(), "one undo removes it: " + window.status() + " focus " + window.scene().getFocusOwner());
    }

    @Test
    void quickAddAtThePointer(FxRobot robot) {
        NetworkCanvas canvas = window.canvas();
        Point2D at = canvas.localToScreen(700, 420); // empty background in glass-drone
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(at); // on the background: the canvas has the keys and the pointer
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(700, canvas.pointer().getX(), 1.5);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        robot.write("gain").push(KeyCode.ENTER);
        NodeSpec g = node("gain2"); // glass-drone already has a 'gain'
        assertEquals("Gain", g.type());
        assertEquals(700, g.x(), 1.5);
        assertEquals(420, g.y(), 1.5);

        robot.clickOn(canvas.localToScreen(100, 450)); // the canvas takes the keys (Shift+A is a letter in a text field)
        robot.press(KeyCode.SHIFT).press(KeyCode.A).release(KeyCode.A).release(KeyCode.SHIFT);
        robot.write("nothing like this").push(KeyCode.ENTER);
        assertTrue(robot.lookup("#quick-add-best").queryLabeled().getText().startsWith("nothing matches"));
        robot.push(KeyCode.ESCAPE);
        assertFalse(window.quickAddBox().showing(), "Escape closes the box");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(canvas.localToScreen(100, 450));
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.SHIFT, KeyCode.A);
        robot.write("osc").push(KeyCode.ENTER);
        assertTrue(window.document().spec().node("oscillator").isPresent(), window.status() + " focus " + window.scene().getFocusOwner() + " " + window.quickAddBox().showing() + " " + window.document().spec().nodes());
        NodeSpec o = node("oscillator");
        assertEquals(100, o.x(), 1.5);
        assertEquals(450, o.y(), 1.5);
        robot.push(KeyCode.CONTROL, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.Z);
        assertFalse(window.document().dirty(), window.status());
    }
}
