package dev.conch.engine.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * FLAC through jflac, behind {@link AudioFileLoader}. jflac hands out interleaved little-endian PCM bytes per
 * frame; we turn them into floats exactly as for WAV (code / 2^(bits-1)). The arrays grow as frames arrive,
 * so a STREAMINFO that lies about the length cannot make us allocate more than the file really decodes to.
 */
final class FlacLoader {
    private FlacLoader() {
    }

    static AudioFileInfo probe(Path f) throws AudioFileException {
        checkMetadata(f);
        StreamInfo si = streamInfo(f);
        return new AudioFileInfo(f, si.getChannels(), si.getSampleRate(),
                si.getTotalSamples() == 0 ? -1 : si.getTotalSamples(), describe(si));
    }

    static AudioData load(Path f) throws AudioFileException {
        checkMetadata(f);
        try (InputStream in = new EofGuard(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
            FLACDecoder dec = new FLACDecoder(in);
            Collector out = new Collector();
            dec.addPCMProcessor(out);
            dec.addFrameListener(new Strict());
            try {
                dec.decode();
            } catch (IllegalStateException e) {
                StreamInfo si = dec.getStreamInfo();
                if (si != null && String.valueOf(e.getMessage()).contains("EOFException")) {
                    throw bad(f, "it is truncated: its header announces " + si.getTotalSamples() + " frames but only "
                            + out.frames + " could be decoded (the file was probably cut short while being written "
                            + "or copied)", e);
                }
                throw e;
            }
            StreamInfo si = dec.getStreamInfo();
            if (si == null) throw bad(f, "it has no STREAMINFO block (the header is damaged)", null);
            check(f, si);
            if (out.frames == 0) throw bad(f, "it holds no audio (0 frames)", null);
            long announced = si.getTotalSamples();
            if (announced > 0 && out.frames < announced) {
                throw bad(f, "it is truncated: its header announces " + announced + " frames but only " + out.frames
                        + " could be decoded (the file was probably cut short while being written or copied)", null);
            }
            float[][] ch = new float[out.channels][];
            for (int c = 0; c < ch.length; c++) ch[c] = Arrays.copyOf(out.data[c], out.frames);
            return new AudioData(ch, si.getSampleRate(), describe(si));
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw bad(f, "its FLAC stream is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static StreamInfo streamInfo(Path f) throws AudioFileException {
        try (InputStream in = new EofGuard(new BufferedInputStream(Files.newInputStream(f), 1 << 14))) {
            StreamInfo si = new FLACDecoder(in).readStreamInfo();
            if (si == null) throw bad(f, "it has no STREAMINFO block (the header is damaged)", null);
            check(f, si);
            return si;
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw bad(f, "its FLAC header is damaged (" + e + ")", e);
        }
    }

    /**
     * Walks the metadata blocks before jflac sees them: jflac allocates what a VORBIS_COMMENT or PICTURE block's
     * counts and lengths say, so a lying block would end in an OutOfMemoryError. Every length must fit inside its
     * block, and every block inside the file.
     */
    static void checkMetadata(Path f) throws AudioFileException {
        metadata(f);
    }

    /** Checks the metadata blocks (as described above) and returns the Vorbis comments Conch knows. */
    static AudioMetadata metadata(Path f) throws AudioFileException {
        AudioMetadata found = AudioMetadata.EMPTY;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
            long size = ch.size();
            long pos = 4;
            for (int n = 0; ; n++) {
                java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(4);
                if (ch.read(h, pos) < 4) throw bad(f, "it ends inside its metadata (the file is cut short)", null);
                int type = h.get(0) & 0x7F;
                boolean last = (h.get(0) & 0x80) != 0;
                int len = ((h.get(1) & 0xFF) << 16) | ((h.get(2) & 0xFF) << 8) | (h.get(3) & 0xFF);
                if (n == 0 && (type != 0 || len != 34)) {
                    throw bad(f, "its first metadata block is not a 34-byte STREAMINFO (the header is damaged)", null);
                }
                if (type == 127) throw bad(f, "metadata block " + n + " has the forbidden type 127 (the header is damaged)", null);
                if (pos + 4 + len > size) {
                    throw bad(f, "metadata block " + n + " claims " + len + " bytes but only " + (size - pos - 4)
                            + " are left in the file (the file is cut short or damaged)", null);
                }
                if (type == 4 || type == 6) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(len);
                    while (b.hasRemaining() && ch.read(b, pos + 4 + b.position()) > 0) {
                        // read the whole block: it fits in the file, checked above
                    }
                    b.flip();
                    if (!(type == 4 ? vorbisCommentFits(b.duplicate()) : pictureFits(b))) {
                        throw bad(f, "its " + (type == 4 ? "VORBIS_COMMENT" : "PICTURE") + " block gives lengths "
                                + "longer than the block (the header is damaged)", null);
                    }
                    if (type == 4) found = vorbisComment(b);
                }
                pos += 4 + len;
                if (last) return found;
                if (n > 10_000) throw bad(f, "it has more than 10000 metadata blocks (the header is damaged)", null);
            }
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw bad(f, e.getMessage(), e);
        }
    }

    /** TITLE, ARTIST, COMMENT (or DESCRIPTION), ENCODER, DATE from a block {@link #vorbisCommentFits} accepted. */
    private static AudioMetadata vorbisComment(java.nio.ByteBuffer b) {
        b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.position(b.position() + 4 + b.getInt(b.position()));
        long count = b.getInt() & 0xFFFF_FFFFL;
        java.util.Map<String, String> v = new java.util.HashMap<>();
        for (long i = 0; i < count; i++) {
            byte[] x = new byte[b.getInt()];
            b.get(x);
            String s = new String(x, java.nio.charset.StandardCharsets.UTF_8);
            int eq = s.indexOf('=');
            if (eq > 0) v.putIfAbsent(s.substring(0, eq).toUpperCase(java.util.Locale.ROOT), s.substring(eq + 1));
        }
        return new AudioMetadata(v.get("TITLE"), v.get("ARTIST"), v.getOrDefault("COMMENT", v.get("DESCRIPTION")),
                v.get("ENCODER"), v.get("DATE"));
    }

    private static boolean vorbisCommentFits(java.nio.ByteBuffer b) {
        b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 8) return false;
        long vendor = b.getInt() & 0xFFFF_FFFFL;
        if (vendor > b.remaining() - 4) return false;
        b.position(b.position() + (int) vendor);
        long count = b.getInt() & 0xFFFF_FFFFL;
        if (count > b.remaining() / 4) return false;
        for (long i = 0; i < count; i++) {
            if (b.remaining() < 4) return false;
            long len = b.getInt() & 0xFFFF_FFFFL;
            if (len > b.remaining()) return false;
            b.position(b.position() + (int) len);
        }
        return true;
    }

    private static boolean pictureFits(java.nio.ByteBuffer b) {
        b.order(java.nio.ByteOrder.BIG_ENDIAN);
        if (b.remaining() < 8) return false;
        b.getInt(); // picture type
        for (int field = 0; field < 2; field++) { // MIME type, description
            long len = b.getInt() & 0xFFFF_FFFFL;
            if (len > b.remaining() - 4) return false;
            b.position(b.position() + (int) len);
        }
        if (b.remaining() < 20) return false;
        b.position(b.position() + 16); // width, height, depth, colours
        return (b.getInt() & 0xFFFF_FFFFL) <= b.remaining();
    }

    static void check(Path f, StreamInfo si) throws AudioFileException {
        if (si.getChannels() < 1 || si.getSampleRate() < 1 || si.getBitsPerSample() < 4 || si.getBitsPerSample() > 32) {
            throw bad(f, "its STREAMINFO block says " + si.getChannels() + " channels, " + si.getSampleRate()
                    + " Hz, " + si.getBitsPerSample() + " bits, which makes no sense (the header is damaged)", null);
        }
    }

    static String describe(StreamInfo si) {
        return "FLAC, " + si.getBitsPerSample() + "-bit, " + si.getChannels() + " ch, " + si.getSampleRate() + " Hz";
    }

    static AudioFileException bad(Path f, String problem, Throwable cause) {
        return new AudioFileException(f, "audio file " + f + " cannot be read: " + problem, cause);
    }

    /**
     * jflac's decode loop can keep asking for bytes after the end of a damaged file and never stop: after a few
     * reads at the end we throw instead, so a damaged file ends in an error, never a hang.
     */
    static final class EofGuard extends java.io.FilterInputStream {
        private int eofReads;

        EofGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return check(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return check(super.read(b, off, len));
        }

        private int check(int r) throws IOException {
            if (r < 0 && ++eofReads > 64) throw new java.io.EOFException("the file ends in the middle of a FLAC frame");
            return r;
        }
    }

    /**
     * Stops at the first damaged frame. jflac would count it and search for the next frame header, and on some
     * damaged files that search never ends; a damaged frame also means the audio is not what was written.
     */
    static final class Strict implements org.jflac.FrameListener {
        @Override
        public void processMetadata(org.jflac.metadata.Metadata metadata) {
        }

        @Override
        public void processFrame(org.jflac.frame.Frame frame) {
        }

        @Override
        public void processError(String msg) {
            throw new IllegalStateException("a frame is damaged: " + msg);
        }
    }

    /** Receives decoded frames; grows its arrays by doubling. */
    private static final class Collector implements PCMProcessor {
        int channels;
        int bits;
        int frames;
        float[][] data;

        @Override
        public void processStreamInfo(StreamInfo si) {
            channels = si.getChannels();
            bits = si.getBitsPerSample();
            data = new float[channels][4096];
        }

        @Override
        public void processPCM(ByteData pcm) {
            int bytes = (bits + 7) / 8;
            int n = pcm.getLen() / (bytes * channels);
            if ((long) frames + n > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " frames: too long to load");
            }
            if (frames + n > data[0].length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(frames + (long) n, data[0].length * 2L));
                for (int c = 0; c < channels; c++) data[c] = Arrays.copyOf(data[c], cap);
            }
            frames += toFloats(pcm, bits, channels, data, frames);
        }
    }

    /**
     * jflac's interleaved little-endian PCM bytes of one frame as floats into {@code dst[c][offset ...]}: full scale
     * at ±1, as every Conch reader gives it. The one conversion of {@link #load} and {@link FlacStream}.
     *
     * @return the frames converted
     */
    static int toFloats(ByteData pcm, int bits, int channels, float[][] dst, int offset) {
        int bytes = (bits + 7) / 8;
        int n = pcm.getLen() / (bytes * channels);
        byte[] b = pcm.getData();
        double scale = 1.0 / (1L << (bytes * 8 - 1));
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                int p = (i * channels + c) * bytes;
                int v;
                if (bytes == 1) {
                    v = (b[p] & 0xFF) - 128; // jflac emits 8-bit as unsigned, like WAV
                } else {
                    v = b[p + bytes - 1]; // sign from the top byte
                    for (int k = bytes - 2; k >= 0; k--) v = (v << 8) | (b[p + k] & 0xFF);
                }
                dst[c][offset + i] = (float) (v * scale);
            }
        }
        return n;
    }
}
