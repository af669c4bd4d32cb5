package dev.conch.editor.autosave;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.Recovery;
import dev.conch.engine.model.NetworkSpec;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every period (30 s unless {@code -Dconch.autosave.seconds} or {@link #every} says otherwise) writes the
 * document's network to its {@link Recovery} copy, if it changed since the last save or autosave. The spec is
 * immutable, so it is taken on the FX thread and written on a single background thread, where discards also go
 * (so a late write can never re-create a copy just deleted).
 */
public final class Autosave {
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "conch-autosave");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<String> problems;
    private Timeline timer;
    private NetworkDocument doc;
    private Recovery recovery;
    private NetworkSpec written;

    public Autosave(Consumer<String> problems) {
        this.problems = problems;
        every(Duration.seconds(Double.parseDouble(System.getProperty("conch.autosave.seconds", "30"))));
    }

    public void every(Duration period) {
        if (timer != null) timer.stop();
        timer = new Timeline(new KeyFrame(period, e -> tick()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    /** Follows another document (opened, or saved under a new name). */
    public void watch(NetworkDocument next) {
        doc = next;
        // an import not yet saved is kept under the file it came from: opening that again offers the work back
        recovery = Recovery.forFile(next.file() != null ? next.file() : next.importedFrom(), Recovery.defaultDir());
        written = null;
    }

    public Recovery recovery() {
        return recovery;
    }

    /** After a save: the file holds the work, the copy goes (also the untitled one a Save As came from). */
    public void saved() {
        Recovery old = recovery;
        watch(doc);
        discard(old);
        discard(recovery);
    }

    /**
     * Deletes {@code r}. When it is the current document's copy, the document as it is now counts as written, so
     * changes dropped on purpose are not written again (by {@link #close} as the window closes after Quit); a
     * later edit is.
     */
    public void discard(Recovery r) {
        if (r == recovery && doc != null) written = doc.spec();
        if (io.isShutdown()) return; // closed already (a window hidden twice): nothing more is written or deleted
        io.execute(() -> {
            try {
                r.discard();
            } catch (IOException e) {
                problems.accept("Could not delete the autosave " + r.path() + ": " + e.getMessage());
            }
        });
    }

    /** Writes now if there is something new (the timer calls this). FX thread. */
    public void tick() {
        if (doc == null || !doc.dirty() || doc.spec() == written) return;
        NetworkSpec spec = doc.spec();
        Recovery r = recovery;
        written = spec;
        if (io.isShutdown()) return;
        io.execute(() -> {
            try {
                r.write(spec);
            } catch (IOException | RuntimeException e) {
                problems.accept("Autosave to " + r.path() + " failed: " + e.getMessage());
            }
        });
    }

    /** Window closed: a clean document needs no copy; a dirty one keeps its last autosave for next time. */
    public void close() {
        timer.stop();
        tick(); // the latest state, not the one up to a period ago
        if (doc != null && !doc.dirty()) discard(recovery);
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
