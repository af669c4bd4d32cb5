package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** {@code conch edit net.xml}: the JavaFX application. With no file it opens an empty network. */
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
        NetworkDocument doc = args.isEmpty()
                ? new NetworkDocument(new NetworkSpec("untitled", NetworkSpec.FORMAT_VERSION, 48000, 0, "",
                List.of(), List.of(), List.of()), null, registry)
                : NetworkDocument.open(Path.of(args.get(0)), registry);
        new EditorWindow(stage, doc).show();
    }
}
