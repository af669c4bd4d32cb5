package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Editor windows for the UI tests. */
public final class EditorWindows {
    public static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));

    private EditorWindows() {
    }

    /**
     * Waits until the transport's steps asked so far (Play's start, an edit's swap, Stop) have run off the FX thread,
     * and what they said there has been said.
     */
    public static void settle(EditorWindow window) {
        window.playback().awaitSteps();
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** A shown window on a copy of {@code networks/example} in {@code dir}: a test's edits and saves never touch it. */
    public static EditorWindow onCopyOf(String example, Path dir, Stage stage) throws IOException, NetworkException {
        Path file = Files.copy(NETWORKS.resolve(example), dir.resolve(example), StandardCopyOption.REPLACE_EXISTING);
        EditorWindow window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.show();
        return window;
    }
}
