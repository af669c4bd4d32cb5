package dev.conch.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The temporary file beside a target ({@code name.ext.part-XXXXXXXX}, same folder so the final rename is atomic)
 * that every writer fills before {@link #moveOver} puts it in place.
 *
 * <p>The data reaches the disk as the file grows: after every {@link #SYNC_BYTES} written, a force runs on a
 * daemon thread of its own. Forcing on the writing thread stalled it for the disk's whole write-back, the ring
 * from the audio thread filled, and a 600 s render to disk took 0.2 s longer; forcing only at the end made
 * {@link #moveOver} wait 0.3 s for 115 MB at once.
 */
public final class TempTarget {
    /** Data written between two background forces. */
    static final long SYNC_BYTES = 8L << 20;

    /** One thread per sync in flight (a writer has at most one), gone a minute after its last. */
    private static final ExecutorService SYNCER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conch-disk-sync");
        t.setDaemon(true);
        return t;
    });

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private long unsynced;
    /** The force in flight, or the last one (its failure is reported by {@link #moveOver}). */
    private CompletableFuture<Void> syncing = CompletableFuture.completedFuture(null);
    /** Background forces of this file that completed, and the thread of the last: what the tests check. */
    private final AtomicInteger forced = new AtomicInteger();
    private volatile Thread lastForcer;
    /** Whether {@link #moveOver} forced the whole file before renaming it: what the tests check. */
    private boolean forcedWhenMoved;

    private TempTarget(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

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

    /**
     * Writes {@code bytes} to {@code target} the way every writer does: a temporary file beside it, moved over it
     * when complete. The folder must exist (it is never created) and the target must not be a folder (it is never
     * deleted); on any failure the target is as it was and the temporary file is gone.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        TempTarget t = create(target);
        boolean moved = false;
        try {
            t.write(java.nio.ByteBuffer.wrap(bytes));
            t.moveOver();
            moved = true;
        } finally {
            if (!moved) t.discard();
        }
    }

    /**
     * Where a write to {@code target} ends up, to tell whether two writers would write the same file: the
     * folder's real path (links and {@code ..} resolved) with the file name. The file itself need not exist; a
     * link in its place is replaced, not followed, so it is not resolved.
     */
    public static Path canonical(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) return absolute;
        try {
            return dir.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute; // no such folder: nothing can be written there, and the writers say so
        }
    }

    Path target() {
        return target;
    }

    Path temp() {
        return temp;
    }

    FileChannel channel() {
        return channel;
    }

    /** Writes all of {@code data} at the channel's position, and starts a background force now and then. */
    void write(ByteBuffer data) throws IOException {
        unsynced += data.remaining();
        while (data.hasRemaining()) channel.write(data);
        // FileChannel.force takes none of the locks write takes, so the writer goes on while the disk catches up
        if (unsynced >= SYNC_BYTES && syncing.isDone()) {
            unsynced = 0;
            syncing = CompletableFuture.runAsync(this::forceData, SYNCER);
        }
    }

    /** Waits for the background force, forces the rest, closes and renames over the target (atomically where the
     * file system can). */
    void moveOver() throws IOException {
        if (channel.isOpen()) {
            try {
                syncing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            channel.force(true);
            forcedWhenMoved = true;
            channel.close();
        } else {
            // a writer with a stream of its own (FLAC's encoder) closed the channel: its bytes reach the disk before
            // the rename all the same (a force is of the file, whichever descriptor wrote it)
            try (FileChannel written = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            forcedWhenMoved = true;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** How many background forces of this file have completed. */
    int backgroundForces() {
        return forced.get();
    }

    /** Whether the file was forced to the disk, all of it, before {@link #moveOver} renamed it. */
    boolean forcedWhenMoved() {
        return forcedWhenMoved;
    }

    /** The thread that ran the last background force of this file, or null. */
    Thread lastForcer() {
        return lastForcer;
    }

    /** Closes and deletes the temporary file; best effort, safe to repeat. */
    void discard() {
        try {
            channel.close(); // a background force still running ends with an exception nobody waits for
        } catch (IOException ignored) {
            // the file is being thrown away
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .part file is visible and harmless
        }
    }

    private void forceData() {
        try {
            channel.force(false);
            lastForcer = Thread.currentThread();
            forced.incrementAndGet();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }
}
