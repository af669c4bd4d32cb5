package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.files.FileController;
import dev.conch.engine.model.NetworkSpec;
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
    /** A network read by the caller (a CLAM import) to open instead of the file, which Save then writes. */
    private static volatile NetworkSpec given;
    private static volatile long documentReady;

    /** Blocks until the window is closed. */
    public static void launch(Path file) {
        main(file == null ? new String[0] : new String[] {file.toString()});
    }

    /** Opens {@code network} (imported from elsewhere) as a document whose Save writes {@code file}. */
    public static void launch(Path file, NetworkSpec network) {
        given = network;
        main(new String[] {file.toString()});
    }

    public static void main(String[] args) {
        Path file = args.length == 0 ? null : Path.of(args[0]);
        preload = CompletableFuture.supplyAsync(() -> {
            try {
                ProcessorRegistry registry = ProcessorRegistry.load();
                NetworkDocument doc = given != null ? new NetworkDocument(given, file, registry)
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
        new EditorWindow(stage, doc).show();
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
