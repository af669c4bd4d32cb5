package dev.conch.editor;

import dev.conch.clam.ClamImport;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.files.FileController;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code conch edit net.xml}: the JavaFX application. A file that does not exist yet starts an empty network saved there. */
public final class EditorApp extends Application {

    /**
     * The processor registry and the network file, read on their own thread while JavaFX starts (each takes most
     * of a second in a cold JVM; done one after the other they were a third of the start-up time).
     */
    private static volatile CompletableFuture<NetworkDocument> preload;
    /** A CLAM network imported by the caller, opened once the window is up (asking about its refused parts). */
    private static volatile ClamImport imported;
    /** Whether the caller agreed to leave out what the import refused ({@code conch edit --partial}). */
    private static volatile boolean restAgreed;
    private static volatile long documentReady;

    /** Blocks until the window is closed. */
    public static void launch(Path file) {
        main(file == null ? new String[0] : new String[] {file.toString()});
    }

    /**
     * Opens a CLAM network imported from {@code clamFile} as an unsaved document (Save asks for a Conch .xml); with
     * refused parts, the window asks first unless {@code partial}.
     */
    public static void launch(Path clamFile, ClamImport imp, boolean partial) {
        imported = imp;
        restAgreed = partial;
        main(new String[] {clamFile.toString()});
    }

    public static void main(String[] args) {
        Path file = args.length == 0 ? null : Path.of(args[0]);
        preload = CompletableFuture.supplyAsync(() -> {
            try {
                ProcessorRegistry registry = ProcessorRegistry.load();
                NetworkDocument doc = imported != null ? new NetworkDocument(FileController.emptyNetwork(null), null, registry)
                        : file != null && Files.exists(file) ? NetworkDocument.open(file, registry)
                        : new NetworkDocument(FileController.emptyNetwork(file), file, registry);
                documentReady = sinceJvmStart();
                return doc;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Application.launch(EditorApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        long toolkit = sinceJvmStart();
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        NetworkDocument doc;
        try {
            doc = preload.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        EditorWindow window = new EditorWindow(stage, doc);
        window.show();
        if (imported != null) window.files().openImported(Path.of(getParameters().getRaw().get(0)), imported, restAgreed);
        if (Boolean.getBoolean("conch.editor.firstFrameExit")) {
            System.out.println("conch-editor JavaFX ready after " + toolkit + " ms, network read after " + documentReady
                    + " ms, window shown after " + sinceJvmStart() + " ms (building and showing it took "
                    + (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000
                    + " ms of the FX thread's CPU time)");
            reportFirstFrame();
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * For the start-up measurement: once a frame has been drawn (the second pulse after show, so the first one's
     * frame is on screen), prints the time since the JVM started and exits.
     */
    private static void reportFirstFrame() {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses < 2) return;
                stop();
                long ms = sinceJvmStart();
                System.out.println("conch-editor first frame after " + ms + " ms");
                Platform.exit();
            }
        }.start();
    }
}
