package dev.conch.processors.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFileWriterTest {
    @TempDir
    Path dir;

    /** Runs the writer as the engine would (open, blocks of varying size with awaitCapacity between, close). */
    private AudioData record(String format, float[][] x, int maxBlock) throws Exception {
        return record(format, x, maxBlock, "wav");
    }

    private AudioData record(String format, float[][] x, int maxBlock, String extension) throws Exception {
        Path file = dir.resolve("rec-" + format + "." + extension);
        ProcessorHarness h = ProcessorHarness.create(AudioFileWriter.class,
                Map.of("file", file.toString(), "channels", Integer.toString(x.length), "format", format), 48000, maxBlock);
        AudioFileWriter w = (AudioFileWriter) h.processor();
        w.open();
        Random sizes = new Random(3);
        int frames = x[0].length;
        for (int done = 0; done < frames; ) {
            int n = Math.min(1 + sizes.nextInt(maxBlock), frames - done);
            for (int c = 0; c < x.length; c++) System.arraycopy(x[c], done, h.in("in" + (c + 1)), 0, n);
            w.awaitCapacity();
            h.process(n);
            done += n;
        }
        assertFalse(Files.exists(file), "the file appears only at close");
        w.close();
        assertEquals(frames, w.result().framesWritten());
        assertEquals(0, w.result().framesDropped());
        return AudioFileLoader.load(file);
    }

    @Test
    void pcm24StereoReadsBackTheSameSamples() throws Exception {
        int frames = 120_000; // more than the 1 s ring, so awaitCapacity matters
        Random r = new Random(11);
        float[][] x = new float[2][frames];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) x[c][i] = (r.nextInt(1 << 24) - (1 << 23)) / 8388608f; // exact codes
        }
        x[0][0] = -1f;
        x[1][0] = 8388607f / 8388608;
        AudioData d = record("24", x, 256);
        assertEquals(48000, d.sampleRate());
        assertEquals(2, d.channelCount());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                if (x[c][i] != d.channels()[c][i]) {
                    throw new AssertionError("channel " + c + " frame " + i + ": " + x[c][i] + " vs " + d.channels()[c][i]);
                }
            }
        }
    }

    @Test
    void float32ThreeChannelsKeepsValuesBeyondFullScale() throws Exception {
        Random r = new Random(5);
        float[][] x = new float[3][5000];
        for (float[] ch : x) for (int i = 0; i < ch.length; i++) ch[i] = (float) (r.nextGaussian() * 2);
        AudioData d = record("32f", x, 64);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 5000; i++) assertEquals(Float.floatToRawIntBits(x[c][i]),
                    Float.floatToRawIntBits(d.channels()[c][i]), "channel " + c + " frame " + i);
        }
    }

    @Test
    void pcm16ClipsAndRoundsTheWayTheWriterSays() throws Exception {
        float[][] x = {{2f, -2f, 0.5f, 1.5f / 32768, 2.5f / 32768}};
        AudioData d = record("16", x, 8);
        float[] expected = {32767f / 32768, -1f, 0.5f, 2f / 32768, 2f / 32768}; // clip; ties to even
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], d.channels()[0][i], "sample " + i);
    }

    @Test
    void declaresOneInputPerChannelAndDefaultsTo24Bit() {
        ProcessorDescriptor desc = ProcessorRegistry.of(AudioFileWriter.class).descriptor("AudioFileWriter");
        assertEquals("Files", desc.category());
        assertEquals(2, desc.inputs().size());
        assertEquals("24", desc.param("format").defaultText());
        ProcessorRegistry.Created c = ProcessorRegistry.of(AudioFileWriter.class)
                .create("AudioFileWriter", Map.of("channels", "6", "file", "x.wav"));
        assertEquals(6, c.processor().inputs().size());
        assertEquals("in6", c.processor().inputs().get(5).name());
    }

    @Test
    void missingFileParamIsASentence() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessorHarness.create(AudioFileWriter.class, Map.of(), 48000, 64));
        assertTrue(e.getMessage().contains("'file' parameter"), e.getMessage());
    }

    @Test
    void theExtensionPicksAiffOrFlacAndFlacRefusesFloat() throws Exception {
        float[][] x = new float[2][3000];
        Random r = new Random(5);
        for (float[] ch : x) for (int i = 0; i < ch.length; i++) ch[i] = (r.nextInt(65536) - 32768) / 32768f;
        for (String ext : new String[] {"aiff", "flac"}) {
            AudioData d = record("16", x, 256, ext);
            assertTrue(d.format().startsWith(ext.equals("aiff") ? "AIFF" : "FLAC"), d.format());
            for (int c = 0; c < 2; c++) org.junit.jupiter.api.Assertions.assertArrayEquals(x[c], d.channels()[c], ext);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProcessorHarness.create(
                AudioFileWriter.class, Map.of("file", dir.resolve("x.flac").toString(), "format", "32f"), 48000, 64));
        assertTrue(e.getMessage().contains("x.flac") && e.getMessage().contains("FLAC stores integers only"),
                e.getMessage());
    }
}
