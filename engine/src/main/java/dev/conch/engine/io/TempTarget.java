package dev.conch.engine.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary file beside a target ({@code name.ext.part-XXXXXXXX}, same folder so the final rename is atomic)
 * that every writer fills before {@link #moveOver} puts it in place.
 */
record TempTarget(Path target, Path temp, FileChannel channel) {

    static TempTarget create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(absolute.toString(), null,
                    "cannot write " + absolute + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) throw new IOException("cannot write " + absolute + ": it is a folder");
        String base = absolute.getFileName().toString() + ".part-";
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(base + String.format("%08x", ThreadLocalRandom.current().nextInt()));
            try {
                // CREATE_NEW: never clobber another writer's temp file; default permissions follow the umask
                return new TempTarget(absolute, temp,
                        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) throw e;
            } catch (IOException e) {
                throw new IOException("cannot write " + absolute + ": cannot create a file in " + dir + " ("
                        + e.getMessage() + ")", e);
            }
        }
    }

    /** Forces the data to disk, closes and renames over the target (atomically where the file system can). */
    void moveOver() throws IOException {
        if (channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Closes and deletes the temporary file; best effort, safe to repeat. */
    void discard() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is being thrown away
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .part file is visible and harmless
        }
    }
}
