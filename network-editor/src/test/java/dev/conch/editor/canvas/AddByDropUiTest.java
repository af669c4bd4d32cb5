package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.palette.Palette;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.event.ActionEvent;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A palette drop adds the node under the drop point (zoomed and panned); Ctrl+1 / Shift+A open the quick-add box
 * at the pointer and Enter adds the best match there. Keys are fired at the canvas (the scene's shortcut filter sees
 * them as from the keyboard) so the test does not depend on which headless window has the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class AddByDropUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    /** A document left dirty would leave an autosave that the next test's window offers to recover. */
    @AfterEach
    void clean(FxRobot robot) {
        robot.interact(() -> {
            window.quickAddBox().hide();
            while (window.document().dirty() && window.document().canUndo()) window.document().undo();
        });
    }

    private NodeSpec node(String id) {
        return window.document().spec().node(id).orElseThrow(() -> new AssertionError(id + " missing: " + window.status()));
    }

    private void key(FxRobot robot, KeyCode code, boolean shift, boolean control) {
        robot.interact(() -> Event.fireEvent(window.canvas(),
                new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, false, false)));
    }

    private void typeInBox(FxRobot robot, String text) {
        TextField field = robot.lookup("#quick-add").queryAs(TextField.class);
        robot.interact(() -> {
            field.setText(text);
            field.fireEvent(new ActionEvent()); // Enter
        });
    }

    @Test
    void dropFromThePaletteAddsAtTheDropPoint(FxRobot robot) {
        robot.interact(() -> window.canvas().resetView()); // the positions below are at 100 %, unpanned
        NetworkCanvas canvas = window.canvas();
        assertEquals("Delay", Palette.typeOfDrag(Palette.dragText("Delay")));
        assertNull(Palette.typeOfDrag("Delay"), "plain text dragged from elsewhere is not a node");
        // zoom to 2x about the canvas origin: canvas (500, 300) is network (250, 150)
        robot.interact(() -> canvas.zoomAt(0, 0, 2));
        robot.interact(() -> canvas.addAt(Palette.typeOfDrag(Palette.dragText("Delay")), 500, 300));
        NodeSpec d = node("delay");
        assertEquals(250, d.x(), 1e-9);
        assertEquals(150, d.y(), 1e-9);
        assertEquals(Set.of("delay"), canvas.selection(), "the new node is selected");
        key(robot, KeyCode.Z, false, true);
        assertTrue(window.document().spec().node("delay").isEmpty(), "one undo removes it: " + window.status());
    }

    @Test
    void quickAddAtThePointer(FxRobot robot) {
        robot.interact(() -> window.canvas().resetView()); // the positions below are at 100 %, unpanned
        NetworkCanvas canvas = window.canvas();
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo(canvas.localToScreen(700, 420)).moveBy(2, 0).moveBy(-2, 0); // empty background in glass-drone
        assertEquals(700, canvas.pointer().getX(), 1.5, "the canvas follows the pointer");
        assertEquals(420, canvas.pointer().getY(), 1.5);
        key(robot, KeyCode.DIGIT1, false, true);
        assertTrue(window.quickAddBox().showing(), "Ctrl+1 opens the box");
        typeInBox(robot, "gain");
        assertFalse(window.quickAddBox().showing(), "Enter closes it");
        NodeSpec g = node("gain2"); // glass-drone already has a 'gain'
        assertEquals("Gain", g.type());
        assertEquals(700, g.x(), 1.5);
        assertEquals(420, g.y(), 1.5);

        robot.moveTo(canvas.localToScreen(100, 450)).moveBy(2, 0).moveBy(-2, 0);
        key(robot, KeyCode.A, true, false);
        assertTrue(window.quickAddBox().showing(), "Shift+A opens the box");
        typeInBox(robot, "nothing like this");
        assertTrue(window.quickAddBox().showing(), "no match: the box stays");
        assertTrue(robot.lookup("#quick-add-best").queryAs(Label.class).getText().startsWith("nothing matches"));
        typeInBox(robot, "osc");
        NodeSpec o = node("oscillator");
        assertEquals(100, o.x(), 1.5);
        assertEquals(450, o.y(), 1.5);
        assertEquals(9, window.document().spec().nodes().size(), "glass-drone's 7 and exactly two added: " + window.document().spec().nodes());
    }

    /**
     * With the keyboard's own events, which fire_event above leaves out: Shift+A types an "A" after it opened the box,
     * and the box's search field took it ("ABiquad": nothing matches). The box opens empty, and the name typed adds.
     */
    @Test
    void shiftAFromTheKeyboardOpensAnEmptyBox(FxRobot robot) {
        robot.interact(() -> window.canvas().resetView());
        NetworkCanvas canvas = window.canvas();
        robot.clickOn(canvas.localToScreen(700, 420)); // empty background: the canvas has the keys, not a text field
        robot.push(KeyCode.SHIFT, KeyCode.A);
        assertTrue(window.quickAddBox().showing(), "Shift+A opens the box: " + window.status());
        assertEquals("", robot.lookup("#quick-add").queryAs(TextField.class).getText(), "the A that opened it is not a search");
        robot.write("Biquad").push(KeyCode.ENTER);
        assertFalse(window.quickAddBox().showing(), "Enter added the match and closed the box");
        assertEquals("Biquad", node("biquad").type());
    }
}
