package dev.conch.editor.prefs;

import dev.conch.engine.io.TempTarget;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The editor's own settings, kept between sessions in a small properties file ({@code ~/.conch/editor.properties}, or
 * the {@code conch.editor.preferences} system property: tests point it into target/). A file that cannot be read
 * gives the defaults, and one that cannot be written is said, never in the way of playing or editing.
 */
public final class EditorPreferences {
    /** The CLI's bound for {@code --threads}: more threads than this only wait for one another. */
    public static final int MAX_THREADS = 64;
    private static final String PLAY_THREADS = "play.threads";

    private final Path store;
    private final Properties values = new Properties();

    public EditorPreferences(Path store) {
        this.store = store;
        if (!Files.isRegularFile(store)) return;
        try (Reader r = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
            values.load(r);
        } catch (IOException | IllegalArgumentException e) {
            values.clear(); // unreadable: the defaults
        }
    }

    /** Where the editor keeps them (the system property wins). */
    public static EditorPreferences standard() {
        String p = System.getProperty("conch.editor.preferences");
        return new EditorPreferences(p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".conch", "editor.properties"));
    }

    public Path store() {
        return store;
    }

    /**
     * Threads playing each callback, as {@code conch play --threads}: the audio thread and the rest workers, 1 to
     * {@link #MAX_THREADS}; 1 (play's default, until more is measured safe live) when never set or not a count.
     */
    public int playThreads() {
        try {
            int n = Integer.parseInt(values.getProperty(PLAY_THREADS, "1").strip());
            return n >= 1 && n <= MAX_THREADS ? n : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Sets and keeps the play threads (written at once, atomically: never half a file). */
    public void playThreads(int threads) throws IOException {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("1 to " + MAX_THREADS + " threads, not " + threads);
        }
        values.setProperty(PLAY_THREADS, Integer.toString(threads));
        save();
    }

    private void save() throws IOException {
        StringWriter text = new StringWriter();
        values.store(text, "Conch editor preferences");
        Path dir = store.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        TempTarget.writeAtomically(store, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
