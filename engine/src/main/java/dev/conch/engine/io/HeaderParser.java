package dev.conch.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Parses WAV (RIFF, RF64, BW64), AIFF / AIFF-C and AU headers ourselves, because Java Sound's readers miss
 * RF64/BW64, AIFF-C {@code fl32}/{@code sowt}, lying sizes and unpadded odd chunks.
 *
 * <p>Defence against bad input: every size from the file is checked against the file's real length before it
 * is used, so nothing is allocated from a header's word (the largest buffer here is {@value #MAX_TEXT} bytes of
 * metadata); chunk walking always moves forward by at least 8 bytes and stops after {@value #MAX_CHUNKS}
 * chunks, so it ends on any input. Each problem is one {@link AudioFileException} naming the file.
 */
final class HeaderParser {
    private static final int MAX_CHUNKS = 100_000;
    /** Metadata text read per chunk at most; longer text is cut. */
    private static final int MAX_TEXT = 64 * 1024;

    private final Path file;
    private final FileChannel ch;
    private final long size;

    private HeaderParser(Path file, FileChannel ch, long size) {
        this.file = file;
        this.ch = ch;
        this.size = size;
    }

    /** The header of {@code file}; null if the first bytes are not WAV, AIFF or AU (the caller then sniffs). */
    static AudioHeader parse(Path file, FileChannel ch) throws IOException {
        HeaderParser p = new HeaderParser(file, ch, ch.size());
        ByteBuffer head = p.read(0, 12);
        if (head.remaining() < 4) return null;
        String magic = id(head, 0);
        if (magic.equals("RIFF") || magic.equals("RF64") || magic.equals("BW64")) {
            if (head.remaining() < 12) throw p.fail("it starts like a WAVE file but is only " + p.size + " bytes long");
            if (!id(head, 8).equals("WAVE")) return null;
            return p.wave(!magic.equals("RIFF"));
        }
        if (magic.equals("FORM")) {
            if (head.remaining() < 12) throw p.fail("it starts like an AIFF file but is only " + p.size + " bytes long");
            String form = id(head, 8);
            if (form.equals("AIFF") || form.equals("AIFC")) return p.aiff(form.equals("AIFC"));
            return null;
        }
        if (magic.equals(".snd")) return p.au();
        return null;
    }

    // ---------------------------------------------------------------- WAV

    private AudioHeader wave(boolean rf64) throws IOException {
        long ds64Data = -1;
        int tag = -1, channels = 0, blockAlign = 0, bits = 0;
        long rate = 0;
        long dataOffset = -1, dataBytes = 0;
        AudioMetadata meta = AudioMetadata.EMPTY;
        long pos = 12;
        for (int n = 0; n < MAX_CHUNKS && pos + 8 <= size; n++) {
            ByteBuffer h = read(pos, 8).order(ByteOrder.LITTLE_ENDIAN);
            String id = id(h, 0);
            long len = h.getInt(4) & 0xFFFF_FFFFL;
            long body = pos + 8;
            switch (id) {
                case "ds64" -> {
                    ByteBuffer d = read(body, 28).order(ByteOrder.LITTLE_ENDIAN);
                    if (d.remaining() < 16) throw fail("its 'ds64' chunk (the 64-bit sizes of an RF64 file) is cut short");
                    ds64Data = d.getLong(8);
                }
                case "fmt " -> {
                    // 14 bytes: the old WAVEFORMAT without wBitsPerSample, which the sizes below fall back from
                    if (len < 14) throw fail("its 'fmt ' chunk is only " + len + " bytes (it needs at least 14)");
                    if (body + 14 > size) {
                        throw fail("the file ends " + (size - body) + " bytes into its " + len + "-byte 'fmt ' chunk "
                                + "(it is cut short)");
                    }
                    ByteBuffer f = read(body, (int) Math.min(len, 40)).order(ByteOrder.LITTLE_ENDIAN);
                    tag = f.getShort(0) & 0xFFFF;
                    channels = f.getShort(2) & 0xFFFF;
                    rate = f.getInt(4) & 0xFFFF_FFFFL;
                    blockAlign = f.getShort(12) & 0xFFFF;
                    bits = f.remaining() >= 16 ? f.getShort(14) & 0xFFFF : 8 * blockAlign / Math.max(channels, 1);
                    if (tag == 0xFFFE) {
                        if (f.remaining() < 26) throw fail("its 'fmt ' chunk says WAVE_FORMAT_EXTENSIBLE but is too short to name the sub-format");
                        tag = f.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
                    }
                }
                case "data" -> {
                    dataOffset = body;
                    dataBytes = rf64 && len == 0xFFFF_FFFFL && ds64Data >= 0 ? ds64Data : len;
                    len = dataBytes;
                }
                case "LIST" -> {
                    ByteBuffer l = read(body, (int) Math.min(len, MAX_TEXT)).order(ByteOrder.LITTLE_ENDIAN);
                    if (l.remaining() >= 4 && id(l, 0).equals("INFO")) meta = info(l);
                }
                default -> {
                    if (!plausibleId(h, 0)) {
                        if (dataOffset >= 0 && tag >= 0) { pos = size; continue; } // trailing junk after the audio
                        throw fail("at byte " + pos + " there is no chunk name, only garbage (the file is damaged)");
                    }
                }
            }
            long next = body + len;
            if (next > size) {
                if (id.equals("data")) break; // the truncation check below names the missing frames
                if (dataOffset >= 0 && tag >= 0) break; // a damaged chunk after the audio does not matter
                throw fail("its '" + printable(id) + "' chunk claims " + len + " bytes but only " + (size - body)
                        + " are left in the file (the file is cut short or its header is damaged)");
            }
            pos = next + padding(next, len);
        }
        if (tag < 0) throw fail("it is a WAVE file without a 'fmt ' chunk (the header is damaged)");
        if (dataOffset < 0) throw fail("it is a WAVE file without a 'data' chunk (no audio in it)");
        SampleEncoding enc = switch (tag) {
            case 1 -> bits <= 8 ? SampleEncoding.UNSIGNED : SampleEncoding.SIGNED;
            case 3 -> SampleEncoding.FLOAT;
            case 6 -> SampleEncoding.ALAW;
            case 7 -> SampleEncoding.ULAW;
            default -> throw fail("it is a WAVE file in encoding 0x" + String.format("%04X", tag)
                    + AudioFileLoader.waveTagName(tag) + ", which Conch cannot decode (it reads PCM, IEEE float, µ-law and A-law)");
        };
        String container = rf64 ? "RF64 WAVE" : "WAVE";
        return finish(container, enc, channels, blockAlign, bits, rate, false, dataOffset, dataBytes, -1, meta);
    }

    /** RIFF chunks are padded to even length; some writers forget. Use the pad only if a chunk name follows it. */
    private long padding(long next, long len) throws IOException {
        if ((len & 1) == 0) return 0;
        if (chunkFits(next + 1)) return 1;
        if (chunkFits(next)) return 0;
        return 1;
    }

    /** A chunk header at {@code pos}: a printable name and a size that stays inside the file ('data' may not). */
    private boolean chunkFits(long pos) throws IOException {
        ByteBuffer h = read(pos, 8).order(ByteOrder.LITTLE_ENDIAN);
        if (h.remaining() < 8 || !plausibleId(h, 0)) return false;
        return id(h, 0).equals("data") || pos + 8 + (h.getInt(4) & 0xFFFF_FFFFL) <= size;
    }

    private static AudioMetadata info(ByteBuffer l) {
        String title = "", artist = "", comment = "", software = "", date = "";
        int p = 4;
        for (int n = 0; n < 1000 && p + 8 <= l.remaining(); n++) {
            String id = id(l, p);
            int len = l.getInt(p + 4);
            if (len < 0 || p + 8 + len > l.remaining()) len = l.remaining() - p - 8;
            String text = cString(l, p + 8, len);
            switch (id) {
                case "INAM" -> title = text;
                case "IART" -> artist = text;
                case "ICMT" -> comment = text;
                case "ISFT" -> software = text;
                case "ICRD" -> date = text;
                default -> { }
            }
            p += 8 + len + (len & 1);
        }
        return new AudioMetadata(title, artist, comment, software, date);
    }

    // ---------------------------------------------------------------- AIFF

    private AudioHeader aiff(boolean aifc) throws IOException {
        int channels = -1, bits = 0;
        long frames = 0;
        double rate = 0;
        SampleEncoding enc = SampleEncoding.SIGNED;
        boolean big = true;
        int bytes = 0;
        long dataOffset = -1, dataBytes = 0;
        String title = "", artist = "", comment = "";
        String compression = "NONE";
        long pos = 12;
        for (int n = 0; n < MAX_CHUNKS && pos + 8 <= size; n++) {
            ByteBuffer h = read(pos, 8);
            String id = id(h, 0);
            long len = h.getInt(4) & 0xFFFF_FFFFL;
            long body = pos + 8;
            switch (id) {
                case "COMM" -> {
                    if (len < 18 || body + 18 > size) throw fail("its 'COMM' chunk is only " + len + " bytes (it needs 18)");
                    ByteBuffer c = read(body, (int) Math.min(len, 22));
                    channels = c.getShort(0) & 0xFFFF;
                    frames = c.getInt(2) & 0xFFFF_FFFFL;
                    bits = c.getShort(6) & 0xFFFF;
                    rate = extended(c, 8);
                    if (aifc) {
                        if (c.remaining() < 22) throw fail("its AIFF-C 'COMM' chunk does not name a compression type");
                        compression = id(c, 18);
                    }
                }
                case "SSND" -> {
                    if (body + 8 > size) throw fail("its 'SSND' chunk is cut short");
                    ByteBuffer s = read(body, 8);
                    long offset = s.getInt(0) & 0xFFFF_FFFFL;
                    dataOffset = body + 8 + offset;
                    dataBytes = Math.max(0, len - 8 - offset);
                }
                case "NAME" -> title = cString(read(body, (int) Math.min(len, MAX_TEXT)), 0, (int) Math.min(len, MAX_TEXT));
                case "AUTH" -> artist = cString(read(body, (int) Math.min(len, MAX_TEXT)), 0, (int) Math.min(len, MAX_TEXT));
                case "ANNO" -> comment = cString(read(body, (int) Math.min(len, MAX_TEXT)), 0, (int) Math.min(len, MAX_TEXT));
                default -> {
                    if (!plausibleId(h, 0)) {
                        if (dataOffset >= 0 && channels >= 0) { pos = size; continue; }
                        throw fail("at byte " + pos + " there is no chunk name, only garbage (the file is damaged)");
                    }
                }
            }
            long next = body + len;
            if (next > size) {
                if (id.equals("SSND")) break;
                if (dataOffset >= 0 && channels >= 0) break;
                throw fail("its '" + printable(id) + "' chunk claims " + len + " bytes but only " + (size - body)
                        + " are left in the file (the file is cut short or its header is damaged)");
            }
            pos = next + (len & 1);
        }
        if (channels < 0) throw fail("it is an AIFF file without a 'COMM' chunk (the header is damaged)");
        if (dataOffset < 0) throw fail("it is an AIFF file without an 'SSND' chunk (no audio in it)");
        bytes = (bits + 7) / 8;
        switch (compression) {
            case "NONE", "twos" -> enc = SampleEncoding.SIGNED;
            case "sowt" -> { enc = SampleEncoding.SIGNED; big = false; }
            case "raw " -> enc = SampleEncoding.UNSIGNED;
            case "fl32", "FL32" -> { enc = SampleEncoding.FLOAT; bytes = 4; }
            case "fl64", "FL64" -> { enc = SampleEncoding.FLOAT; bytes = 8; }
            case "ulaw", "ULAW" -> { enc = SampleEncoding.ULAW; bytes = 1; }
            case "alaw", "ALAW" -> { enc = SampleEncoding.ALAW; bytes = 1; }
            default -> throw fail("it is an AIFF-C file compressed with '" + printable(compression)
                    + "', which Conch cannot decode (it reads NONE, twos, sowt, raw, fl32, fl64, ulaw, alaw)");
        }
        long announced = frames * channels * (long) bytes;
        // the SSND chunk may be longer (block padding); COMM's frame count is what the file claims to hold
        long claimed = dataBytes >= announced ? announced : announced;
        String container = aifc ? "AIFF-C" : "AIFF";
        AudioMetadata meta = new AudioMetadata(title, artist, annoComment(comment), annoField(comment, "software: "),
                annoField(comment, "date: "));
        return finish(container, enc, channels, channels * bytes, bytes * 8, rate, big, dataOffset, claimed, frames, meta);
    }

    /** ANNO holds the comment, then optional "software: …" and "date: …" lines that Conch writes. */
    private static String annoComment(String anno) {
        StringBuilder sb = new StringBuilder();
        for (String line : anno.split("\n", -1)) {
            if (line.startsWith("software: ") || line.startsWith("date: ")) continue;
            if (sb.length() > 0) sb.append('\n');
            sb.append(line);
        }
        return sb.toString();
    }

    private static String annoField(String anno, String prefix) {
        for (String line : anno.split("\n")) if (line.startsWith(prefix)) return line.substring(prefix.length());
        return "";
    }

    /** The 80-bit IEEE extended float AIFF stores its sample rate in. */
    static double extended(ByteBuffer b, int p) {
        int se = b.getShort(p) & 0xFFFF;
        long mant = b.getLong(p + 2);
        int exp = (se & 0x7FFF) - 16383 - 63;
        double m = (mant >>> 1) * 2.0 + (mant & 1); // unsigned 64-bit
        double v = Math.scalb(m, exp);
        return (se & 0x8000) != 0 ? -v : v;
    }

    // ---------------------------------------------------------------- AU

    private AudioHeader au() throws IOException {
        ByteBuffer h = read(0, 24);
        if (h.remaining() < 24) throw fail("it starts like an AU file but is only " + size + " bytes long");
        long offset = h.getInt(4) & 0xFFFF_FFFFL;
        long dataBytes = h.getInt(8) & 0xFFFF_FFFFL;
        int code = h.getInt(12);
        long rate = h.getInt(16) & 0xFFFF_FFFFL;
        int channels = h.getInt(20);
        if (offset < 24 || offset > size) throw fail("its header says the audio starts at byte " + offset + ", outside the file");
        if (dataBytes == 0xFFFF_FFFFL) dataBytes = (size - offset); // "unknown length": to the end of the file
        SampleEncoding enc;
        int bytes;
        switch (code) {
            case 1 -> { enc = SampleEncoding.ULAW; bytes = 1; }
            case 2 -> { enc = SampleEncoding.SIGNED; bytes = 1; }
            case 3 -> { enc = SampleEncoding.SIGNED; bytes = 2; }
            case 4 -> { enc = SampleEncoding.SIGNED; bytes = 3; }
            case 5 -> { enc = SampleEncoding.SIGNED; bytes = 4; }
            case 6 -> { enc = SampleEncoding.FLOAT; bytes = 4; }
            case 7 -> { enc = SampleEncoding.FLOAT; bytes = 8; }
            case 27 -> { enc = SampleEncoding.ALAW; bytes = 1; }
            default -> throw fail("it is an AU file in encoding " + code
                    + ", which Conch cannot decode (it reads µ-law, A-law, 8/16/24/32-bit PCM and 32/64-bit float)");
        }
        String ann = offset > 24 ? cString(read(24, (int) Math.min(offset - 24, MAX_TEXT)), 0, (int) Math.min(offset - 24, MAX_TEXT)) : "";
        AudioMetadata meta = new AudioMetadata("", "", ann, "", "");
        return finish("AU", enc, channels, channels * bytes, bytes * 8, rate, true, offset, dataBytes, -1, meta);
    }

    // ---------------------------------------------------------------- shared

    private AudioHeader finish(String container, SampleEncoding enc, int channels, int blockAlign, int bits, double rate,
                               boolean big, long dataOffset, long dataBytes, long announcedFrames, AudioMetadata meta)
            throws AudioFileException {
        if (channels < 1) throw fail("its header declares " + channels + " channels; it needs at least one");
        if (!(rate > 0) || rate > 10_000_000 || Double.isNaN(rate)) {
            throw fail("its header does not state a valid sample rate (" + rate + ")");
        }
        int bytes = channels == 0 ? 0 : blockAlign / channels;
        if (blockAlign <= 0 || blockAlign % channels != 0 || bytes < 1 || bytes > 8
                || (enc == SampleEncoding.FLOAT && bytes != 4 && bytes != 8)
                || (enc != SampleEncoding.FLOAT && bytes > 4)
                || ((enc == SampleEncoding.ULAW || enc == SampleEncoding.ALAW) && bytes != 1)
                || bits > bytes * 8 || bits < 1) {
            throw fail("its header describes " + bits + "-bit samples in frames of " + blockAlign + " bytes for "
                    + channels + " channels, which makes no sense (the header is damaged)");
        }
        if (enc == SampleEncoding.UNSIGNED && bytes > 1) enc = SampleEncoding.SIGNED; // WAV: only 8-bit is unsigned
        long announced = announcedFrames >= 0 ? announcedFrames : dataBytes / blockAlign;
        long present = Math.max(0, Math.min(dataBytes, size - dataOffset)) / blockAlign;
        if (present < announced) {
            throw fail("it is truncated: its header announces " + announced + " frames but only " + present
                    + " are present (the file was probably cut short while being written or copied)");
        }
        if (announced == 0) throw fail("it holds no audio: its data chunk is empty (0 frames)");
        return new AudioHeader(file, container, enc, bytes, big, channels, rate, dataOffset, announced, meta);
    }

    AudioFileException fail(String problem) {
        return new AudioFileException(file, "audio file " + file + " cannot be read: " + problem);
    }

    /** Up to {@code n} bytes at {@code pos} (fewer at the end of the file), big-endian, positioned at 0. */
    private ByteBuffer read(long pos, int n) throws IOException {
        int len = (int) Math.max(0, Math.min(n, size - pos));
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) break;
        }
        b.flip();
        return b;
    }

    private static String id(ByteBuffer b, int p) {
        byte[] x = new byte[4];
        for (int i = 0; i < 4; i++) x[i] = b.get(p + i);
        return new String(x, StandardCharsets.ISO_8859_1);
    }

    /** Chunk names are four printable ASCII characters. */
    private static boolean plausibleId(ByteBuffer b, int p) {
        for (int i = 0; i < 4; i++) {
            int c = b.get(p + i) & 0xFF;
            if (c < 0x20 || c > 0x7E) return false;
        }
        return true;
    }

    private static String cString(ByteBuffer b, int p, int len) {
        int end = p;
        int limit = Math.min(b.limit(), p + Math.max(0, len));
        while (end < limit && b.get(end) != 0) end++;
        byte[] x = new byte[end - p];
        for (int i = 0; i < x.length; i++) x[i] = b.get(p + i);
        return new String(x, StandardCharsets.UTF_8);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
