package dev.conch.engine.io;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import net.sourceforge.javaflacencoder.EncodingConfiguration;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACFileOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/**
 * Streams a FLAC file (16 or 24-bit) through javaflacencoder, encoding in the writing thread (no encoder
 * threads of its own), into a temporary file beside the target that {@link #commit()} renames over it.
 * The PCM codes are those {@link WavWriter} would write, so a FLAC and a WAV of the same render decode to the same
 * samples. Metadata goes into a VORBIS_COMMENT block (TITLE, ARTIST, COMMENT, ENCODER, DATE), inserted after the
 * encoder's own metadata when the stream is finished (the encoder writes none itself).
 */
public final class FlacWriter implements AudioWriter {
    private static final int BLOCK = 4096;

    private final TempTarget file;
    private final int channels;
    private final Quantizer quantizer;
    private final FLACEncoder encoder;
    private final FLACFileOutputStream out;
    private final AudioMetadata metadata;
    private long frames;
    private boolean finished;

    private FlacWriter(TempTarget file, int channels, Quantizer q, FLACEncoder encoder, FLACFileOutputStream out,
                       AudioMetadata metadata) {
        this.metadata = metadata;
        this.file = file;
        this.channels = channels;
        this.quantizer = q;
        this.encoder = encoder;
        this.out = out;
    }

    public static FlacWriter open(Path target, int channels, double sampleRate, WriteOptions options) throws IOException {
        if (options.format().isFloat()) {
            throw new IllegalArgumentException("cannot write " + target + ": FLAC stores 16- or 24-bit integers, "
                    + "not 32-bit float");
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("cannot write " + target + ": FLAC takes 1 to 8 channels, not " + channels);
        }
        if (sampleRate != Math.rint(sampleRate) || sampleRate < 1 || sampleRate > 655350) {
            throw new IllegalArgumentException("cannot write " + target + ": FLAC stores a whole number of samples "
                    + "per second up to 655350, not " + sampleRate + " Hz");
        }
        TempTarget t = TempTarget.create(target);
        try {
            t.channel().close(); // the encoder writes through its own stream
            StreamConfiguration sc = new StreamConfiguration(channels, BLOCK, BLOCK, (int) sampleRate,
                    options.format().bits());
            FLACEncoder enc = new FLACEncoder();
            enc.setStreamConfiguration(sc);
            enc.setEncodingConfiguration(new EncodingConfiguration());
            FLACFileOutputStream os = new FLACFileOutputStream(new FileOutputStream(t.temp().toFile()));
            enc.setOutputStream(os);
            enc.openFLACStream();
            Quantizer q = new Quantizer(options.format().bits(), options.dither(), options.ditherSeed());
            return new FlacWriter(t, channels, q, enc, os, options.metadata());
        } catch (IOException | RuntimeException e) {
            t.discard();
            throw new IOException("cannot write " + t.target() + ": " + e.getMessage(), e);
        }
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
        return frames;
    }

    @Override
    public void write(float[][] data, int offset, int n) throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        // the encoder keeps a reference to the array until it has encoded it: a fresh one per call
        int[] interleaved = new int[n * channels];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) interleaved[i * channels + c] = quantizer.code(data[c][offset + i]);
        }
        try {
            encoder.addSamples(interleaved, n);
            encoder.encodeSamples(encoder.fullBlockSamplesAvailableToEncode(), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot write " + target() + ": the FLAC encoder failed (" + e + ")", e);
        }
        frames += n;
    }

    @Override
    public void commit() throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        try {
            encoder.encodeSamples(encoder.samplesAvailableToEncode(), true);
            out.close();
            if (!metadata.isEmpty()) insertVorbisComment(file.temp(), metadata);
            file.moveOver();
            finished = true;
        } catch (IOException | RuntimeException e) {
            abort();
            throw new IOException("cannot finish " + target() + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites {@code flac} with a VORBIS_COMMENT block after its last metadata block (via a sibling file). */
    static void insertVorbisComment(Path flac, AudioMetadata m) throws IOException {
        java.io.ByteArrayOutputStream vc = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer le = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] vendor = "Conch".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<byte[]> fields = new java.util.ArrayList<>();
        String[][] pairs = {{"TITLE", m.title()}, {"ARTIST", m.artist()}, {"COMMENT", m.comment()},
                {"ENCODER", m.software()}, {"DATE", m.date()}};
        for (String[] kv : pairs) {
            if (!kv[1].isEmpty()) fields.add((kv[0] + "=" + kv[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        vc.writeBytes(le.clear().putInt(0, vendor.length).array());
        vc.writeBytes(vendor);
        vc.writeBytes(le.clear().putInt(0, fields.size()).array());
        for (byte[] f : fields) {
            vc.writeBytes(le.clear().putInt(0, f.length).array());
            vc.writeBytes(f);
        }
        byte[] body = vc.toByteArray();
        if (body.length >= 1 << 24) throw new IOException("the metadata is too long for a FLAC block (16 MiB)");
        Path tmp = flac.resolveSibling(flac.getFileName() + ".vc");
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(flac);
             java.nio.channels.FileChannel o = java.nio.channels.FileChannel.open(tmp,
                     java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            long pos = 4;
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(4);
            while (true) {
                h.clear();
                in.read(h, pos);
                int len = ((h.get(1) & 0xFF) << 16) | ((h.get(2) & 0xFF) << 8) | (h.get(3) & 0xFF);
                if ((h.get(0) & 0x80) != 0) {
                    // copy everything before the last block's header, then that header without its "last" flag
                    in.transferTo(0, pos, o);
                    o.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (h.get(0) & 0x7F), h.get(1), h.get(2), h.get(3)}));
                    in.transferTo(pos + 4, len, o);
                    o.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (0x80 | 4), (byte) (body.length >> 16),
                            (byte) (body.length >> 8), (byte) body.length}));
                    o.write(java.nio.ByteBuffer.wrap(body));
                    long rest = pos + 4 + len;
                    long size = in.size();
                    while (rest < size) rest += in.transferTo(rest, size - rest, o);
                    break;
                }
                pos += 4 + len;
            }
            o.force(true);
        } catch (IOException e) {
            java.nio.file.Files.deleteIfExists(tmp);
            throw e;
        }
        java.nio.file.Files.move(tmp, flac, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void abort() {
        finished = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // thrown away below
        }
        file.discard();
    }

    @Override
    public void close() {
        if (!finished) abort();
    }
}
