package dev.conch.editor.files;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** Dropping a network file on the window opens it and puts it first in File → Open Recent, whose items reopen. */
@ExtendWith(ApplicationExtension.class)
class OpenRecentUiTest {
    static final Path NETS = Path.of(System.getProperty("conch.networks", "../networks"));
    static final Path GLASS = NETS.resolve("glass-drone.xml");
    static final Path NOISE = NETS.resolve("noise-echoes.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void dropOpensAndRecentReopens(FxRobot robot) {
        assertTrue(System.getProperty("conch.recent.file", "").contains("target"), "tests keep the list in target/");
        assertEquals(GLASS.toAbsolutePath().normalize(), window.files().recentFiles().list().get(0), "the opened file comes first");

        AtomicBoolean opened = new AtomicBoolean();
        robot.interact(() -> opened.set(window.files().dropped(List.of(new File("notes.txt"), NOISE.toFile()))));
        assertTrue(opened.get(), window.status());
        assertEquals(NOISE, window.document().file());
        assertTrue(window.document().spec().nodes().size() > 0);
        assertEquals(List.of(NOISE.toAbsolutePath().normalize(), GLASS.toAbsolutePath().normalize()),
                window.files().recentFiles().list().subList(0, 2));

        robot.interact(() -> opened.set(window.files().dropped(List.of(new File("take.wav")))));
        assertFalse(opened.get());
        assertTrue(window.status().contains(".xml"), window.status());
        assertEquals(NOISE, window.document().file(), "a refused drop changes nothing");

        // File → Open Recent: the second item is glass-drone
        MenuItem second = window.recentMenu().getItems().get(1);
        assertTrue(second.getText().startsWith("glass-drone.xml"), second.getText());
        robot.interact(second::fire);
        assertEquals(GLASS.toAbsolutePath().normalize(), window.document().file().toAbsolutePath().normalize(), window.status());
        assertEquals(GLASS.toAbsolutePath().normalize(), window.files().recentFiles().list().get(0));
    }
}
