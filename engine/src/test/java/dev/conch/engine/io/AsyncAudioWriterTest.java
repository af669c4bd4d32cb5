package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncAudioWriterTest {
    @TempDir
    Path dir;

    @Test
    void offlineRenderWithAwaitSpaceLosesNothing() throws Exception {
        Path file = dir.resolve("render.wav");
        int frames = 200_000;
        float[][] x = WavTestSupport.exactSignal(SampleFormat.PCM24, 2, frames, 7);
        // a small ring (8 x 256) so awaitSpace really has to wait for the writer thread
        AsyncAudioWriter w = AsyncAudioWriter.open(file, 2, 48000, SampleFormat.PCM24, 256, 2048);
        float[][] block = new float[2][256];
        for (int done = 0; done < frames; ) {
            int n = Math.min(256, frames - done);
            for (int c = 0; c < 2; c++) System.arraycopy(x[c], done, block[c], 0, n);
            w.awaitSpace(n);
            assertTrue(w.offer(block, n), "offer after awaitSpace must succeed");
            done += n;
        }
        assertFalse(Files.exists(file), "nothing at the target before close");
        AsyncAudioWriter.Result r = w.close();
        assertEquals(frames, r.framesWritten());
        assertEquals(0, r.framesDropped());
        AudioData d = AudioFileLoader.load(file);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                if (x[c][i] != d.channels()[c][i]) throw new AssertionError("channel " + c + " frame " + i);
            }
        }
    }

    @Test
    void fullRingDropsWholeBlocksAndCountsThem() throws Exception {
        Path file = dir.resolve("live.wav");
        AsyncAudioWriter w = AsyncAudioWriter.open(file, 1, 48000, SampleFormat.FLOAT32, 100, 1000);
        w.stallForTest(true);
        float[][] block = new float[1][100];
        int accepted = 0;
        for (int b = 0; b < 15; b++) {
            java.util.Arrays.fill(block[0], b);
            if (w.offer(block, 100)) accepted++;
        }
        assertEquals(10, accepted, "a ring of 1000 frames takes 10 blocks of 100");
        assertEquals(500, w.framesDropped());
        w.stallForTest(false);
        AsyncAudioWriter.Result r = w.close();
        assertEquals(1000, r.framesWritten());
        assertEquals(500, r.framesDropped());
        assertEquals(5, r.blocksDropped());
        float[] y = AudioFileLoader.load(file).channels()[0];
        assertEquals(1000, y.length);
        for (int i = 0; i < 1000; i++) assertEquals(i / 100, y[i], "frame " + i + " comes from block " + i / 100);
    }

    @Test
    void abortDeletesTheTempFileAndKeepsTheTarget() throws Exception {
        Path file = dir.resolve("old.wav");
        Files.writeString(file, "old");
        AsyncAudioWriter w = AsyncAudioWriter.open(file, 2, 48000, SampleFormat.PCM16, 64);
        assertTrue(Files.exists(w.tempFile()));
        assertEquals(AsyncAudioWriter.RING_SECONDS * 48000, w.ringCapacity(), "seconds of audio at 48 kHz beat 8 x 64 frames");
        w.offer(new float[2][64], 64);
        w.abort();
        assertEquals("old", Files.readString(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
