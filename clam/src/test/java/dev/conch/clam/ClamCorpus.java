package dev.conch.clam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CLAM's 125 networks, read where they are kept (../shared/clam, or the conch.clam system property); never copied. */
public final class ClamCorpus {
    private ClamCorpus() {
    }

    public static Path root() {
        String prop = System.getProperty("conch.clam");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "clam");
        if (!Files.isDirectory(p)) p = Path.of("..", "shared", "clam");
        return p.toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** Every {@code .clamnetwork} under the root, in a fixed order. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(ClamImporter::isClamFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
