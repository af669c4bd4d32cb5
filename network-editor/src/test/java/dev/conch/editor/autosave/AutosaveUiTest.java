package dev.conch.editor.autosave;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.Recovery;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.*;

/** Autosave writes the edited network to its recovery copy, a save removes it, and reopening offers a newer one. */
@ExtendWith(ApplicationExtension.class)
class AutosaveUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");

    @TempDir
    Path dir;
    Path file;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        file = dir.resolve("glass-drone.xml");
        Files.copy(GLASS, file, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(Recovery.forFile(file, Recovery.defaultDir()).path());
        window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.files().autosave().every(Duration.millis(200));
        window.show();
    }

    @Test
    void editsAreAutosavedAndASaveRemovesTheCopy(FxRobot robot) throws Exception {
        Path copy = Recovery.forFile(file, Recovery.defaultDir()).path();
        robot.clickOn("#palette-search").write("Delay").type(KeyCode.ENTER);
        assertTrue(window.document().dirty());
        waitFor(() -> Files.exists(copy), "the autosave appears");
        assertEquals(window.document().spec(), NetworkXml.read(copy), "the copy holds the edited network");
        assertFalse(Files.exists(dir.resolve(".glass-drone.xml.recovery")), "nothing written beside the file");

        robot.push(KeyCode.CONTROL, KeyCode.S);
        waitFor(() -> !Files.exists(copy), "a save deletes the copy");
    }

    @Test
    void aNewerCopyIsOfferedAndRecoveredAsOneUndoStep(FxRobot robot) throws Exception {
        NetworkSpec onDisk = NetworkXml.read(file);
        NetworkSpec unsaved = onDisk.withParam("filter", "q", "7");
        Recovery recovery = Recovery.forFile(file, Recovery.defaultDir());
        recovery.write(unsaved);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        robot.interact(() -> window.files().open(file));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Recover");
        assertEquals(unsaved, window.document().spec(), window.status());
        assertTrue(window.document().dirty(), "recovered changes are unsaved changes");
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(onDisk, window.document().spec(), "undo shows the file's version");

        // an older copy than the file is not offered
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.S);
        waitFor(() -> !Files.exists(recovery.path()), "saved: copy gone");
        recovery.write(onDisk.withParam("filter", "q", "2"));
        Files.setLastModifiedTime(recovery.path(), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        assertTrue(recovery.newer().isEmpty(), "a copy older than the file is stale");
        recovery.discard();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertTrue(condition.getAsBoolean(), what);
    }
}
