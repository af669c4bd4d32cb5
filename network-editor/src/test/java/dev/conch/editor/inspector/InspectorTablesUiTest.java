package dev.conch.editor.inspector;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.AddNode;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.ParamValue;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The point-list table edits Breakpoints' points through the document (undoable); the file button fills a file param. */
@ExtendWith(ApplicationExtension.class)
class InspectorTablesUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    private String points() {
        return window.document().spec().node("fade").orElseThrow().params().get("points").text();
    }

    @Test
    void editBreakpointsInTheTable(FxRobot robot) {
        assertEquals("0:-40 6:0 22:0 30:-60", points());
        robot.clickOn("#title-fade", MouseButton.PRIMARY);
        TextField y1 = robot.lookup("#param-fade-points-y-1").queryAs(TextField.class);
        assertEquals("0", y1.getText(), "the second point's y in its own field");
        robot.doubleClickOn(y1).interact(() -> y1.setText("-6")).type(KeyCode.ENTER);
        assertEquals("0:-40 6:-6 22:0 30:-60", points(), window.status());

        robot.clickOn("#param-fade-points-add");
        assertEquals("0:-40 6:-6 22:0 30:-60 38:-60", points(), "x one gap past the last, same y");

        robot.clickOn("#param-fade-points-remove-0");
        assertEquals("6:-6 22:0 30:-60 38:-60", points());
        assertEquals("6", robot.lookup("#param-fade-points-x-0").queryAs(TextField.class).getText(), "the table follows the document");

        // each change was one undoable document edit
        robot.push(KeyCode.CONTROL, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals("0:-40 6:-6 22:0 30:-60", points(), window.status());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals("0:-40 6:0 22:0 30:-60", points());
        assertFalse(window.document().dirty());
    }

    @Test
    void fileButtonFillsTheFileParam(FxRobot robot) throws Exception {
        List<String> asked = new ArrayList<>();
        Path chosen = Path.of("target", "some loop.wav").toAbsolutePath();
        robot.interact(() -> {
            try {
                window.document().apply(new AddNode("reader", "AudioFileReader", 40, 500));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            window.inspector().setFilePicker((node, param, current, owner) -> {
                asked.add(node + "." + param);
                return chosen;
            });
        });
        // a reader without a file is a problem: the problems panel opens under the canvas, and Ctrl+0 brings the
        // new box back into the smaller view
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        robot.clickOn("#title-reader", MouseButton.PRIMARY);
        robot.clickOn("#param-reader-file-browse");
        assertEquals(List.of("reader.file"), asked);
        ParamValue v = window.document().spec().node("reader").orElseThrow().params().get("file");
        assertNotNull(v, window.status());
        assertEquals(chosen.toString(), v.text());
        assertTrue(robot.lookup("#param-reader-file-points").tryQuery().isEmpty(), "no table for a file param");
        // leave the document clean: a dirty one closing would leave an autosave that other tests are offered
        robot.interact(() -> {
            window.document().undo();
            window.document().undo();
        });
        assertFalse(window.document().dirty());
    }

    @Test
    void aSpectralNodeShowsTheFramingItInheritsReadOnly(FxRobot robot) throws Exception {
        Path bells = GLASS.resolveSibling("bells-spectral-delay.xml");
        robot.interact(() -> {
            try {
                window.document().apply(new dev.conch.editor.document.ReplaceNetwork(dev.conch.engine.xml.NetworkXml.read(bells), "open"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        robot.clickOn("#title-left", MouseButton.PRIMARY);
        // the file sets these on the STFT only (fftSize 2048, overlap 4): the delay shows what it inherits
        assertEquals("2048", robot.lookup("#inherited-left-fftSize").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals("512", robot.lookup("#inherited-left-hop").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals("hann", robot.lookup("#inherited-left-window").queryAs(javafx.scene.control.Label.class).getText());
        assertTrue(robot.lookup("#param-left-fftSize").tryQuery().isEmpty(), "not an editable param");
        assertTrue(robot.lookup("#param-left-maxDelay").tryQuery().isPresent(), "its own params are still there");
        // leave the document as opened, so closing the window asks nothing of the next test
        robot.interact(() -> window.document().undo());
        assertFalse(window.document().dirty());
    }
}
