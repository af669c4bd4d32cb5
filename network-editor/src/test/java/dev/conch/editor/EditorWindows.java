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

    /** A shown window on a copy of {@code networks/example} in {@code dir}: a test's edits and saves never touch it. */
    public static EditorWindow onCopyOf(String example, Path dir, Stage stage) throws IOException, NetworkException {
        Path file = Files.copy(NETWORKS.resolve(example), dir.resolve(example), StandardCopyOption.REPLACE_EXISTING);
        EditorWindow window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.show();
        return window;
    }
}
