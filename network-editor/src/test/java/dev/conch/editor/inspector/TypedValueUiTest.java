package dev.conch.editor.inspector;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
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

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A value typed into the inspector is the network's once the person leaves the field, as it shows it: by Tab, by a
 * click elsewhere, or by a command run from the keys while the field has the focus (Ctrl+S saves what the field
 * shows). Before, only Enter committed: the field went on showing the typed value while the network, the sound and the
 * saved file kept the old one. Undo drops a value not committed yet, with the field.
 */
@ExtendWith(ApplicationExtension.class)
class TypedValueUiTest {
    static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    @TempDir
    Path dir;
    Stage stage;
    EditorWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void aTypedValueIsCommittedWhenTheFieldIsLeft(FxRobot robot) throws Exception {
        Path file = Files.copy(NETWORKS.resolve("glass-drone.xml"), dir.resolve("glass-drone.xml"));
        NetworkDocument doc = NetworkDocument.open(file, ProcessorRegistry.load());
        robot.interact(() -> {
            window = new EditorWindow(stage, doc);
            window.show();
        });
        assertEquals("4", q());

        robot.clickOn("#title-filter");
        robot.clickOn("#param-filter-q").push(KeyCode.CONTROL, KeyCode.A).write("9").push(KeyCode.TAB);
        assertEquals("9", q(), "left by Tab: " + window.status());

        robot.clickOn("#param-filter-q").push(KeyCode.CONTROL, KeyCode.A).write("7");
        robot.clickOn("#title-gain");
        assertEquals("7", q(), "left by a click on another node: " + window.status());

        robot.clickOn("#title-filter");
        robot.clickOn("#param-filter-q").push(KeyCode.CONTROL, KeyCode.A).write("6").push(KeyCode.CONTROL, KeyCode.S);
        assertEquals("6", NetworkXml.read(file).node("filter").orElseThrow().params().get("q").text(),
                "Ctrl+S in the field saves what it shows: " + window.status());
        assertFalse(window.document().dirty());

        robot.clickOn("#param-filter-q").push(KeyCode.CONTROL, KeyCode.A).write("5").push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals("7", q(), "undo takes back the last committed value (6), not the one being typed");
        assertEquals("7", robot.lookup("#param-filter-q").queryAs(TextField.class).getText());
        robot.clickOn("#title-gain");
        assertEquals("7", q(), "the field undo replaced commits nothing when left");
    }

    private String q() {
        return window.document().spec().node("filter").orElseThrow().params().get("q").text();
    }
}
