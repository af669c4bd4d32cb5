package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WavWriterTest {
    @TempDir
    Path dir;

    static Stream<Arguments> formatsAndChannels() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (SampleFormat f : SampleFormat.values()) {
            for (int ch : new int[] {1, 2, 6}) b.add(Arguments.of(f, ch));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}, {1} ch")
    @MethodSource("formatsAndChannels")
    void writtenSamplesReadBackBitExactByLoaderAndByJavaSound(SampleFormat format, int channels) throws Exception {
        int frames = 1001; // odd: 24-bit mono needs the RIFF pad byte
        float[][] x = WavTestSupport.exactSignal(format, channels, frames, 42 + channels);
        Path file = dir.resolve("t.wav");
        try (WavWriter w = WavWriter.open(file, channels, 48000, format)) {
            // uneven pieces, through an offset, to cross the internal buffer boundaries
            int done = 0;
            int[] pieces = {1, 7, 300, 693};
            float[][] shifted = new float[channels][frames + 5];
            for (int c = 0; c < channels; c++) System.arraycopy(x[c], 0, shifted[c], 5, frames);
            for (int p : pieces) {
                w.write(shifted, 5 + done, p);
                done += p;
            }
            assertEquals(frames, done);
            w.commit();
        }
        AudioData loaded = AudioFileLoader.load(file);
        assertEquals(48000.0, loaded.sampleRate());
        assertEquals(channels, loaded.channelCount());
        assertEquals(frames, loaded.frames());
        float[][] js = WavTestSupport.readWithJavaSound(file.toFile());
        assertEquals(channels, js.length);
        for (int c = 0; c < channels; c++) {
            assertBitExact(x[c], loaded.channels()[c], "loader, channel " + c);
            assertBitExact(x[c], js[c], "Java Sound, channel " + c);
        }
        long expectedData = (long) frames * channels * format.bytesPerSample();
        assertEquals(expectedData % 2 == 0 ? expectedData : expectedData + 1,
                Files.size(file) - headerSize(format, channels), "data bytes plus pad");
    }

    private static int headerSize(SampleFormat f, int channels) {
        boolean ext = channels > 2 || f == SampleFormat.PCM24;
        int fmt = ext ? 40 : f.isFloat() ? 18 : 16;
        return 12 + 8 + fmt + (f.isFloat() ? 12 : 0) + 8;
    }

    private static void assertBitExact(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + ", frame " + i + ": expected " + expected[i] + " got " + actual[i]);
            }
        }
    }

    @Test
    void pcm16StereoHeaderByteByByte() throws IOException {
        Path file = dir.resolve("h.wav");
        try (WavWriter w = WavWriter.open(file, 2, 44100, SampleFormat.PCM16)) {
            w.write(new float[][] {{0.5f, -1f, 1f}, {-0.25f, 2f, 1.5f / 32768}}, 0, 3);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int dataBytes = 3 * 2 * 2;
        assertEquals(44 + dataBytes, b.limit());
        assertEquals("RIFF", ascii(b, 0));
        assertEquals(36 + dataBytes, b.getInt(4));
        assertEquals("WAVE", ascii(b, 8));
        assertEquals("fmt ", ascii(b, 12));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20)); // WAVE_FORMAT_PCM
        assertEquals(2, b.getShort(22));
        assertEquals(44100, b.getInt(24));
        assertEquals(44100 * 4, b.getInt(28)); // byte rate
        assertEquals(4, b.getShort(32)); // block align
        assertEquals(16, b.getShort(34));
        assertEquals("data", ascii(b, 36));
        assertEquals(dataBytes, b.getInt(40));
        // samples interleaved L R; 2.0 and 1.0 clip to 32767; 1.5 LSB rounds half-to-even to 2
        short[] expected = {16384, -8192, -32768, 32767, 32767, 2};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], b.getShort(44 + 2 * i), "sample " + i);
    }

    @Test
    void float32MonoHeaderHasFormat3AndFactChunk() throws IOException {
        Path file = dir.resolve("f.wav");
        try (WavWriter w = WavWriter.open(file, 1, 96000, SampleFormat.FLOAT32)) {
            w.write(new float[][] {{0.1f, -3f, 0f}}, 0, 3);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(58 + 12, b.limit());
        assertEquals(58 - 8 + 12, b.getInt(4));
        assertEquals(18, b.getInt(16));
        assertEquals(3, b.getShort(20)); // WAVE_FORMAT_IEEE_FLOAT
        assertEquals(1, b.getShort(22));
        assertEquals(96000, b.getInt(24));
        assertEquals(96000 * 4, b.getInt(28));
        assertEquals(4, b.getShort(32));
        assertEquals(32, b.getShort(34));
        assertEquals(0, b.getShort(36)); // cbSize
        assertEquals("fact", ascii(b, 38));
        assertEquals(4, b.getInt(42));
        assertEquals(3, b.getInt(46)); // sample frames
        assertEquals("data", ascii(b, 50));
        assertEquals(12, b.getInt(54));
        assertEquals(-3f, b.getFloat(62)); // not clipped
    }

    @Test
    void pcm24SixChannelsIsExtensibleWith51MaskAndPcmGuid() throws IOException {
        Path file = dir.resolve("x.wav");
        try (WavWriter w = WavWriter.open(file, 6, 48000, SampleFormat.PCM24)) {
            w.write(new float[6][1], 0, 1);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(68 + 18, b.limit());
        assertEquals(68 - 8 + 18, b.getInt(4));
        assertEquals(40, b.getInt(16));
        assertEquals(0xFFFE, b.getShort(20) & 0xFFFF);
        assertEquals(6, b.getShort(22));
        assertEquals(48000 * 18, b.getInt(28));
        assertEquals(18, b.getShort(32));
        assertEquals(24, b.getShort(34));
        assertEquals(22, b.getShort(36)); // cbSize
        assertEquals(24, b.getShort(38)); // valid bits
        assertEquals(0x3F, b.getInt(40)); // FL FR FC LFE BL BR
        byte[] guid = new byte[16];
        b.get(44, guid);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
                (byte) 0x9B, 0x71}, guid);
        assertEquals("data", ascii(b, 60));
        assertEquals(18, b.getInt(64));
    }

    @Test
    void targetIsUntouchedUntilCommitThenReplacedAtomically() throws IOException {
        Path file = dir.resolve("take.wav");
        byte[] old = "previous take".getBytes(StandardCharsets.UTF_8);
        Files.write(file, old);
        WavWriter w = WavWriter.open(file, 1, 48000, SampleFormat.PCM16);
        Path temp = w.tempFile();
        assertEquals(dir.toAbsolutePath(), temp.getParent(), "temp file beside the target");
        assertTrue(temp.getFileName().toString().startsWith("take.wav.part-"), temp.toString());
        w.write(new float[][] {new float[5000]}, 0, 5000);
        assertArrayEquals(old, Files.readAllBytes(file), "target untouched while writing");
        w.commit();
        assertFalse(Files.exists(temp));
        assertEquals(44 + 10000, Files.size(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the target remains");
        }
    }

    @Test
    void abortLeavesNeitherTempFileNorTarget() throws IOException {
        Path file = dir.resolve("never.wav");
        WavWriter w = WavWriter.open(file, 2, 48000, SampleFormat.PCM24);
        w.write(new float[2][64], 0, 64);
        assertTrue(Files.exists(w.tempFile()));
        w.abort();
        w.abort(); // idempotent
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
        assertThrows(IllegalStateException.class, () -> w.write(new float[2][1], 0, 1));
    }

    @Test
    void abortKeepsAnExistingTarget() throws IOException {
        Path file = dir.resolve("keep.wav");
        Files.writeString(file, "keep me");
        try (WavWriter w = WavWriter.open(file, 1, 48000, SampleFormat.FLOAT32)) {
            w.write(new float[1][10], 0, 10);
        } // close without commit aborts
        assertEquals("keep me", Files.readString(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void missingFolderIsNamedInTheError() {
        Path file = dir.resolve("no/such/folder/out.wav");
        IOException e = assertThrows(IOException.class, () -> WavWriter.open(file, 1, 48000, SampleFormat.PCM16));
        assertTrue(e.getMessage().contains("out.wav") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void passingTheWavSizeLimitFailsClearlyWithoutWriting() throws IOException {
        Path file = dir.resolve("huge.wav");
        try (WavWriter w = WavWriter.open(file, 2, 48000, SampleFormat.PCM16, 400)) {
            w.write(new float[2][100], 0, 100); // exactly 400 bytes: allowed
            IOException e = assertThrows(IOException.class, () -> w.write(new float[2][1], 0, 1));
            assertTrue(e.getMessage().contains("4 GiB") && e.getMessage().contains("huge.wav"), e.getMessage());
            assertEquals(100, w.framesWritten());
        }
        // the real limit: header + data + pad must fit the 32-bit RIFF size
        WavWriter w = WavWriter.open(dir.resolve("big.wav"), 1, 48000, SampleFormat.PCM16);
        IOException e = assertThrows(IOException.class, () -> w.write(new float[1][1], 0, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("4 GiB"), e.getMessage());
        w.abort();
    }

    @Test
    void pcmConversionClipsAndRoundsHalfToEven() {
        assertEquals(32767, WavWriter.pcm(1.0f, 32768));
        assertEquals(-32768, WavWriter.pcm(-1.0f, 32768));
        assertEquals(-32768, WavWriter.pcm(-7f, 32768));
        assertEquals(32767, WavWriter.pcm(Float.POSITIVE_INFINITY, 32768));
        assertEquals(0, WavWriter.pcm(Float.NaN, 32768));
        assertEquals(0, WavWriter.pcm(0.5f / 32768, 32768));
        assertEquals(2, WavWriter.pcm(1.5f / 32768, 32768));
        assertEquals(-2, WavWriter.pcm(-2.5f / 32768, 32768));
        assertEquals(8388607, WavWriter.pcm(1.0f, 8388608));
        assertEquals(3, WavWriter.pcm(3f / 8388608, 8388608));
    }

    @Test
    void sampleFormatParsesTheThreeCodesAndNamesThemOtherwise() {
        assertEquals(SampleFormat.PCM16, SampleFormat.parse("16"));
        assertEquals(SampleFormat.PCM24, SampleFormat.parse(" 24 "));
        assertEquals(SampleFormat.FLOAT32, SampleFormat.parse("32F"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleFormat.parse("8"));
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("24") && e.getMessage().contains("32f"),
                e.getMessage());
        assertEquals("24-bit PCM", SampleFormat.PCM24.label());
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] x = new byte[4];
        b.get(at, x);
        return new String(x, StandardCharsets.US_ASCII);
    }
}
