package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The first Must-show, driven through the UI as a user would (mouse and keys, headless under Monocle):
 * open glass-drone, add a node from the palette, connect two ports, see an incompatible connection refused, set a
 * param in the inspector, undo and redo, save, reload, and compare with a hand-written expected document.
 */
@ExtendWith(ApplicationExtension.class)
class EditorUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");

    @TempDir
    static Path dir;
    Path file;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        file = dir.resolve("glass-drone.xml");
        Files.copy(GLASS, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void editUndoRedoSaveReload(FxRobot robot) throws Exception {
        NetworkSpec original = window.document().spec();

        // add a Delay from the palette by typing its name (the quick-add path)
        robot.clickOn("#palette-search").write("Delay").type(KeyCode.ENTER);
        assertTrue(window.document().spec().node("delay").isPresent(), window.status());
        assertTrue(robot.lookup("#node-delay").tryQuery().isPresent(), "the new node is drawn");

        // an LFO's control output into the delay's audio input: refused, with the compiler's sentence
        robot.drag("#port-out-lfo-out").dropTo("#port-in-delay-in");
        assertTrue(window.status().startsWith("Refused: "), window.status());
        assertTrue(window.status().contains("lfo.out") && window.status().contains("control"), window.status());
        assertEquals(original.connections().size(), window.document().spec().connections().size());

        // the filter's audio output into it: accepted
        robot.drag("#port-out-filter-out").dropTo("#port-in-delay-in");
        assertTrue(window.document().spec().connections().contains(new Connection("filter.out", "delay.in")),
                window.status());

        // select the delay and type a time into the inspector
        robot.clickOn("#title-delay");
        robot.clickOn("#param-delay-time").push(KeyCode.CONTROL, KeyCode.A).write("125").type(KeyCode.ENTER);
        assertEquals("125", window.document().spec().node("delay").orElseThrow().params().get("time").text(),
                window.status());
        NetworkSpec edited = window.document().spec();

        // undo takes the param back (the inspector shows the default again), redo restores it
        robot.clickOn("#title-delay").push(KeyCode.CONTROL, KeyCode.Z); // focus off the field, node kept selected
        assertNull(window.document().spec().node("delay").orElseThrow().params().get("time"));
        TextField time = robot.lookup("#param-delay-time").queryAs(TextField.class);
        assertEquals("250", time.getText(), "the inspector follows the undo");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(edited, window.document().spec());
        assertTrue(window.document().dirty());

        // save with the keyboard, then reload the file in the editor
        robot.push(KeyCode.CONTROL, KeyCode.S);
        assertFalse(window.document().dirty(), window.status());
        robot.interact(() -> window.files().open(file));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#node-delay").tryQuery().isPresent(), "the reloaded network shows the new node");

        NetworkSpec expected;
        try (InputStream in = EditorUiTest.class.getResourceAsStream("glass-drone-edited.xml")) {
            expected = NetworkXml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "glass-drone-edited.xml");
        }
        assertEquals(expected, window.document().spec(), "the saved file holds exactly the edits made");
        assertEquals(expected, NetworkXml.read(file));
        assertEquals(NetworkXml.write(expected), Files.readString(file), "saved in the canonical format");
    }
}
