package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code conch edit net.xml}: the JavaFX application. A file that does not exist yet starts an empty network saved there. */
public final class EditorApp extends Application {

    /** Blocks until the window is closed. */
    public static void launch(Path file) {
        Application.launch(EditorApp.class, file == null ? new String[0] : new String[] {file.toString()});
    }

    public static void main(String[] args) {
        Application.launch(EditorApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        ProcessorRegistry registry = ProcessorRegistry.load();
        List<String> args = getParameters().getRaw();
        Path file = args.isEmpty() ? null : Path.of(args.get(0));
        NetworkDocument doc = file != null && Files.exists(file) ? NetworkDocument.open(file, registry)
                : new NetworkDocument(empty(file), file, registry);
        new EditorWindow(stage, doc).show();
    }

    /** A new network named after the file it will be saved to. */
    private static NetworkSpec empty(Path file) {
        String name = file == null ? "untitled" : file.getFileName().toString().replaceFirst("\\.xml$", "");
        return new NetworkSpec(name, NetworkSpec.FORMAT_VERSION, 48000, 0, "", List.of(), List.of(), List.of());
    }
}
