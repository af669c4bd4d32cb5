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
}
