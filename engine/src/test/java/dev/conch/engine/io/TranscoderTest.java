package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transcode either completes or leaves the target exactly as it was, with no temporary file behind. */
class TranscoderTest {
    @TempDir
    Path dir;

    private Path source(float[][] x) throws IOException {
        Path f = dir.resolve("render.wav");
        try (WavWriter w = WavWriter.open(f, x.length, 48000, SampleFormat.FLOAT32)) {
            w.write(x, 0, x[0].length);
            w.commit();
        }
        return f;
    }

    @Test
    void copiesIntoTheRequestedFormatWithMetadata() throws Exception {
        float[][] x = WavTestSupport.exactSignal(SampleFormat.PCM16, 2, 50_000, 2);
        Path src = source(x);
        Path out = dir.resolve("out.flac");
        WriteOptions o = WriteOptions.forTarget(out, SampleFormat.PCM16);
        assertEquals(50_000, Transcoder.transcode(src, out, o, done -> { }).frames());
        AudioData d = AudioFileLoader.load(out);
        for (int c = 0; c < 2; c++) assertArrayEquals(x[c], d.channels()[c]);
    }

    @Test
    void anExceptionOrAnInterruptLeavesTheTargetUntouched() throws Exception {
        float[][] x = WavTestSupport.exactSignal(SampleFormat.PCM24, 2, 50_000, 3);
        Path src = source(x);
        for (FileType type : FileType.values()) {
            Path out = dir.resolve("keep." + type.code());
            Files.writeString(out, "the previous render");
            WriteOptions o = new WriteOptions(type, SampleFormat.PCM24, true, 1, null);
            // an exception in the middle (as a failing render would throw)
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Transcoder.transcode(src, out, o,
                    done -> {
                        if (done > 20_000) throw new IllegalStateException("boom");
                    }));
            assertEquals("boom", e.getMessage());
            assertEquals("the previous render", Files.readString(out), type + ": target untouched after an exception");
            // Ctrl-C: the shutdown hook interrupts the rendering thread
            assertThrows(InterruptedException.class, () -> Transcoder.transcode(src, out, o,
                    done -> Thread.currentThread().interrupt()));
            assertEquals("the previous render", Files.readString(out), type + ": target untouched after an interrupt");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".part-")).count(),
                        type + ": no temporary file left behind");
            }
        }
    }
}
