package dev.conch.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streams an AIFF file (big-endian): 16/24-bit PCM as plain AIFF, 32-bit float as AIFF-C with compression type
 * {@code fl32} (plus the {@code FVER} chunk AIFF-C requires). Metadata goes into {@code NAME} (title),
 * {@code AUTH} (artist) and {@code ANNO} (the comment, then "software: …" and "date: …" lines, since AIFF has no
 * chunks for those). Same temporary-file-then-rename discipline and PCM conversion as {@link WavWriter}.
 */
public final class AiffWriter implements AudioWriter {
    private static final long FORM_LIMIT = 0xFFFF_FFFFL;
    private static final int BUFFER_BYTES = 1 << 16;

    private final TempTarget file;
    private final int channels;
    private final SampleFormat format;
    private final double sampleRate;
    private final int blockAlign;
    private final byte[] text;
    private final boolean aifc;
    private final int headerSize;
    private final ByteBuffer buffer;
    private final Quantizer quantizer;
    private long dataBytes;
    private boolean finished;

    private AiffWriter(TempTarget file, int channels, double sampleRate, WriteOptions options) {
        this.file = file;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.format = options.format();
        this.blockAlign = channels * format.bytesPerSample();
        this.aifc = format.isFloat();
        this.text = textChunks(options.metadata());
        this.quantizer = format.isFloat() ? null : new Quantizer(format.bits(), options.dither(), options.ditherSeed());
        int comm = 8 + (aifc ? 24 : 18);
        this.headerSize = 12 + (aifc ? 12 : 0) + comm + text.length + 16;
        this.buffer = ByteBuffer.allocate(Math.max(blockAlign, BUFFER_BYTES / blockAlign * blockAlign))
                .order(ByteOrder.BIG_ENDIAN);
    }

    public static AiffWriter open(Path target, int channels, double sampleRate, WriteOptions options) throws IOException {
        if (channels < 1 || channels > 0xFFFF / 4) {
            throw new IllegalArgumentException("cannot write " + target + ": " + channels
                    + " channels (an AIFF file takes 1 to " + (0xFFFF / 4) + ")");
        }
        if (!(sampleRate >= 1) || sampleRate > 10_000_000) {
            throw new IllegalArgumentException("cannot write " + target + ": " + sampleRate + " Hz is no sample rate");
        }
        TempTarget t = TempTarget.create(target);
        AiffWriter w = new AiffWriter(t, channels, sampleRate, options);
        try {
            w.writeHeader();
            t.channel().position(w.headerSize);
        } catch (IOException e) {
            w.abort();
            throw new IOException("cannot write " + t.target() + ": " + e.getMessage(), e);
        }
        return w;
    }

    @Override
    public Path target() {
        return file.target();
    }

    @Override
    public Path tempFile() {
        return file.temp();
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public Clipping clipping() {
        return quantizer == null ? Clipping.NONE : quantizer.clipping();
    }

    @Override
    public long framesWritten() {
        return dataBytes / blockAlign;
    }

    @Override
    public void write(float[][] data, int offset, int frames) throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        if (data.length < channels) {
            throw new IllegalArgumentException(data.length + " channel arrays given, " + channels + " needed");
        }
        if (headerSize + dataBytes + (long) frames * blockAlign + 1 - 8 > FORM_LIMIT) {
            throw new IOException("cannot write " + target() + ": an AIFF file holds at most 4 GiB; write RF64 WAV "
                    + "or render a shorter piece");
        }
        try {
            for (int f = 0; f < frames; f++) {
                if (buffer.remaining() < blockAlign) flush();
                int i = offset + f;
                for (int c = 0; c < channels; c++) {
                    float x = data[c][i];
                    switch (format) {
                        case PCM16 -> buffer.putShort((short) quantizer.code(x));
                        case PCM24 -> {
                            int v = quantizer.code(x);
                            buffer.put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
                        }
                        case FLOAT32 -> buffer.putFloat(x);
                    }
                }
            }
            dataBytes += (long) frames * blockAlign;
        } catch (IOException e) {
            throw new IOException("cannot write " + target() + " (temporary file " + tempFile().getFileName() + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        try {
            flush();
            if ((dataBytes & 1) != 0) {
                buffer.put((byte) 0); // IFF chunks are padded to even length
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

    @Override
    public void abort() {
        finished = true;
        file.discard();
    }

    @Override
    public void close() {
        if (!finished) abort();
    }

    private void flush() throws IOException {
        buffer.flip();
        file.write(buffer);
        buffer.clear();
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(headerSize).order(ByteOrder.BIG_ENDIAN);
        long pad = dataBytes & 1;
        h.put(ascii("FORM")).putInt((int) (headerSize - 8 + dataBytes + pad)).put(ascii(aifc ? "AIFC" : "AIFF"));
        if (aifc) h.put(ascii("FVER")).putInt(4).putInt(0xA2805140); // AIFF-C version 1
        h.put(ascii("COMM")).putInt(aifc ? 24 : 18);
        h.putShort((short) channels).putInt((int) (dataBytes / blockAlign)).putShort((short) format.bits());
        putExtended(h, sampleRate);
        if (aifc) h.put(ascii("fl32")).put((byte) 0).put((byte) 0); // empty Pascal-string name, padded
        h.put(text);
        h.put(ascii("SSND")).putInt((int) (8 + dataBytes)).putInt(0).putInt(0);
        h.flip();
        long pos = 0;
        while (h.hasRemaining()) pos += file.channel().write(h, pos);
    }

    /** An 80-bit IEEE extended float, as AIFF stores the sample rate. */
    static void putExtended(ByteBuffer b, double v) {
        if (v == 0) {
            b.putShort((short) 0).putLong(0);
            return;
        }
        int exp = Math.getExponent(v);
        // the double's 52 fraction bits below an explicit integer bit, left-aligned in 64 bits
        long mant = ((Double.doubleToRawLongBits(v) & 0xF_FFFF_FFFF_FFFFL) | (1L << 52)) << 11;
        b.putShort((short) ((v < 0 ? 0x8000 : 0) | (exp + 16383))).putLong(mant);
    }

    private static byte[] textChunks(AudioMetadata m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunk(out, "NAME", m.title());
        chunk(out, "AUTH", m.artist());
        StringBuilder anno = new StringBuilder(m.comment());
        if (!m.software().isEmpty()) anno.append(anno.length() > 0 ? "\n" : "").append("software: ").append(m.software());
        if (!m.date().isEmpty()) anno.append(anno.length() > 0 ? "\n" : "").append("date: ").append(m.date());
        chunk(out, "ANNO", anno.toString());
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String id, String text) {
        if (text.isEmpty()) return;
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + t.length + (t.length & 1)).order(ByteOrder.BIG_ENDIAN);
        b.put(ascii(id)).putInt(t.length).put(t);
        out.writeBytes(b.array());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
