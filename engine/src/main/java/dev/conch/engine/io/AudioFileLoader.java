package dev.conch.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.conch.engine.runtime.Text;

/**
 * Reads audio files into floats: WAV (PCM 8/16/24/32-bit, IEEE float 32/64, {@code WAVE_FORMAT_EXTENSIBLE},
 * µ-law/A-law, RF64 and BW64 for files over 4 GiB), AIFF and AIFF-C ({@code NONE}, {@code twos}, {@code sowt},
 * {@code fl32}, {@code fl64}, {@code ulaw}, {@code alaw}), AU, FLAC, and MP3 (a file named {@code .mp3}, decoded
 * whole by {@link Mp3File}; its length is unknown until then, so its probe says -1 frames). The uncompressed formats are parsed by
 * {@link HeaderParser} and decoded by {@link AudioFileStream} (our own code: Java Sound's readers miss RF64, fl32,
 * sowt and lying sizes); FLAC goes through jflac ({@link FlacLoader}).
 *
 * <p>Integer codes map to floats by dividing by 2^(bits-1) of the sample's container, so full-scale negative is
 * exactly -1 and every code round-trips through the writers bit-exactly.
 *
 * <p>A file with fewer sample frames than its header announces is an <b>error</b>, not a warning: a cut-off file
 * usually means a render or copy that failed, and playing it silently short would hide that. So is a file with
 * no audio at all. Nothing is allocated from a header's word alone: sizes are checked against the file's real
 * length first, so a lying header gives an error, never an {@code OutOfMemoryError}.
 */
public final class AudioFileLoader {
    private AudioFileLoader() {
    }

    /** Reads the header only: channels, rate, length. Errors as {@link #load}. */
    public static AudioFileInfo probe(Path file) throws AudioFileException {
        Path f = checkExists(file);
        if (Mp3File.is(f)) return Mp3File.probe(f);
        if (isFlac(f)) return FlacLoader.probe(f);
        try (AudioFileStream s = AudioFileStream.open(f)) {
            return new AudioFileInfo(f, s.channels(), s.sampleRate(), s.frames(), s.format());
        }
    }

    /** The title, artist, comment, software and date the file carries (empty strings where it has none). */
    public static AudioMetadata metadata(Path file) throws AudioFileException {
        Path f = checkExists(file);
        if (Mp3File.is(f)) return AudioMetadata.EMPTY; // ID3 tags are not read
        if (isFlac(f)) return FlacLoader.metadata(f);
        try (AudioFileStream s = AudioFileStream.open(f)) {
            return s.metadata();
        }
    }

    /**
     * Reads a whole file.
     *
     * @throws AudioFileException with a sentence naming the file: it is missing, a folder, unreadable, not an
     *                            audio file (saying what it seems to be), in an encoding Conch cannot decode, has
     *                            no channels or no audio, has a damaged header, or is truncated
     */
    public static AudioData load(Path file) throws AudioFileException {
        Path f = checkExists(file);
        if (Mp3File.is(f)) return Mp3File.load(f);
        if (isFlac(f)) return FlacLoader.load(f);
        try (AudioFileStream s = AudioFileStream.open(f)) {
            if (s.frames() > Integer.MAX_VALUE - 8) {
                throw new AudioFileException(f, "audio file " + f + " is too long to load into memory (" + s.frames()
                        + " frames; Conch loads at most " + (Integer.MAX_VALUE - 8) + "; stream it instead)");
            }
            int frames = (int) s.frames();
            float[][] out = new float[s.channels()][frames];
            int got = s.read(out, 0, frames);
            if (got != frames) {
                throw new AudioFileException(f, "audio file " + f + " became shorter while it was being read");
            }
            return new AudioData(out, s.sampleRate(), s.format());
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(f, "cannot read audio file " + f + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFlac(Path f) throws AudioFileException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 'f' && m[1] == 'L' && m[2] == 'a' && m[3] == 'C';
        } catch (IOException e) {
            throw new AudioFileException(f, "audio file " + f + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The format an MP3 file's {@link AudioFileInfo} and {@link AudioData} give. */
    public static final String MP3 = Mp3File.FORMAT;

    static Path checkExists(Path file) throws AudioFileException {
        Path f = file.toAbsolutePath();
        if (Files.isDirectory(f)) throw new AudioFileException(f, f + " is a folder, not an audio file");
        if (!Files.exists(f)) throw new AudioFileException(f, "audio file " + Text.clip(f.toString()) + " does not exist");
        if (!Files.isReadable(f)) throw new AudioFileException(f, "audio file " + f + " cannot be read (permission denied)");
        // opening a named pipe waits for a writer, which may never come: refuse it before opening anything
        if (!Files.isRegularFile(f)) {
            throw new AudioFileException(f, f + " is not an audio file: it is not a regular file (a device, pipe or "
                    + "socket); give the path of a WAV, AIFF, AU or FLAC file");
        }
        return f;
    }

    /** What the file's first bytes suggest it is, for the error message. */
    static String sniff(Path f) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(f)) {
            size = Files.size(f);
            head = in.readNBytes(4096);
        } catch (IOException e) {
            return "its first bytes cannot be read (" + e.getMessage() + ")";
        }
        if (size == 0) return "the file is empty (0 bytes)";
        String magic = head.length >= 4 ? new String(head, 0, 4, StandardCharsets.ISO_8859_1) : "";
        if (magic.equals("RIFF") && head.length >= 12) {
            String form = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            if (!form.equals("WAVE")) return "it is a RIFF file of type '" + printable(form) + "', not WAVE";
            int tag = waveFormatTag(head);
            if (tag < 0) return "it is a WAVE file whose 'fmt ' chunk is missing or damaged";
            return "it is a WAVE file in encoding 0x" + String.format("%04X", tag) + waveTagName(tag)
                    + ", which Conch cannot decode";
        }
        if (magic.equals("RIFF")) return "it starts like a WAVE file but is only " + size + " bytes long";
        if (magic.equals("FORM") && head.length >= 12) {
            return "it is an IFF file of type '" + printable(new String(head, 8, 4, StandardCharsets.ISO_8859_1))
                    + "', not AIFF or AIFF-C";
        }
                if (magic.equals("OggS")) return "it is an Ogg file (Vorbis/Opus; convert it to WAV first)";
        if (magic.startsWith("ID3") || (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0)) {
            return "it looks like an MP3 file (Conch reads one named .mp3)";
        }
        if (head.length >= 8 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            return "it looks like an MP4/M4A/AAC file (convert it to WAV first)";
        }
        int n = Math.min(head.length, 64);
        boolean text = true;
        for (int i = 0; i < n; i++) {
            int c = head[i] & 0xFF;
            if (c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B)) {
                text = false;
                break;
            }
        }
        if (text) {
            String start = new String(head, 0, Math.min(n, 24), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            return "it contains text (it starts with \"" + start + (head.length > 24 ? "…" : "") + "\")";
        }
        StringBuilder sb = new StringBuilder("it starts with the bytes");
        for (int i = 0; i < Math.min(head.length, 8); i++) sb.append(String.format(" %02X", head[i] & 0xFF));
        return sb.append(", which is no audio header Conch knows").toString();
    }

    /** The format tag of the first 'fmt ' chunk, walking the RIFF chunks in the first bytes; -1 if not found. */
    private static int waveFormatTag(byte[] head) {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int p = 12;
        while (p + 8 <= head.length) {
            String id = new String(head, p, 4, StandardCharsets.ISO_8859_1);
            long size = b.getInt(p + 4) & 0xFFFF_FFFFL;
            if (id.equals("fmt ")) {
                if (p + 10 > head.length) return -1;
                int tag = b.getShort(p + 8) & 0xFFFF;
                if (tag == 0xFFFE && p + 8 + 26 <= head.length) tag = b.getShort(p + 8 + 24) & 0xFFFF; // sub-format
                return tag;
            }
            p += 8 + size + (size & 1);
        }
        return -1;
    }

    static String waveTagName(int tag) {
        return switch (tag) {
            case 0x0001 -> " (PCM)";
            case 0x0002 -> " (Microsoft ADPCM)";
            case 0x0003 -> " (IEEE float)";
            case 0x0006 -> " (A-law)";
            case 0x0007 -> " (µ-law)";
            case 0x0011 -> " (IMA ADPCM)";
            case 0x0031 -> " (GSM 6.10)";
            case 0x0050 -> " (MPEG)";
            case 0x0055 -> " (MP3)";
            default -> "";
        };
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
