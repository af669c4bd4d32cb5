package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(th -> th.getName().equals("conch-disk-sync")),
                "a force ran on the disk-sync thread");
        assertFalse(Files.exists(target), "the target appears only when moved over");
        t.moveOver();
        assertArrayEquals(expected, Files.readAllBytes(target));
        assertFalse(Files.exists(t.temp()));
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
