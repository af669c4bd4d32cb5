package dev.conch.engine.io;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * MP3 (MPEG-1/2 audio layers I to III) through JLayer (com.googlecode.soundlibs:jlayer), decoded whole: off the
 * audio thread: when the processor reading it is prepared, or before a command plays it into the network's input
 * ({@link AudioFileLoader} reads MP3 for every caller). The header of the first frame gives channels and rate; the
 * length is known only once decoded.
 */
final class Mp3File {
    static final String FORMAT = "MP3";

    private Mp3File() {
    }

    /** Whether {@code path} names an MP3 file: by its extension (its bytes are no WAV, AIFF, AU or FLAC header). */
    static boolean is(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp3");
    }

    static AudioFileInfo probe(Path path) throws AudioFileException {
        try (InputStream in = open(path)) {
            Bitstream bits = new Bitstream(in);
            Header h = bits.readFrame();
            if (h == null) throw new AudioFileException(path, "MP3 file " + path + " holds no MPEG audio frame");
            return new AudioFileInfo(path, channels(h), h.frequency(), -1, FORMAT);
        } catch (BitstreamException e) {
            throw new AudioFileException(path, "MP3 file " + path + " cannot be read: " + e.getMessage(), e);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(path, "cannot read MP3 file " + path + ": " + e.getMessage(), e);
        }
    }

    static AudioData load(Path path) throws AudioFileException {
        try (InputStream in = open(path)) {
            Bitstream bits = new Bitstream(in);
            Decoder decoder = new Decoder();
            float[][] out = null;
            int frames = 0, channels = 0;
            double rate = 0;
            for (Header h; (h = bits.readFrame()) != null; bits.closeFrame()) {
                SampleBuffer buffer = (SampleBuffer) decoder.decodeFrame(h, bits);
                if (out == null) {
                    channels = buffer.getChannelCount();
                    rate = h.frequency();
                    out = new float[channels][1 << 16];
                }
                int n = buffer.getBufferLength() / channels;
                if (frames + n > out[0].length) {
                    for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], Math.max(2 * out[c].length, frames + n));
                }
                short[] pcm = buffer.getBuffer(); // interleaved 16-bit
                for (int i = 0; i < n; i++) for (int c = 0; c < channels; c++) out[c][frames + i] = pcm[i * channels + c] / 32768f;
                frames += n;
            }
            if (out == null || frames == 0) throw new AudioFileException(path, "MP3 file " + path + " holds no MPEG audio frame");
            for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], frames);
            return new AudioData(out, rate, FORMAT);
        } catch (BitstreamException | DecoderException e) {
            throw new AudioFileException(path, "MP3 file " + path + " is damaged: " + e.getMessage(), e);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(path, "cannot read MP3 file " + path + ": " + e.getMessage(), e);
        }
    }

    private static int channels(Header h) {
        return h.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
    }

    private static InputStream open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new AudioFileException(path, "audio file " + path + " does not exist");
        return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    }
}
