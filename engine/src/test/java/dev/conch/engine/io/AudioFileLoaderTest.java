package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFileLoaderTest {
    @TempDir
    Path dir;

    /** Writes raw sample bytes with Java Sound's own writer, so the loader is checked against an independent file. */
    private Path javaSoundFile(String name, AudioFormat fmt, byte[] samples, AudioFileFormat.Type type) throws IOException {
        Path f = dir.resolve(name);
        try (AudioInputStream s = new AudioInputStream(new ByteArrayInputStream(samples), fmt,
                samples.length / fmt.getFrameSize())) {
            AudioSystem.write(s, type, f.toFile());
        }
        return f;
    }

    @Test
    void readsBigEndian16BitAiffWrittenByJavaSound() throws IOException {
        AudioFormat fmt = new AudioFormat(44100, 16, 2, true, true);
        // frames: (-32768, 32767), (256, -2)
        byte[] b = {(byte) 0x80, 0x00, 0x7F, (byte) 0xFF, 0x01, 0x00, (byte) 0xFF, (byte) 0xFE};
        AudioData d = AudioFileLoader.load(javaSoundFile("a.aiff", fmt, b, AudioFileFormat.Type.AIFF));
        assertEquals(44100, d.sampleRate());
        assertEquals(2, d.channelCount());
        assertEquals(2, d.frames());
        assertEquals(-1f, d.channels()[0][0]);
        assertEquals(32767f / 32768, d.channels()[1][0]);
        assertEquals(256f / 32768, d.channels()[0][1]);
        assertEquals(-2f / 32768, d.channels()[1][1]);
        assertTrue(d.format().contains("AIFF") && d.format().contains("big-endian"), d.format());
    }

    @Test
    void readsUnsigned8BitWavWrittenByJavaSound() throws IOException {
        AudioFormat fmt = new AudioFormat(8000, 8, 1, false, false);
        byte[] b = {0, (byte) 128, (byte) 255, 64};
        AudioData d = AudioFileLoader.load(javaSoundFile("u8.wav", fmt, b, AudioFileFormat.Type.WAVE));
        assertEquals(8000, d.sampleRate());
        float[] x = d.channels()[0];
        assertEquals(-1f, x[0]);
        assertEquals(0f, x[1]);
        assertEquals(127f / 128, x[2]);
        assertEquals(-0.5f, x[3]);
    }

    @Test
    void readsLittleEndian32BitIntegerWavWrittenByJavaSound() throws IOException {
        AudioFormat fmt = new AudioFormat(48000, 32, 1, true, false);
        // 0x80000000 (-1.0) and 0x40000000 (0.5), little-endian
        byte[] b = {0, 0, 0, (byte) 0x80, 0, 0, 0, 0x40};
        AudioData d = AudioFileLoader.load(javaSoundFile("i32.wav", fmt, b, AudioFileFormat.Type.WAVE));
        assertEquals(-1f, d.channels()[0][0]);
        assertEquals(0.5f, d.channels()[0][1]);
    }

    @Test
    void probeReadsTheHeaderOnly() throws IOException {
        Path f = dir.resolve("p.wav");
        try (WavWriter w = WavWriter.open(f, 3, 22050, SampleFormat.PCM24)) {
            w.write(new float[3][77], 0, 77);
            w.commit();
        }
        AudioFileInfo info = AudioFileLoader.probe(f);
        assertEquals(3, info.channels());
        assertEquals(22050, info.sampleRate());
        assertEquals(77, info.frames());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("ghost.wav");
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioFileLoader.load(f));
        assertMessage(e, "ghost.wav", "does not exist");
        assertMessage(assertThrows(AudioFileException.class, () -> AudioFileLoader.probe(f)), "ghost.wav", "does not exist");
    }

    @Test
    void textFileNamedWavIsRecognisedAsText() throws IOException {
        Path f = dir.resolve("notes.wav");
        Files.writeString(f, "remember to record the glass\n");
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioFileLoader.load(f));
        assertMessage(e, "notes.wav", "not in a format");
        assertMessage(e, "text", "remember to record");
        assertMessage(assertThrows(AudioFileException.class, () -> AudioFileLoader.probe(f)), "notes.wav", "text");
    }

    @Test
    void emptyFileAndUnsupportedWaveEncodingSayWhatWasFound() throws IOException {
        Path empty = dir.resolve("empty.wav");
        Files.write(empty, new byte[0]);
        assertMessage(assertThrows(AudioFileException.class, () -> AudioFileLoader.load(empty)), "empty.wav", "empty");
        // a WAVE header announcing MP3 (0x0055) data
        Path mp3 = dir.resolve("mp3.wav");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(60).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(52).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 0x55).putShort((short) 2).putInt(44100).putInt(16000).putShort((short) 1)
                .putShort((short) 0).put("data".getBytes()).putInt(16);
        Files.write(mp3, b.array());
        assertMessage(assertThrows(AudioFileException.class, () -> AudioFileLoader.load(mp3)), "mp3.wav", "0x0055 (MP3)");
    }

    @Test
    void truncatedWavIsAnErrorSayingHowManyFrames() throws IOException {
        for (SampleFormat format : SampleFormat.values()) {
            Path f = dir.resolve("cut-" + format.code() + ".wav");
            try (WavWriter w = WavWriter.open(f, 2, 48000, format)) {
                w.write(new float[2][100], 0, 100);
                w.commit();
            }
            byte[] all = Files.readAllBytes(f);
            // drop the last 30 frames and a half
            int cut = 30 * 2 * format.bytesPerSample() + format.bytesPerSample();
            Files.write(f, java.util.Arrays.copyOf(all, all.length - cut));
            AudioFileException e = assertThrows(AudioFileException.class, () -> AudioFileLoader.load(f), format.code());
            assertMessage(e, f.getFileName().toString(), "truncated");
            assertMessage(e, "100 frames", "only 69");
        }
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
}
