package dev.conch.editor.transport;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.prefs.EditorPreferences;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
 * Issue 21 in the editor: the transport's Threads choice means what {@code conch play --threads} means (the engine
 * playing runs on that many threads, the audio thread and workers), starts at play's default of 1, and is kept: a
 * window opened later, as in the next session, plays on the count chosen.
 */
@ExtendWith(ApplicationExtension.class)
class ThreadsUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    @TempDir
    static Path dir;
    String kept;
    EditorWindow window;
    EditorWindow later;

    @Start
    void start(Stage stage) throws Exception {
        // this test's own preferences: the other tests play on the default
        kept = System.setProperty("conch.editor.preferences", dir.resolve("editor.properties").toString());
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            window.scene().getWindow().hide();
            if (later != null) later.scene().getWindow().hide();
        });
        if (kept == null) System.clearProperty("conch.editor.preferences");
        else System.setProperty("conch.editor.preferences", kept);
    }

    @Test
    void theThreadsChosenPlayAndAreKeptForTheNextSession(FxRobot robot) throws Exception {
        Path store = dir.resolve("editor.properties");
        assertFalse(Files.exists(store));
        assertEquals(1, choice(robot, window), "play's default");
        assertEquals(1, window.player().threads());

        robot.clickOn("#transport-threads");
        robot.clickOn(robot.lookup((Node n) -> n instanceof Label l && "2".equals(l.getText()) && n.getScene() != window.scene())
                .queryAs(Node.class));
        assertEquals(2, choice(robot, window));
        assertTrue(Files.readString(store).contains("play.threads=2"), Files.readString(store));

        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        assertTrue(window.playback().playing(), window.status());
        assertEquals(2, window.player().engine().threads(), "the engine playing runs on the audio thread and a worker");
        robot.interact(() -> window.playback().stop());
        EditorWindows.settle(window);

        robot.interact(() -> {
            try {
                later = new EditorWindow(new Stage(), NetworkDocument.open(GLASS, ProcessorRegistry.load()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            later.show();
        });
        assertEquals(2, choice(robot, later), "kept for the next session");
        robot.interact(() -> later.playback().play("null"));
        EditorWindows.settle(later);
        assertEquals(2, later.player().engine().threads(), later.status());
        robot.interact(() -> later.playback().stop());
        EditorWindows.settle(later);
        assertEquals(2, new EditorPreferences(store).playThreads());
    }

    @SuppressWarnings("unchecked")
    private static int choice(FxRobot robot, EditorWindow w) {
        int[] v = new int[1];
        robot.interact(() -> v[0] = ((ChoiceBox<Integer>) w.scene().lookup("#transport-threads")).getValue());
        return v[0];
    }
}
