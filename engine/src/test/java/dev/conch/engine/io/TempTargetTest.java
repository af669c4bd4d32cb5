package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempTargetTest {
    @TempDir
    Path dir;

    /** Over three sync intervals in odd-sized writes: the background forces run beside the writes, and every byte
     * lands where it was written. */
    @Test
    void writesBesideBackgroundForcesLandIntact() throws Exception {
        byte[] expected = new byte[(int) (3 * TempTarget.SYNC_BYTES + 12_345)];
        new Random(7).nextBytes(expected);
        Path target = dir.resolve("big.bin");
        TempTarget t = TempTarget.create(target);
        for (int at = 0; at < expected.length; ) {
            int n = Math.min(65_521, expected.length - at);
            t.write(ByteBuffer.wrap(expected, at, n));
            at += n;
        }
        assertFalse(Files.exists(target), "the target appears only when moved over");
        t.moveOver(); // waits for the force in flight
        // this file's own forces, not any sync thread some earlier test left in the JVM: at least one per interval
        // that did not start while the previous force still ran, so between 1 and 3 here
        int forces = t.backgroundForces();
        assertTrue(forces >= 1 && forces <= 3, forces + " background forces over three sync intervals");
        Thread forcer = t.lastForcer();
        assertTrue(forcer != null && forcer != Thread.currentThread() && forcer.getName().equals("conch-disk-sync"),
                "the last force ran on a disk-sync thread, not the writer: " + forcer);
        assertArrayEquals(expected, Files.readAllBytes(target));
        assertFalse(Files.exists(t.temp()));
    }

    /** Below one sync interval nothing is forced in the background: moveOver forces it all. */
    @Test
    void aSmallFileIsForcedOnlyWhenMovedOver() throws Exception {
        Path target = dir.resolve("small.bin");
        TempTarget t = TempTarget.create(target);
        t.write(ByteBuffer.allocate((int) TempTarget.SYNC_BYTES - 1));
        t.moveOver();
        assertEquals(0, t.backgroundForces());
        assertEquals(null, t.lastForcer());
        assertEquals(TempTarget.SYNC_BYTES - 1, Files.size(target));
    }

    @Test
    void discardWhileAForceMayBeRunningLeavesNothing() throws Exception {
        Path target = dir.resolve("gone.bin");
        TempTarget t = TempTarget.create(target);
        t.write(ByteBuffer.allocate((int) TempTarget.SYNC_BYTES + 1)); // starts a background force
        t.discard();
        assertFalse(Files.exists(t.temp()));
        assertFalse(Files.exists(target));
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "no file left in the folder");
        }
    }
    /**
     * A writer with a stream of its own (FLAC's encoder closes the channel and writes through a FileOutputStream) has
     * its file forced before the rename like any other: moveOver forced only an open channel, so FLAC outputs were
     * renamed into place with their bytes still in the page cache.
     */
    @Test
    void aFileWrittenThroughAStreamOfItsOwnIsForcedBeforeTheRename() throws Exception {
        Path target = dir.resolve("stream.bin");
        TempTarget t = TempTarget.create(target);
        t.channel().close();
        byte[] expected = new byte[100_003];
        new Random(3).nextBytes(expected);
        try (var out = new java.io.FileOutputStream(t.temp().toFile())) {
            out.write(expected);
        }
        assertFalse(t.forcedWhenMoved());
        t.moveOver();
        assertTrue(t.forcedWhenMoved(), "forced before the rename");
        assertArrayEquals(expected, Files.readAllBytes(target));
        assertFalse(Files.exists(t.temp()));

        TempTarget open = TempTarget.create(dir.resolve("channel.bin"));
        open.write(ByteBuffer.wrap(expected));
        open.moveOver();
        assertTrue(open.forcedWhenMoved(), "and a file written through the channel, as before");
    }
}
