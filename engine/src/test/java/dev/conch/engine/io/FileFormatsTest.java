package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every container Conch writes read back bit-exactly, exact conversion values in the raw bytes, metadata,
 * seeded TPDF dither, and hand-built headers for the flavours Java Sound never wrote for us (RF64 with ds64,
 * 64-bit float, AIFF-C sowt/fl32, AU of unknown length, odd chunks without their pad byte).
 */
class FileFormatsTest {
    @TempDir
    Path dir;

    @Test
    void everyContainerAndSampleFormatRoundTripsBitExactly() throws IOException {
        for (FileType type : FileType.values()) {
            for (SampleFormat format : SampleFormat.values()) {
                if (type == FileType.FLAC && format.isFloat()) continue;
                for (int channels : new int[] {1, 2, 6}) {
                    float[][] x = WavTestSupport.exactSignal(format, channels, 5001, 7 + channels);
                    Path f = dir.resolve("rt-" + format.code() + "-" + channels + "." + type.code());
                    WriteOptions o = new WriteOptions(type, format, false, 0, AudioMetadata.EMPTY);
                    try (AudioWriter w = AudioWriter.open(f, channels, 44100, o)) {
                        w.write(x, 0, 1234); // two writes: the split must not show
                        w.write(x, 1234, 5001 - 1234);
                        w.commit();
                    }
                    AudioData d = AudioFileLoader.load(f);
                    String what = type + " " + format + " " + channels + " ch: " + d.format();
                    assertEquals(44100, d.sampleRate(), what);
                    assertEquals(channels, d.channelCount(), what);
                    for (int c = 0; c < channels; c++) assertArrayEquals(x[c], d.channels()[c], what);
                    assertEquals(5001, AudioFileLoader.probe(f).frames(), what);
                }
            }
        }
    }

    @Test
    void conversionToIntegersGivesTheExpectedCodesInTheRawBytes() throws IOException {
        float[][] x = {{1.0f, -1.0f, 0.5f, 2.0f, -3.0f, Float.NaN, 0.25f / 32768, 0.75f / 32768}};
        // the largest positive code, -full scale, half, clipped, clipped, NaN -> 0, rounds to 0, rounds to 1
        int[] want16 = {32767, -32768, 16384, 32767, -32768, 0, 0, 1};
        Path aiff = dir.resolve("codes.aiff");
        try (AudioWriter w = AudioWriter.open(aiff, 1, 48000, new WriteOptions(FileType.AIFF, SampleFormat.PCM16,
                false, 0, null))) {
            w.write(x, 0, x[0].length);
            w.commit();
        }
        byte[] b = Files.readAllBytes(aiff);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int data = indexOf(b, "SSND") + 16;
        for (int i = 0; i < want16.length; i++) assertEquals(want16[i], bb.getShort(data + 2 * i), "sample " + i);
        // the sample rate as an 80-bit extended float: 48000 = 0xBB80 · 2^0 → exponent 16383 + 15
        int comm = indexOf(b, "COMM") + 8;
        assertEquals(16383 + 15, bb.getShort(comm + 8));
        assertEquals(0xBB80L << 48, bb.getLong(comm + 10));
    }

    @Test
    void metadataIsWrittenToInfoAiffChunksAndVorbisCommentsAndReadBack() throws IOException {
        AudioMetadata m = new AudioMetadata("Glass drone", "Ada Lovelace", "take 3, room mics", "Conch 0.1", "2026-11-25");
        for (FileType type : FileType.values()) {
            Path f = dir.resolve("meta." + type.code());
            try (AudioWriter w = AudioWriter.open(f, 2, 48000, new WriteOptions(type, SampleFormat.PCM24, false, 0, m))) {
                w.write(new float[2][101], 0, 101); // odd byte count: the data chunk gets its pad
                w.commit();
            }
            assertEquals(m, AudioFileLoader.metadata(f), type.toString());
            assertEquals(101, AudioFileLoader.load(f).frames());
            String raw = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (type == FileType.WAV) {
                assertTrue(raw.contains("LIST") && raw.contains("INFOINAM") && raw.contains("IART"), "LIST/INFO chunk");
            } else if (type == FileType.AIFF) {
                assertTrue(raw.contains("NAME") && raw.contains("AUTH") && raw.contains("ANNO"), "AIFF text chunks");
            } else {
                assertTrue(raw.contains("TITLE=Glass drone") && raw.contains("ENCODER=Conch"), "FLAC Vorbis comments");
            }
        }
    }

    @Test
    void tpdfDitherIsSeededUnbiasedAndIndependentOfBlockSize() throws IOException {
        // a constant 0.3 LSB: plain rounding gives 0 every time; TPDF dither gives codes whose mean is 0.3
        int n = 200_000;
        float[][] x = {new float[n]};
        java.util.Arrays.fill(x[0], 0.3f / 32768);
        float[] plain = write("plain.wav", x, false, 1, n).channels()[0];
        for (float v : plain) assertEquals(0f, v);
        float[] a = write("a.wav", x, true, 42, n).channels()[0];
        float[] b = write("b.wav", x, true, 42, 1).channels()[0]; // one frame per write call
        float[] c = write("c.wav", x, true, 43, n).channels()[0];
        assertArrayEquals(a, b, "same seed, any block size: same file");
        assertFalse(java.util.Arrays.equals(a, c), "another seed gives another dither");
        double mean = 0, sq = 0;
        for (float v : a) {
            double code = v * 32768.0;
            assertTrue(code >= -1 && code <= 2, "TPDF stays within ±1 LSB of the input before rounding: " + code);
            mean += code;
            sq += (code - 0.3) * (code - 0.3);
        }
        mean /= n;
        // rounding after TPDF: E[code] = 0.3 exactly; error power 1/6 (dither) + 1/12 (rounding) = 0.25 LSB²
        assertEquals(0.3, mean, 0.01, "dithered mean");
        assertEquals(0.25, sq / n, 0.01, "total noise power in LSB²");
    }

    private AudioData write(String name, float[][] x, boolean dither, long seed, int block) throws IOException {
        Path f = dir.resolve(name);
        try (AudioWriter w = AudioWriter.open(f, 1, 48000,
                new WriteOptions(FileType.WAV, SampleFormat.PCM16, dither, seed, null))) {
            for (int i = 0; i < x[0].length; i += block) w.write(x, i, Math.min(block, x[0].length - i));
            w.commit();
        }
        return AudioFileLoader.load(f);
    }

    @Test
    void flacRefusesFloatWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.forTarget(dir.resolve("x.flac"), SampleFormat.FLOAT32));
        assertTrue(e.getMessage().contains("FLAC stores integers only"), e.getMessage());
    }

    @Test
    void rf64WithDs64IsRead() throws IOException {
        // an RF64 file: RIFF and data sizes are 0xFFFFFFFF, the real data size sits in ds64
        short[] codes = {0, 1000, -1000, 32767, -32768, 5};
        ByteBuffer b = le(12 + 36 + 24 + 8 + codes.length * 2);
        b.put(ascii("RF64")).putInt(-1).put(ascii("WAVE"));
        b.put(ascii("ds64")).putInt(28).putLong(0).putLong(codes.length * 2L).putLong(codes.length / 2).putInt(0);
        fmt(b, 1, 2, 48000, 16);
        b.put(ascii("data")).putInt(-1);
        for (short s : codes) b.putShort(s);
        AudioData d = AudioFileLoader.load(file("rf64.wav", b));
        assertTrue(d.format().startsWith("RF64"), d.format());
        assertArrayEquals(new float[] {0, -1000 / 32768f, -1}, d.channels()[0]);
        assertArrayEquals(new float[] {1000 / 32768f, 32767 / 32768f, 5 / 32768f}, d.channels()[1]);
    }

    @Test
    void float64ExtensibleAndOddChunksWithoutPadAreRead() throws IOException {
        // 64-bit float inside WAVE_FORMAT_EXTENSIBLE, after an odd-sized unknown chunk written without its pad byte
        double[] v = {0.125, -0.5, 1.5};
        ByteBuffer b = le(12 + 8 + 3 + 48 + 8 + 24);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("junk")).putInt(3).put((byte) 1).put((byte) 2).put((byte) 3); // no pad byte
        b.put(ascii("fmt ")).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(8000).putInt(64000)
                .putShort((short) 8).putShort((short) 64).putShort((short) 22).putShort((short) 64).putInt(4)
                .putShort((short) 3).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
                        (byte) 0x9B, 0x71});
        b.put(ascii("data")).putInt(24);
        for (double x : v) b.putDouble(x);
        AudioData d = AudioFileLoader.load(file("f64.wav", b));
        assertArrayEquals(new float[] {0.125f, -0.5f, 1.5f}, d.channels()[0], d.format());
        assertTrue(d.format().contains("64-bit float"), d.format());
    }

    @Test
    void aiffCSowtAndAuOfUnknownLengthAreRead() throws IOException {
        short[] codes = {100, -200, 32767, -32768};
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 24 + 16 + 8).order(ByteOrder.BIG_ENDIAN);
        b.put(ascii("FORM")).putInt(b.capacity() - 8).put(ascii("AIFC"));
        b.put(ascii("COMM")).putInt(24).putShort((short) 1).putInt(4).putShort((short) 16);
        AiffWriter.putExtended(b, 22050);
        b.put(ascii("sowt")).put((byte) 0).put((byte) 0);
        b.put(ascii("SSND")).putInt(16).putInt(0).putInt(0);
        b.order(ByteOrder.LITTLE_ENDIAN); // sowt: the samples are little-endian
        for (short s : codes) b.putShort(s);
        AudioData d = AudioFileLoader.load(file("sowt.aifc", b));
        assertEquals(22050, d.sampleRate());
        assertArrayEquals(new float[] {100 / 32768f, -200 / 32768f, 32767 / 32768f, -1}, d.channels()[0], d.format());

        ByteBuffer au = ByteBuffer.allocate(24 + 12).order(ByteOrder.BIG_ENDIAN);
        au.put(ascii(".snd")).putInt(24).putInt(-1).putInt(6).putInt(8000).putInt(1); // float, length unknown
        au.putFloat(0.5f).putFloat(-0.25f).putFloat(2f);
        AudioData a = AudioFileLoader.load(file("x.au", au));
        assertArrayEquals(new float[] {0.5f, -0.25f, 2f}, a.channels()[0], a.format());
    }

    @Test
    void g711TablesMatchTheStandardsKnownValues() {
        // G.711: µ-law 0x00 = -32124, 0x80 = +32124, 0xFF = 0; A-law 0xD5 = +8, 0x55 = -8, 0xAA = +32256
        assertEquals(-32124, AudioFileStream.ulaw(0x00));
        assertEquals(32124, AudioFileStream.ulaw(0x80));
        assertEquals(0, AudioFileStream.ulaw(0xFF));
        assertEquals(8, AudioFileStream.alaw(0xD5));
        assertEquals(-8, AudioFileStream.alaw(0x55));
        assertEquals(32256, AudioFileStream.alaw(0xAA));
    }

    @Test
    void streamSeeksAndReadsBlocksIntoTheCallersArrays() throws IOException {
        // 24-bit goes sample by sample, 32-bit float through the bulk float view: mono and stereo of each
        for (SampleFormat format : new SampleFormat[] {SampleFormat.PCM24, SampleFormat.FLOAT32}) {
            for (int channels = 1; channels <= 2; channels++) {
                float[][] x = WavTestSupport.exactSignal(format, channels, 70_000, 3);
                Path f = dir.resolve("seek-" + format + "-" + channels + ".wav");
                try (WavWriter w = WavWriter.open(f, channels, 48000, format)) {
                    w.write(x, 0, 70_000);
                    w.commit();
                }
                try (AudioFileStream s = AudioFileStream.open(f)) {
                    float[][] y = new float[channels][50_000];
                    s.seek(30_000);
                    assertEquals(40_000, s.read(y, 5, 50_000), "only 40000 frames are left after frame 30000");
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < 40_000; i++) {
                            assertEquals(x[c][30_000 + i], y[c][5 + i], format + " " + channels + " ch, frame " + i);
                        }
                    }
                    assertEquals(0, s.read(y, 0, 10));
                }
            }
        }
    }

    static int indexOf(byte[] b, String id) {
        outer:
        for (int i = 0; i + 4 <= b.length; i++) {
            for (int k = 0; k < 4; k++) if (b[i + k] != id.charAt(k)) continue outer;
            return i;
        }
        throw new AssertionError(id + " not found");
    }

    private Path file(String name, ByteBuffer b) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, java.util.Arrays.copyOf(b.array(), b.position()));
        return f;
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void fmt(ByteBuffer b, int tag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        b.put(ascii("fmt ")).putInt(16).putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * align).putShort((short) align).putShort((short) bits);
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
