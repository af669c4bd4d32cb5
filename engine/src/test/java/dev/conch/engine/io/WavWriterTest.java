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
    /** The JUNK chunk every file carries after WAVE (8 + 28 bytes, room for an RF64 ds64): later offsets shift by it. */
    static final int JUNK = 36;

    @TempDir
    Path dir;

    /** The reserved chunk: "JUNK", 28, then 28 zero bytes. */
    private static void assertJunkChunk(ByteBuffer b) {
        assertEquals("JUNK", ascii(b, 12));
        assertEquals(28, b.getInt(16));
        for (int i = 20; i < 48; i++) assertEquals(0, b.get(i), "JUNK byte " + i);
    }

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
        return 12 + JUNK + 8 + fmt + (f.isFloat() ? 12 : 0) + 8;
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
        assertJunkChunk(b);
        int dataBytes = 3 * 2 * 2;
        assertEquals(JUNK + 44 + dataBytes, b.limit());
        assertEquals("RIFF", ascii(b, 0));
        assertEquals(JUNK + 36 + dataBytes, b.getInt(4));
        assertEquals("WAVE", ascii(b, 8));
        assertEquals("fmt ", ascii(b, JUNK + 12));
        assertEquals(16, b.getInt(JUNK + 16));
        assertEquals(1, b.getShort(JUNK + 20)); // WAVE_FORMAT_PCM
        assertEquals(2, b.getShort(JUNK + 22));
        assertEquals(44100, b.getInt(JUNK + 24));
        assertEquals(44100 * 4, b.getInt(JUNK + 28)); // byte rate
        assertEquals(4, b.getShort(JUNK + 32)); // block align
        assertEquals(16, b.getShort(JUNK + 34));
        assertEquals("data", ascii(b, JUNK + 36));
        assertEquals(dataBytes, b.getInt(JUNK + 40));
        // samples interleaved L R; 2.0 and 1.0 clip to 32767; 1.5 LSB rounds half-to-even to 2
        short[] expected = {16384, -8192, -32768, 32767, 32767, 2};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], b.getShort(JUNK + 44 + 2 * i), "sample " + i);
    }

    @Test
    void float32MonoHeaderHasFormat3AndFactChunk() throws IOException {
        Path file = dir.resolve("f.wav");
        try (WavWriter w = WavWriter.open(file, 1, 96000, SampleFormat.FLOAT32)) {
            w.write(new float[][] {{0.1f, -3f, 0f}}, 0, 3);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertJunkChunk(b);
        assertEquals(JUNK + 58 + 12, b.limit());
        assertEquals(JUNK + 58 - 8 + 12, b.getInt(4));
        assertEquals(18, b.getInt(JUNK + 16));
        assertEquals(3, b.getShort(JUNK + 20)); // WAVE_FORMAT_IEEE_FLOAT
        assertEquals(1, b.getShort(JUNK + 22));
        assertEquals(96000, b.getInt(JUNK + 24));
        assertEquals(96000 * 4, b.getInt(JUNK + 28));
        assertEquals(4, b.getShort(JUNK + 32));
        assertEquals(32, b.getShort(JUNK + 34));
        assertEquals(0, b.getShort(JUNK + 36)); // cbSize
        assertEquals("fact", ascii(b, JUNK + 38));
        assertEquals(4, b.getInt(JUNK + 42));
        assertEquals(3, b.getInt(JUNK + 46)); // sample frames
        assertEquals("data", ascii(b, JUNK + 50));
        assertEquals(12, b.getInt(JUNK + 54));
        assertEquals(-3f, b.getFloat(JUNK + 62)); // not clipped
    }

    @Test
    void pcm24SixChannelsIsExtensibleWith51MaskAndPcmGuid() throws IOException {
        Path file = dir.resolve("x.wav");
        try (WavWriter w = WavWriter.open(file, 6, 48000, SampleFormat.PCM24)) {
            w.write(new float[6][1], 0, 1);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertJunkChunk(b);
        assertEquals(JUNK + 68 + 18, b.limit());
        assertEquals(JUNK + 68 - 8 + 18, b.getInt(4));
        assertEquals(40, b.getInt(JUNK + 16));
        assertEquals(0xFFFE, b.getShort(JUNK + 20) & 0xFFFF);
        assertEquals(6, b.getShort(JUNK + 22));
        assertEquals(48000 * 18, b.getInt(JUNK + 28));
        assertEquals(18, b.getShort(JUNK + 32));
        assertEquals(24, b.getShort(JUNK + 34));
        assertEquals(22, b.getShort(JUNK + 36)); // cbSize
        assertEquals(24, b.getShort(JUNK + 38)); // valid bits
        assertEquals(0x3F, b.getInt(JUNK + 40)); // FL FR FC LFE BL BR
        byte[] guid = new byte[16];
        b.get(JUNK + 44, guid);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
                (byte) 0x9B, 0x71}, guid);
        assertEquals("data", ascii(b, JUNK + 60));
        assertEquals(18, b.getInt(JUNK + 64));
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
        assertEquals(JUNK + 44 + 10000, Files.size(file));
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

    /** Past the RIFF limit (lowered here to 1000 bytes; 4 GiB in use) the file is rewritten in place as RF64: the
     * reserved JUNK chunk becomes ds64 with the 64-bit sizes, the 32-bit ones say 0xFFFFFFFF (EBU Tech 3306). */
    @Test
    void pastTheRiffLimitTheFileBecomesRf64() throws IOException {
        Path file = dir.resolve("long.wav");
        int frames = 1001; // stereo 16-bit: 4004 data bytes
        float[][] x = WavTestSupport.exactSignal(SampleFormat.PCM16, 2, frames, 9);
        try (WavWriter w = WavWriter.open(file, 2, 48000, SampleFormat.PCM16, 1000)) {
            w.write(x, 0, frames);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(JUNK + 44 + 4004, b.limit());
        assertEquals("RF64", ascii(b, 0));
        assertEquals(-1, b.getInt(4));
        assertEquals("WAVE", ascii(b, 8));
        assertEquals("ds64", ascii(b, 12));
        assertEquals(28, b.getInt(16));
        assertEquals(b.limit() - 8, b.getLong(20), "RIFF size");
        assertEquals(4004, b.getLong(28), "data size");
        assertEquals(frames, b.getLong(36), "sample count");
        assertEquals(0, b.getInt(44), "table length");
        assertEquals("fmt ", ascii(b, JUNK + 12));
        assertEquals("data", ascii(b, JUNK + 36));
        assertEquals(-1, b.getInt(JUNK + 40));
        AudioData d = AudioFileLoader.load(file);
        assertTrue(d.format().startsWith("RF64"), d.format());
        for (int c = 0; c < 2; c++) assertBitExact(x[c], d.channels()[c], "RF64 channel " + c);
    }

    @Test
    void upToTheRiffLimitTheFileStaysRiff() throws IOException {
        Path file = dir.resolve("fits.wav");
        long riffSize = JUNK + 36 + 4004; // the same file as above, with the limit exactly at its size
        try (WavWriter w = WavWriter.open(file, 2, 48000, SampleFormat.PCM16, riffSize)) {
            w.write(new float[2][1001], 0, 1001);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(b, 0));
        assertEquals(riffSize, b.getInt(4));
        assertJunkChunk(b);
        assertEquals(4004, b.getInt(JUNK + 40));
    }

    @Test
    void anRf64FloatFileKeepsItsFactCountWhileItFits() throws IOException {
        Path file = dir.resolve("long-float.wav");
        float[][] x = {{0.25f, -0.5f, 3f, Float.MIN_VALUE}};
        try (WavWriter w = WavWriter.open(file, 1, 48000, SampleFormat.FLOAT32, 20)) {
            w.write(x, 0, 4);
            w.commit();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RF64", ascii(b, 0));
        assertEquals("fact", ascii(b, JUNK + 38));
        assertEquals(4, b.getInt(JUNK + 46), "the sample count fits 32 bits, so fact keeps it");
        assertBitExact(x[0], AudioFileLoader.load(file).channels()[0], "RF64 float");
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

    /**
     * The writer rounds by an addition instead of {@link Math#rint}: against the definition (clamp, then Math.rint) on
     * every 16- and 24-bit code, every point halfway between two (the ties), their neighbouring floats, random floats
     * across ±2 and NaNs with payloads in every bit.
     */
    @Test
    void pcmConversionIsTheClampedRintOfEveryCodeAndTie() {
        for (double scale : new double[] {32768, 8388608}) {
            int codes = 0;
            for (long k = (long) -scale - 2; k <= scale + 2; k++) {
                for (double at : new double[] {k, k + 0.5}) {
                    float x = (float) (at / scale);
                    for (float y : new float[] {x, Math.nextUp(x), Math.nextDown(x), -x}) {
                        assertPcm(y, scale);
                    }
                    codes++;
                }
            }
            assertEquals(2 * (2 * (long) scale + 5), codes, "every code and tie was tried");
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        for (int i = 0; i < 2_000_000; i++) {
            float x = (float) (4 * r.nextDouble() - 2);
            assertPcm(x, 8388608);
            assertPcm(x, 32768);
        }
        for (int bit = 0; bit < 22; bit++) {
            for (int sign : new int[] {0, 0x8000_0000}) {
                float nan = Float.intBitsToFloat(sign | 0x7FC0_0000 | (1 << bit));
                assertTrue(Float.isNaN(nan));
                assertEquals(0, WavWriter.pcm(nan, 8388608), "NaN with payload bit " + bit);
                assertEquals(0, WavWriter.pcm(nan, 32768), "NaN with payload bit " + bit);
            }
        }
    }

    /** The conversion of {@code x} is as the class documents it: clamped, then {@link Math#rint}. */
    private static void assertPcm(float x, double scale) {
        double v = x * scale;
        int expected = Double.isNaN(v) ? 0 : (int) Math.rint(Math.max(-scale, Math.min(scale - 1, v)));
        int got = WavWriter.pcm(x, scale);
        if (got != expected) assertEquals(expected, got, x + " at scale " + scale); // no message built per call
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
