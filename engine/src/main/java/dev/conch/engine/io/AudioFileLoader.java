package dev.conch.engine.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads WAV, AIFF and AU files into floats through Java Sound: integer PCM of 8, 16, 24 and 32 bits (signed or
 * unsigned, either byte order), 32/64-bit float, and µ-law/A-law (converted to 16-bit first). Java Sound in JDK 17
 * reads 24-bit, float ({@code WAVE_FORMAT_IEEE_FLOAT}) and {@code WAVE_FORMAT_EXTENSIBLE} WAV files itself (the
 * tests check it on the files {@link WavWriter} makes), so no WAV parser of our own is needed yet.
 *
 * <p>Integer codes map to floats by dividing by 2^(bits-1) of the sample's container, so full-scale negative is
 * exactly -1 and every code round-trips through {@link WavWriter} bit-exactly.
 *
 * <p>A file with fewer sample frames than its header announces is an <b>error</b>, not a warning: a cut-off file
 * usually means a render or copy that failed, and playing it silently short would hide that.
 */
public final class AudioFileLoader {
    private AudioFileLoader() {
    }

    /** Reads the header only: channels, rate, length. Errors as {@link #load}. */
    public static AudioFileInfo probe(Path file) throws AudioFileException {
        Path f = checkExists(file);
        AudioFileFormat aff;
        try {
            aff = AudioSystem.getAudioFileFormat(f.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw notAudio(f, e);
        } catch (IOException e) {
            throw new AudioFileException(f, "cannot read audio file " + f + ": " + e.getMessage(), e);
        }
        AudioFormat fmt = aff.getFormat();
        checkFormat(f, fmt);
        long frames = aff.getFrameLength() == AudioSystem.NOT_SPECIFIED ? -1 : aff.getFrameLength();
        return new AudioFileInfo(f, fmt.getChannels(), fmt.getSampleRate(), frames, describe(aff.getType(), fmt));
    }

    /**
     * Reads a whole file.
     *
     * @throws AudioFileException with a sentence naming the file: it is missing, not an audio file (saying what it
     *                            seems to be), in an encoding Conch cannot decode, has no channels, or is truncated
     */
    public static AudioData load(Path file) throws AudioFileException {
        Path f = checkExists(file);
        String type;
        try {
            type = AudioSystem.getAudioFileFormat(f.toFile()).getType().toString();
        } catch (UnsupportedAudioFileException e) {
            throw notAudio(f, e);
        } catch (IOException e) {
            throw new AudioFileException(f, "cannot read audio file " + f + ": " + e.getMessage(), e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat fmt = in.getFormat();
            checkFormat(f, fmt);
            String description = describe(new AudioFileFormat.Type(type, ""), fmt);
            AudioInputStream pcm = in;
            if (fmt.getEncoding().equals(AudioFormat.Encoding.ULAW) || fmt.getEncoding().equals(AudioFormat.Encoding.ALAW)) {
                AudioFormat to = new AudioFormat(fmt.getSampleRate(), 16, fmt.getChannels(), true, false);
                pcm = AudioSystem.getAudioInputStream(to, in);
            }
            return decode(f, pcm, description);
        } catch (UnsupportedAudioFileException e) {
            throw notAudio(f, e);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(f, "cannot read audio file " + f + ": " + e.getMessage(), e);
        }
    }

    private static AudioData decode(Path f, AudioInputStream in, String description) throws IOException {
        AudioFormat fmt = in.getFormat();
        int channels = fmt.getChannels();
        int frameSize = fmt.getFrameSize();
        if (frameSize <= 0 || frameSize % channels != 0) {
            throw new AudioFileException(f, "audio file " + f + " has a frame size of " + frameSize + " bytes for "
                    + channels + " channels, which makes no sense; the header is damaged");
        }
        int bytesPerSample = frameSize / channels;
        AudioFormat.Encoding enc = fmt.getEncoding();
        boolean isFloat = enc.equals(AudioFormat.Encoding.PCM_FLOAT);
        boolean signed = enc.equals(AudioFormat.Encoding.PCM_SIGNED);
        if (!(isFloat || signed || enc.equals(AudioFormat.Encoding.PCM_UNSIGNED))
                || (isFloat && bytesPerSample != 4 && bytesPerSample != 8)
                || (!isFloat && (bytesPerSample < 1 || bytesPerSample > 4))) {
            throw new AudioFileException(f, "audio file " + f + " uses " + description
                    + ", which Conch cannot decode (it reads 8/16/24/32-bit integer PCM, 32/64-bit float, µ-law and A-law)");
        }
        long announced = in.getFrameLength();
        if (announced > Integer.MAX_VALUE) {
            throw new AudioFileException(f, "audio file " + f + " is too long to load into memory (" + announced
                    + " frames; Conch loads at most " + Integer.MAX_VALUE + ")");
        }
        // AudioInputStream only hands out whole frames, so a partial last frame is simply not counted
        byte[] bytes = in.readAllBytes();
        int frames = bytes.length / frameSize;
        if (announced != AudioSystem.NOT_SPECIFIED && frames < announced) {
            throw new AudioFileException(f, "audio file " + f + " is truncated: its header announces " + announced
                    + " frames but only " + frames + " are present (the file was probably cut short while being "
                    + "written or copied)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(fmt.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[channels][frames];
        double scale = 1.0 / (1L << (bytesPerSample * 8 - 1));
        int shift = 32 - bytesPerSample * 8;
        boolean big = fmt.isBigEndian();
        for (int i = 0; i < frames; i++) {
            int base = i * frameSize;
            for (int c = 0; c < channels; c++) {
                int p = base + c * bytesPerSample;
                if (isFloat) {
                    out[c][i] = bytesPerSample == 4 ? b.getFloat(p) : (float) b.getDouble(p);
                    continue;
                }
                int v = 0;
                for (int k = 0; k < bytesPerSample; k++) {
                    int byteValue = bytes[p + (big ? k : bytesPerSample - 1 - k)] & 0xFF;
                    v = (v << 8) | byteValue;
                }
                long code;
                if (signed) {
                    code = (v << shift) >> shift; // sign-extend from the container width
                } else {
                    code = (v & 0xFFFF_FFFFL) - (1L << (bytesPerSample * 8 - 1));
                }
                out[c][i] = (float) (code * scale);
            }
        }
        return new AudioData(out, fmt.getSampleRate(), description);
    }

    private static Path checkExists(Path file) throws AudioFileException {
        Path f = file.toAbsolutePath();
        if (Files.isDirectory(f)) throw new AudioFileException(f, f + " is a folder, not an audio file");
        if (!Files.exists(f)) throw new AudioFileException(f, "audio file " + f + " does not exist");
        if (!Files.isReadable(f)) throw new AudioFileException(f, "audio file " + f + " cannot be read (permission denied)");
        return f;
    }

    private static void checkFormat(Path f, AudioFormat fmt) throws AudioFileException {
        if (fmt.getChannels() < 1) {
            throw new AudioFileException(f, "audio file " + f + " declares " + fmt.getChannels()
                    + " channels; it needs at least one");
        }
        if (!(fmt.getSampleRate() > 0)) {
            throw new AudioFileException(f, "audio file " + f + " does not state a valid sample rate ("
                    + fmt.getSampleRate() + ")");
        }
    }

    static String describe(AudioFileFormat.Type type, AudioFormat fmt) {
        AudioFormat.Encoding e = fmt.getEncoding();
        String enc;
        if (e.equals(AudioFormat.Encoding.PCM_SIGNED)) enc = fmt.getSampleSizeInBits() + "-bit signed PCM";
        else if (e.equals(AudioFormat.Encoding.PCM_UNSIGNED)) enc = fmt.getSampleSizeInBits() + "-bit unsigned PCM";
        else if (e.equals(AudioFormat.Encoding.PCM_FLOAT)) enc = fmt.getSampleSizeInBits() + "-bit float";
        else enc = e + " " + fmt.getSampleSizeInBits() + "-bit";
        String order = fmt.getSampleSizeInBits() > 8 ? (fmt.isBigEndian() ? ", big-endian" : ", little-endian") : "";
        return type + ", " + enc + order + ", " + fmt.getChannels() + " ch, " + fmtRate(fmt.getSampleRate()) + " Hz";
    }

    private static String fmtRate(float r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Float.toString(r);
    }

    private static AudioFileException notAudio(Path f, UnsupportedAudioFileException e) {
        return new AudioFileException(f, "audio file " + f + " is not in a format Conch can read (WAV, AIFF or AU): "
                + sniff(f), e);
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
                    + ", which Java Sound cannot decode";
        }
        if (magic.equals("RIFF")) return "it starts like a WAVE file but is only " + size + " bytes long";
        if (magic.equals("FORM") && head.length >= 12) {
            return "it is an IFF file of type '" + printable(new String(head, 8, 4, StandardCharsets.ISO_8859_1))
                    + "' that Java Sound cannot decode (AIFF-C with compression?)";
        }
        if (magic.equals("fLaC")) return "it is a FLAC file (convert it to WAV first)";
        if (magic.equals("OggS")) return "it is an Ogg file (Vorbis/Opus; convert it to WAV first)";
        if (magic.startsWith("ID3") || (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0)) {
            return "it looks like an MP3 file (convert it to WAV first)";
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

    private static String waveTagName(int tag) {
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
