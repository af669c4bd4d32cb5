package dev.conch.engine.io;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * Streams a WAV file to disk: samples go to a temporary file beside the target ({@code name.wav.part-XXXXXXXX},
 * same folder so the final rename is atomic) and {@link #commit()} moves it over the target. Until then the
 * target is untouched; {@link #abort()} leaves nothing behind.
 *
 * <p>Layout: 16-bit mono/stereo is plain {@code WAVE_FORMAT_PCM} (1); 32-bit float mono/stereo is
 * {@code WAVE_FORMAT_IEEE_FLOAT} (3) with a {@code fact} chunk. Everything with more than 2 channels, and 24-bit
 * PCM at any channel count, is {@code WAVE_FORMAT_EXTENSIBLE} (0xFFFE) as Microsoft asks for more than 16 bits or
 * more than 2 channels, with the standard speaker mask for up to 8 channels (0: unassigned beyond) and the PCM or
 * IEEE-float sub-format GUID. (Float stays tag 3 at 1-2 channels because that is what every reader knows.)
 *
 * <p>Size: a RIFF file holds at most 4 GiB (its sizes are 32-bit). Every file is written with a 28-byte
 * {@code JUNK} chunk right after {@code WAVE}, the reservation EBU Tech 3306 recommends: when the file ends up
 * larger, {@link #commit()} turns it into an RF64 file in place ({@code RF64}, the JUNK chunk becomes {@code ds64}
 * with the 64-bit RIFF size, data size and sample count, and the 32-bit fields become 0xFFFFFFFF). A smaller file
 * stays a plain RIFF WAV; every reader we know (sox, ffmpeg, Java Sound, this package's loader) skips JUNK.
 *
 * <p>Conversion to PCM: the sample times 2^(bits-1), clipped to [-2^(bits-1), 2^(bits-1)-1] (that is, to
 * [-1, 1-2^-(bits-1)] in float terms), rounded with {@link Math#rint} (nearest, ties to even, like C's lrint). So a
 * float that is an exact PCM code ({@code k / 2^(bits-1)}) is written as exactly that code. NaN is written as 0.
 * Float files store the samples unchanged (no clipping).
 *
 * <p>Metadata ({@link AudioMetadata}) goes in a RIFF {@code LIST/INFO} chunk before {@code data} (INAM, IART,
 * ICMT, ISFT, ICRD, each NUL-terminated and padded to even length), where sox, ffmpeg and Windows find it.
 * With dither on, 16/24-bit samples pass through a seeded TPDF {@link Quantizer}.
 *
 * <p>Not thread-safe: one thread writes, then commits or aborts. Not for the audio thread (it does I/O): the
 * {@link AsyncAudioWriter} feeds it from a ring.
 */
public final class WavWriter implements AudioWriter {
    /** RIFF sizes are unsigned 32-bit: the whole file minus 8 bytes must fit, or the file becomes RF64. */
    static final long RIFF_LIMIT = 0xFFFF_FFFFL;
    /** The payload of the reserved JUNK chunk, the size of a ds64 chunk without a table. */
    private static final int DS64_SIZE = 28;
    private static final int BUFFER_BYTES = 1 << 16;
    /** Little-endian stores of a frame's codes into a byte array, for a stereo frame in one store. */
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Room past a buffer's frames: a 24-bit stereo frame is stored as 8 bytes, its last 2 overwritten by the next. */
    private static final int SPARE_BYTES = 2;

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    /** KSDATAFORMAT_SUBTYPE_xxx = {0000000t-0000-0010-8000-00aa00389b71}, bytes after the 2-byte tag. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
            (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private final TempTarget file;
    private final int channels;
    private final SampleFormat format;
    private final long sampleRate;
    private final int blockAlign;
    private final int formatTag;
    private final int fmtSize;
    private final boolean hasFact;
    private final int headerSize;
    /** Largest RIFF size (file size - 8) before the file becomes RF64: {@link #RIFF_LIMIT}, or lower in tests. */
    private final long riffLimit;
    private final ByteBuffer buffer;
    /** the same memory as {@link #buffer}, seen as floats (position 0 = byte 0) */
    private final FloatBuffer floats;
    /** integer PCM is encoded here first, then copied into {@link #buffer} at once */
    private final byte[] staging;
    /** what the codes stored so far sum to (16/24-bit only, else null) */
    private final CodeSquares squares;
    /** 2^(bits-1), full scale in codes (16/24-bit) */
    private final double scale;
    private final byte[] info;
    private final Quantizer quantizer;
    private long dataBytes;
    private boolean finished;

    private WavWriter(TempTarget file, int channels, long sampleRate, SampleFormat format, long riffLimit,
                      WriteOptions options) {
        this.file = file;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.format = format;
        this.blockAlign = channels * format.bytesPerSample();
        boolean extensible = channels > 2 || format == SampleFormat.PCM24;
        this.formatTag = extensible ? WAVE_FORMAT_EXTENSIBLE
                : format.isFloat() ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM;
        this.fmtSize = extensible ? 40 : format.isFloat() ? 18 : 16;
        this.hasFact = format.isFloat();
        this.info = infoChunk(options.metadata());
        this.quantizer = format.isFloat() ? null : new Quantizer(format.bits(), options.dither(), options.ditherSeed());
        this.headerSize = 12 + (8 + DS64_SIZE) + 8 + fmtSize + (hasFact ? 12 : 0) + info.length + 8;
        this.riffLimit = riffLimit;
        // a whole number of frames per buffer, so a frame never straddles two flushes
        // direct, so the channel writes it without a copy
        this.buffer = ByteBuffer.allocateDirect(Math.max(blockAlign, BUFFER_BYTES / blockAlign * blockAlign))
                .order(ByteOrder.LITTLE_ENDIAN);
        this.floats = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        this.staging = new byte[buffer.capacity() + SPARE_BYTES];
        this.squares = quantizer == null ? null : new CodeSquares(channels);
        this.scale = 1L << (format.bits() - 1);
    }

    /**
     * Creates the temporary file beside {@code target} and writes a provisional header.
     *
     * @throws IOException naming the file when the folder is missing or not writable
     * @throws IllegalArgumentException for a channel count below 1 or a sample rate WAV cannot store
     */
    public static WavWriter open(Path target, int channels, double sampleRate, SampleFormat format) throws IOException {
        return open(target, channels, sampleRate, format, RIFF_LIMIT);
    }

    /** As {@link #open(Path, int, double, SampleFormat)} with dither and metadata from {@code options}. */
    public static WavWriter open(Path target, int channels, double sampleRate, WriteOptions options) throws IOException {
        return open(target, channels, sampleRate, options.format(), RIFF_LIMIT, options);
    }

    /** As {@link #open(Path, int, double, SampleFormat)} becoming RF64 past a lower limit, so tests can reach it. */
    static WavWriter open(Path target, int channels, double sampleRate, SampleFormat format, long riffLimit)
            throws IOException {
        return open(target, channels, sampleRate, format, riffLimit,
                new WriteOptions(FileType.WAV, format, false, 0, AudioMetadata.EMPTY));
    }

    private static WavWriter open(Path target, int channels, double sampleRate, SampleFormat format, long riffLimit,
                                  WriteOptions options) throws IOException {
        if (channels < 1 || channels > 0xFFFF / 4) {
            throw new IllegalArgumentException("cannot write " + target + ": " + channels
                    + " channels (a WAV file takes 1 to " + (0xFFFF / 4) + ")");
        }
        if (!(sampleRate >= 1) || sampleRate != Math.rint(sampleRate) || sampleRate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot write " + target + ": a WAV file stores a whole number of "
                    + "samples per second, not " + sampleRate + " Hz");
        }
        TempTarget t = TempTarget.create(target);
        WavWriter w = new WavWriter(t, channels, (long) sampleRate, format, riffLimit, options);
        try {
            w.writeHeader(); // placeholder sizes, patched by commit
            t.channel().position(w.headerSize); // a positional write leaves the channel's position at 0
        } catch (IOException e) {
            w.abort();
            throw new IOException("cannot write " + t.target() + ": " + e.getMessage(), e);
        }
        return w;
    }

    public Path target() {
        return file.target();
    }

    /** The temporary file the samples go to until {@link #commit()}. */
    public Path tempFile() {
        return file.temp();
    }

    public int channels() {
        return channels;
    }

    public SampleFormat format() {
        return format;
    }

    public Clipping clipping() {
        return quantizer == null ? Clipping.NONE : quantizer.clipping();
    }

    @Override
    public long framesWritten() {
        return dataBytes / blockAlign;
    }

    /**
     * Appends {@code frames} frames: sample {@code i} of channel {@code c} is {@code channels[c][offset + i]}.
     *
     * @throws IOException naming the file on a write error
     */
    public void write(float[][] data, int offset, int frames) throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        if (data.length < channels) {
            throw new IllegalArgumentException(data.length + " channel arrays given, " + channels + " needed");
        }
        long first = dataBytes / blockAlign;
        try {
            for (int f = 0; f < frames; ) {
                if (buffer.remaining() < blockAlign) flush();
                int n = Math.min(frames - f, buffer.remaining() / blockAlign);
                encode(data, offset + f, n, first + f);
                f += n;
            }
            dataBytes += (long) frames * blockAlign;
        } catch (IOException e) {
            throw new IOException("cannot write " + target() + " (temporary file " + file.temp().getFileName() + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public CodeSquares codeSquares() {
        return squares;
    }

    /** 1.5 x 2^52: a double near it steps by 1, so adding it rounds to an integer, which its low bits then hold. */
    private static final double ROUNDER = 0x1.8p52;

    /**
     * Scales, clips to the code range, rounds to nearest (ties to even, as {@link Math#rint}); NaN becomes 0. Rounded by
     * adding {@link #ROUNDER}, whose sum's low 32 bits are the code (two's complement, for |v| up to 2^31): the
     * hardware's own round-to-nearest-even, with no call, where {@code Math.rint} runs as a call to StrictMath until
     * the JIT's last tier compiles the loop (3 % of a batch's samples).
     */
    static int pcm(float x, double scale) {
        double v = x * scale;
        if (v > scale - 1) v = scale - 1;
        else if (v < -scale) v = -scale;
        else if (v != v) return 0; // a NaN's payload would reach the low bits
        return (int) Double.doubleToRawLongBits(v + ROUNDER);
    }

    /**
     * Finishes the file: writes the pad byte and the real sizes, forces it to disk and renames it over the target
     * (atomically where the file system can; otherwise replacing it). On failure the temporary file is deleted.
     */
    public void commit() throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        try {
            flush();
            if ((dataBytes & 1) != 0) {
                // RIFF chunks are word-aligned: an odd data chunk (24-bit, odd frame count) gets one zero pad byte
                buffer.put((byte) 0);
                flush();
            }
            writeHeader();
            file.moveOver();
            finished = true;
        } catch (IOException e) {
            abort();
            throw new IOException("cannot finish " + target() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file; the target stays as it was. Safe to call more than once and after a failure. */
    public void abort() {
        finished = true;
        file.discard();
    }

    /** Aborts unless committed: try-with-resources never leaves a half-written target. */
    @Override
    public void close() {
        if (!finished) abort();
    }

    /** Appends n frames starting at {@code from}, frames {@code frame ..} of the file; the buffer has room for them. */
    private void encode(float[][] data, int from, int n, long frame) {
        switch (format) {
            case PCM16, PCM24 -> {
                // codes go into a heap copy and on in one bulk put: a put per byte into the direct buffer was most
                // of a batch's writing time. Their squares are summed in the loop that codes them, where they are
                // in registers: a pass of their own over the codes cost as much as coding them
                if (quantizer.dithers()) encodeDithered(data, from, n, frame);
                else if (channels == 2) encodeStereo(data[0], data[1], from, n, frame);
                else for (int c = 0; c < channels; c++) encodeChannel(c, data[c], from, n, frame);
                buffer.put(staging, 0, n * blockAlign);
            }
            case FLOAT32 -> {
                // through the float view: a bulk copy for mono, no per-sample byte-order work either way
                int at = buffer.position() / Float.BYTES;
                if (channels == 1) {
                    floats.position(at);
                    floats.put(data[0], from, n);
                } else {
                    for (int c = 0; c < channels; c++) {
                        float[] d = data[c];
                        for (int i = 0, k = at + c; i < n; i++, k += channels) floats.put(k, d[from + i]);
                    }
                }
                buffer.position(buffer.position() + n * blockAlign);
            }
        }
    }

    /**
     * Two channels without dither, frame by frame: a frame's two codes in one store (8 bytes for 24-bit, the last 2
     * overwritten by the next frame's, hence {@link #SPARE_BYTES}), their squares into each channel's four lanes.
     * Clipping and peaks come from each channel's largest magnitude ({@link #accountRun}), tracked as the integer
     * bits of |x|: a float's magnitude orders as its bits do, and an integer max costs a fraction of a float one.
     */
    private void encodeStereo(float[] l, float[] r, int from, int n, long frame) {
        byte[] b = staging;
        double[] ll = squares.lanes[0], rl = squares.lanes[1];
        double full = scale;
        boolean wide = format == SampleFormat.PCM24;
        int topL = 0, topR = 0;
        int i = 0;
        // one frame at a time up to a frame of lane 0, then four at a time, each lane in locals, then the rest
        for (; i < n && ((frame + i) & 3) != 0; i++) {
            float x = l[from + i], y = r[from + i];
            topL = Math.max(topL, magnitudeBits(x));
            topR = Math.max(topR, magnitudeBits(y));
            int v = pcm(x, full), w = pcm(y, full);
            storeStereo(b, i * blockAlign, v, w, wide);
            int lane = (int) ((frame + i) & 3);
            ll[lane] += (double) v * v;
            rl[lane] += (double) w * w;
        }
        double l0 = ll[0], l1 = ll[1], l2 = ll[2], l3 = ll[3];
        double r0 = rl[0], r1 = rl[1], r2 = rl[2], r3 = rl[3];
        for (; i + 4 <= n; i += 4) {
            int at = from + i;
            float x0 = l[at], x1 = l[at + 1], x2 = l[at + 2], x3 = l[at + 3];
            float y0 = r[at], y1 = r[at + 1], y2 = r[at + 2], y3 = r[at + 3];
            topL = Math.max(topL, Math.max(Math.max(magnitudeBits(x0), magnitudeBits(x1)),
                    Math.max(magnitudeBits(x2), magnitudeBits(x3))));
            topR = Math.max(topR, Math.max(Math.max(magnitudeBits(y0), magnitudeBits(y1)),
                    Math.max(magnitudeBits(y2), magnitudeBits(y3))));
            int v0 = pcm(x0, full), v1 = pcm(x1, full), v2 = pcm(x2, full), v3 = pcm(x3, full);
            int w0 = pcm(y0, full), w1 = pcm(y1, full), w2 = pcm(y2, full), w3 = pcm(y3, full);
            int p = i * blockAlign;
            storeStereo(b, p, v0, w0, wide);
            storeStereo(b, p + blockAlign, v1, w1, wide);
            storeStereo(b, p + 2 * blockAlign, v2, w2, wide);
            storeStereo(b, p + 3 * blockAlign, v3, w3, wide);
            l0 += (double) v0 * v0;
            l1 += (double) v1 * v1;
            l2 += (double) v2 * v2;
            l3 += (double) v3 * v3;
            r0 += (double) w0 * w0;
            r1 += (double) w1 * w1;
            r2 += (double) w2 * w2;
            r3 += (double) w3 * w3;
        }
        ll[0] = l0;
        ll[1] = l1;
        ll[2] = l2;
        ll[3] = l3;
        rl[0] = r0;
        rl[1] = r1;
        rl[2] = r2;
        rl[3] = r3;
        for (; i < n; i++) {
            float x = l[from + i], y = r[from + i];
            topL = Math.max(topL, magnitudeBits(x));
            topR = Math.max(topR, magnitudeBits(y));
            int v = pcm(x, full), w = pcm(y, full);
            storeStereo(b, i * blockAlign, v, w, wide);
            int lane = (int) ((frame + i) & 3);
            ll[lane] += (double) v * v;
            rl[lane] += (double) w * w;
        }
        accountRun(l, from, n, topL);
        accountRun(r, from, n, topR);
    }

    private static void storeStereo(byte[] b, int p, int v, int w, boolean wide) {
        if (wide) LONG_LE.set(b, p, (v & 0xFF_FFFFL) | (long) (w & 0xFF_FFFF) << 24);
        else INT_LE.set(b, p, (v & 0xFFFF) | w << 16);
    }

    /** The bits of |x|: ordered as the magnitudes are, and above those of infinity for NaN. */
    private static int magnitudeBits(float x) {
        return Float.floatToRawIntBits(x) & 0x7FFF_FFFF;
    }

    /**
     * One channel of any count without dither, its codes stored byte by byte at its place in each frame (a wider
     * store would overwrite the next channel's bytes, already written), their squares into its four lanes.
     */
    private void encodeChannel(int c, float[] x, int from, int n, long frame) {
        byte[] b = staging;
        double[] lane = squares.lanes[c];
        double full = scale;
        boolean wide = format == SampleFormat.PCM24;
        int top = 0;
        int p = c * format.bytesPerSample();
        for (int i = 0; i < n; i++, p += blockAlign) {
            float s = x[from + i];
            top = Math.max(top, magnitudeBits(s));
            int v = pcm(s, full);
            b[p] = (byte) v;
            b[p + 1] = (byte) (v >> 8);
            if (wide) b[p + 2] = (byte) (v >> 16);
            lane[(int) ((frame + i) & 3)] += (double) v * v;
        }
        accountRun(x, from, n, top);
    }

    /**
     * {@code x[from .. from + n)} coded without dither, the largest of its {@link #magnitudeBits} {@code top}: its
     * clipping counted ({@link Quantizer#account}) and its peak code taken. Coding is monotonic, and odd but for the
     * clamp, so the largest |code| is the largest magnitude's code, unless that magnitude reaches the clamp: then,
     * and for a NaN (written as 0), the run is looked through again, rarely.
     */
    private void accountRun(float[] x, int from, int n, int top) {
        float magnitude = Float.intBitsToFloat(top);
        if (top > 0x7F80_0000) { // a NaN
            magnitude = 0f;
            for (int i = from; i < from + n; i++) {
                if (Math.abs(x[i]) > magnitude) magnitude = Math.abs(x[i]); // false for NaN
            }
        }
        quantizer.account(x, from, n, magnitude);
        int code;
        if (magnitude * scale <= scale - 1) {
            code = (int) Math.rint(magnitude * scale);
        } else {
            code = 0;
            for (int i = from; i < from + n; i++) code = Math.max(code, Math.abs(pcm(x[i], scale)));
        }
        if (code > squares.peak) squares.peak = code;
    }

    /** With dither, frame by frame as its sequence is drawn, each code as {@link Quantizer#code} gives it. */
    private void encodeDithered(float[][] data, int from, int n, long frame) {
        byte[] b = staging;
        boolean wide = format == SampleFormat.PCM24;
        int top = squares.peak;
        int p = 0;
        for (int i = 0; i < n; i++) {
            int lane = (int) ((frame + i) & 3);
            for (int c = 0; c < channels; c++) {
                int v = quantizer.code(data[c][from + i]);
                b[p++] = (byte) v;
                b[p++] = (byte) (v >> 8);
                if (wide) b[p++] = (byte) (v >> 16);
                squares.lanes[c][lane] += (double) v * v;
                top = Math.max(top, Math.abs(v));
            }
        }
        squares.peak = top;
    }

    private void flush() throws IOException {
        buffer.flip();
        file.write(buffer);
        buffer.clear();
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        long riffSize = headerSize - 8 + dataBytes + (dataBytes & 1);
        long frames = dataBytes / blockAlign;
        boolean rf64 = riffSize > riffLimit; // no longer fits RIFF's 32-bit sizes
        if (rf64) {
            h.put(ascii("RF64")).putInt(-1).put(ascii("WAVE"));
            h.put(ascii("ds64")).putInt(DS64_SIZE).putLong(riffSize).putLong(dataBytes).putLong(frames).putInt(0);
        } else {
            h.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
            h.put(ascii("JUNK")).putInt(DS64_SIZE).put(new byte[DS64_SIZE]); // room for ds64, should it be needed
        }
        h.put(ascii("fmt ")).putInt(fmtSize);
        h.putShort((short) formatTag).putShort((short) channels).putInt((int) sampleRate)
                .putInt((int) (sampleRate * blockAlign)).putShort((short) blockAlign).putShort((short) format.bits());
        if (fmtSize == 18) {
            h.putShort((short) 0); // cbSize: no extension
        } else if (fmtSize == 40) {
            h.putShort((short) 22).putShort((short) format.bits()).putInt(channelMask(channels));
            h.putShort((short) (format.isFloat() ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM)).put(GUID_TAIL);
        }
        h.put(info);
        // in RF64 the 32-bit counts say "see ds64"
        if (hasFact) h.put(ascii("fact")).putInt(4).putInt(rf64 && frames > RIFF_LIMIT ? -1 : (int) frames);
        h.put(ascii("data")).putInt(rf64 ? -1 : (int) dataBytes);
        h.flip();
        long pos = 0;
        while (h.hasRemaining()) pos += file.channel().write(h, pos);
    }

    /** A LIST/INFO chunk with the non-empty fields, or nothing when there is no metadata. */
    static byte[] infoChunk(AudioMetadata m) {
        if (m.isEmpty()) return new byte[0];
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(ascii("INFO"));
        infoField(body, "INAM", m.title());
        infoField(body, "IART", m.artist());
        infoField(body, "ICMT", m.comment());
        infoField(body, "ISFT", m.software());
        infoField(body, "ICRD", m.date());
        byte[] b = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + b.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("LIST")).putInt(b.length).put(b);
        return out.array();
    }

    private static void infoField(java.io.ByteArrayOutputStream out, String id, String text) {
        if (text.isEmpty()) return;
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int len = t.length + 1; // NUL-terminated
        ByteBuffer b = ByteBuffer.allocate(8 + len + (len & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii(id)).putInt(len).put(t);
        out.writeBytes(b.array());
    }

    /** Microsoft's usual speaker layouts (mono = centre, 5.1 = 0x3F, 7.1 = 0x63F); 0 (unassigned) beyond 8. */
    static int channelMask(int channels) {
        return switch (channels) {
            case 1 -> 0x4;
            case 2 -> 0x3;
            case 3 -> 0x7;
            case 4 -> 0x33;
            case 5 -> 0x37;
            case 6 -> 0x3F;
            case 7 -> 0x13F;
            case 8 -> 0x63F;
            default -> 0;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
