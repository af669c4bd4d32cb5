package dev.conch.editor.document;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.xml.NetworkXml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The autosave copy of one network: {@code ~/.conch/recovery/NAME-HASH.xml} (the hash of the network file's
 * absolute path, so two glass-drone.xml in different folders do not share one). Kept out of the network's own
 * folder so autosaves never appear beside the files a sound designer commits. The folder can be moved with
 * {@code -Dconch.recovery.dir=...} (the tests use target/). No JavaFX; callers run it off the UI thread.
 */
public final class Recovery {
    private final Path file;
    private final Path copy;

    private Recovery(Path file, Path copy) {
        this.file = file;
        this.copy = copy;
    }

    public static Path defaultDir() {
        String dir = System.getProperty("conch.recovery.dir");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".conch", "recovery");
    }

    /** The recovery copy for a network file (null: an untitled network). */
    public static Recovery forFile(Path networkFile, Path dir) {
        if (networkFile == null) return new Recovery(null, dir.resolve("untitled.xml"));
        Path abs = networkFile.toAbsolutePath().normalize();
        String name = abs.getFileName().toString().replaceFirst("\\.xml$", "");
        String hash = HexFormat.of().formatHex(sha1(abs.toString())).substring(0, 10);
        return new Recovery(abs, dir.resolve(name + "-" + hash + ".xml"));
    }

    public Path path() {
        return copy;
    }

    /** Writes the copy (atomically, as every network save is). */
    public void write(NetworkSpec spec) throws IOException {
        Files.createDirectories(copy.getParent());
        NetworkXml.write(spec, copy);
    }

    /**
     * The copy, when there is one written after the network file was last saved (a crash, or a close without
     * saving); empty otherwise, or when the copy cannot be read (it is then left for a person to look at).
     */
    public Optional<NetworkSpec> newer() {
        try {
            if (!Files.isRegularFile(copy)) return Optional.empty();
            if (file != null && Files.exists(file)
                    && Files.getLastModifiedTime(copy).compareTo(Files.getLastModifiedTime(file)) <= 0) {
                return Optional.empty();
            }
            return Optional.of(NetworkXml.read(copy));
        } catch (IOException | NetworkException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes the copy (after a save, or when the designer declines it). */
    public void discard() throws IOException {
        Files.deleteIfExists(copy);
    }

    private static byte[] sha1(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
