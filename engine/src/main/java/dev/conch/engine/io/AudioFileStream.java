package dev.conch.engine.io;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the samples of an uncompressed file (WAV/RF64/BW64, AIFF/AIFF-C, AU) block by block from any frame, into
 * float arrays the caller owns: full scale at ±1, integer codes divided by 2^(bits-1) of their container (so
 * full-scale negative is exactly -1 and every code round-trips through the writers bit-exactly), µ-law and A-law
 * by the G.711 tables, floats unchanged (64-bit rounded to 32).
 *
 * <p>After {@link #open} nothing allocates: one byte buffer of {@value #BUFFER_BYTES} bytes (rounded to whole
 * frames) is reused for every {@link #read}. It does I/O, so it belongs on a reader thread, never the audio thread.
 */
public final class AudioFileStream implements Closeable {
    static final int BUFFER_BYTES = 1 << 16;
    /** Whole-sample loads from the heap copy: a 24-bit sample as an int whose fourth byte is the next one's. */
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final float[] ULAW = new float[256];
    private static final float[] ALAW = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW[i] = ulaw(i) / 32768f;
            ALAW[i] = alaw(i) / 32768f;
        }
    }

    private final AudioHeader header;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    /** the buffer seen as floats, for 32-bit float files (the common case for renders): decoded in bulk */
    private final FloatBuffer floats;
    /** a heap copy of the buffer, decoded from without a bounds check per byte: 16- and 24-bit PCM only, else null */
    private final byte[] bytes;
    private final int frameBytes;
    private long position;

    private AudioFileStream(AudioHeader header, FileChannel channel) {
        this.header = header;
        this.channel = channel;
        this.frameBytes = header.frameBytes();
        int frames = Math.max(1, BUFFER_BYTES / frameBytes);
        ByteOrder order = header.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        // direct, so the channel reads into it without a copy
        this.buffer = ByteBuffer.allocateDirect(frames * frameBytes).order(order);
        this.bytes = header.encoding() == SampleEncoding.SIGNED && (header.bytesPerSample() == 2 || header.bytesPerSample() == 3)
                ? new byte[buffer.capacity() + 1] : null; // + 1: the last 24-bit sample is loaded as 4 bytes
        this.floats = header.encoding() == SampleEncoding.FLOAT && header.bytesPerSample() == 4
                ? buffer.duplicate().order(order).asFloatBuffer() : null;
    }

    /**
     * Opens an uncompressed audio file for block reading.
     *
     * @throws AudioFileException naming the file and the problem (also for FLAC, which must be loaded whole with
     *                            {@link AudioFileLoader#load})
     */
    public static AudioFileStream open(Path file) throws AudioFileException {
        Path f = AudioFileLoader.checkExists(file);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(f, StandardOpenOption.READ);
            AudioHeader h = HeaderParser.parse(f, ch);
            if (h == null) {
                throw new AudioFileException(f, "audio file " + f + " is not in a format Conch can read (WAV, AIFF, AU, FLAC, or MP3 named .mp3): "
                        + AudioFileLoader.sniff(f));
            }
            return new AudioFileStream(h, ch);
        } catch (AudioFileException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new AudioFileException(f, "cannot read audio file " + f + ": " + e.getMessage(), e);
        }
    }

    static AudioFileStream open(AudioHeader h, FileChannel ch) {
        return new AudioFileStream(h, ch);
    }

    public Path file() {
        return header.file();
    }

    public int channels() {
        return header.channels();
    }

    public double sampleRate() {
        return header.sampleRate();
    }

    public long frames() {
        return header.frames();
    }

    public AudioMetadata metadata() {
        return header.metadata();
    }

    /** For people: "WAVE, 24-bit signed PCM, little-endian, 2 ch, 48000 Hz". */
    public String format() {
        return header.describe();
    }

    /** The next frame {@link #read} returns. */
    public long position() {
        return position;
    }

    /** Moves to {@code frame}, clamped to [0, frames]. No I/O happens until the next read. */
    public void seek(long frame) {
        position = Math.max(0, Math.min(frame, header.frames()));
    }

    /**
     * Reads up to {@code frames} frames into {@code dst[c][offset ...]} and advances.
     *
     * @return frames read: fewer than asked only at the end of the file (0 there)
     * @throws IOException naming the file if the disk read fails or the file shrank since it was opened
     */
    public int read(float[][] dst, int offset, int frames) throws IOException {
        int want = (int) Math.min(frames, header.frames() - position);
        int done = 0;
        int channels = header.channels();
        while (done < want) {
            int n = Math.min(want - done, buffer.capacity() / frameBytes);
            buffer.clear().limit(n * frameBytes);
            long at = header.dataOffset() + position * frameBytes;
            while (buffer.hasRemaining()) {
                int r = channel.read(buffer, at + buffer.position());
                if (r < 0) {
                    throw new AudioFileException(header.file(), "audio file " + header.file()
                            + " became shorter while it was being read (another program changed it)");
                }
            }
            if (floats != null) {
                int to = offset + done;
                if (channels == 1) {
                    floats.position(0);
                    floats.get(dst[0], to, n);
                } else {
                    for (int c = 0; c < channels; c++) {
                        float[] d = dst[c];
                        for (int i = 0, k = c; i < n; i++, k += channels) d[to + i] = floats.get(k);
                    }
                }
            } else if (bytes != null) {
                decodePcm(n, dst, offset + done);
            } else {
                for (int i = 0; i < n; i++) {
                    int base = i * frameBytes;
                    for (int c = 0; c < channels; c++) {
                        dst[c][offset + done + i] = sample(base + c * header.bytesPerSample());
                    }
                }
            }
            done += n;
            position += n;
        }
        return done;
    }

    /**
     * 16- and 24-bit PCM, the formats takes and sample libraries come in, decoded channel by channel from a heap copy
     * of the buffer: the same arithmetic as {@link #sample}, without a bounds-checked buffer access per byte (a batch
     * of 24-bit files spent most of its reading time there).
     */
    private void decodePcm(int n, float[][] dst, int to) {
        byte[] b = bytes;
        buffer.get(0, b, 0, n * frameBytes);
        int width = header.bytesPerSample();
        boolean big = header.bigEndian();
        for (int c = 0; c < dst.length && c < header.channels(); c++) {
            float[] d = dst[c];
            int p = c * width;
            // one load per sample, its order fixed: a VarHandle chosen at run time would not be compiled inline
            if (width == 2 && big) {
                for (int i = 0; i < n; i++, p += frameBytes) d[to + i] = (short) SHORT_BE.get(b, p) / 32768f;
            } else if (width == 2) {
                for (int i = 0; i < n; i++, p += frameBytes) d[to + i] = (short) SHORT_LE.get(b, p) / 32768f;
            } else if (big) {
                // the three bytes high, then the next byte, shifted out keeping the sign
                for (int i = 0; i < n; i++, p += frameBytes) d[to + i] = ((int) INT_BE.get(b, p) >> 8) / 8388608f;
            } else {
                // the next byte high, shifted out, the sample's top byte then shifted back keeping the sign
                for (int i = 0; i < n; i++, p += frameBytes) d[to + i] = ((int) INT_LE.get(b, p) << 8 >> 8) / 8388608f;
            }
        }
    }

    private float sample(int p) {
        ByteBuffer b = buffer;
        switch (header.encoding()) {
            case FLOAT:
                return header.bytesPerSample() == 4 ? b.getFloat(p) : (float) b.getDouble(p);
            case ULAW:
                return ULAW[b.get(p) & 0xFF];
            case ALAW:
                return ALAW[b.get(p) & 0xFF];
            case UNSIGNED:
                return ((b.get(p) & 0xFF) - 128) / 128f;
            default:
                break;
        }
        switch (header.bytesPerSample()) {
            case 1:
                return b.get(p) / 128f;
            case 2:
                return b.getShort(p) / 32768f;
            case 3: {
                int v = header.bigEndian()
                        ? (b.get(p) << 16) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p + 2) & 0xFF)
                        : (b.get(p + 2) << 16) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p) & 0xFF);
                return v / 8388608f;
            }
            default:
                return (float) (b.getInt(p) / 2147483648.0);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    /** G.711 µ-law code to a 16-bit linear value. */
    static int ulaw(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /** G.711 A-law code to a 16-bit linear value. */
    static int alaw(int code) {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) t += 8;
        else if (seg == 1) t += 0x108;
        else t = (t + 0x108) << (seg - 1);
        return (a & 0x80) != 0 ? t : -t;
    }
}
