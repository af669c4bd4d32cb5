package dev.conch.editor.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks opened lately, newest first, one absolute path a line in a small text file
 * ({@code ~/.conch/recent-files}, or the {@code conch.recent.file} system property: tests point it into target/).
 * A list that cannot be read is an empty list, and one that cannot be written is only not remembered: neither
 * should stop anyone opening a network.
 */
public final class RecentFiles {
    public static final int MAX = 10;
    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    /** Where the editor keeps the list (the system property wins). */
    public static RecentFiles standard() {
        String p = System.getProperty("conch.recent.file");
        return new RecentFiles(p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".conch", "recent-files"));
    }

    public Path store() {
        return store;
    }

    /** Newest first; files deleted since are left out (a menu item that can only fail helps nobody). */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (Path p : read()) if (Files.isRegularFile(p)) out.add(p);
        return out;
    }

    /** Puts {@code file} first (moving it up if it was there), keeping at most {@link #MAX}. */
    public void add(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>();
        next.add(abs);
        for (Path p : read()) if (!p.equals(abs) && next.size() < MAX) next.add(p);
        StringBuilder b = new StringBuilder();
        for (Path p : next) b.append(p).append('\n');
        Path dir = store.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        // written beside and moved over: two editors closing at once never leave half a list
        Path tmp = Files.createTempFile(dir, "recent-files", ".tmp");
        try {
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private List<Path> read() {
        List<Path> out = new ArrayList<>();
        if (!Files.isRegularFile(store)) return out;
        try {
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    out.add(Path.of(line.trim()));
                } catch (InvalidPathException e) {
                    // a line from another system: skip it
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
