package dev.conch.engine.io;

import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A FLAC file read frame by frame, forwards only, with the samples and the sentences of {@link FlacLoader#load}: what
 * {@code conch process} plays so that a long FLAC input is never held whole. Holds one decoded FLAC frame (at most
 * the stream's largest block). Does I/O: never on the audio thread.
 */
public final class FlacStream implements Closeable {
    private final Path file;
    private final InputStream in;
    private final FLACDecoder decoder;
    private final StreamInfo info;
    private final float[][] pending;
    private ByteData pcm;
    private int pendingFrames;
    private int pendingAt;
    private long position;

    private FlacStream(Path file, InputStream in, FLACDecoder decoder, StreamInfo info) {
        this.file = file;
        this.in = in;
        this.decoder = decoder;
        this.info = info;
        this.pending = new float[info.getChannels()][Math.max(1, info.getMaxBlockSize())];
    }

    /** @throws AudioFileException as {@link AudioFileLoader#load} says it, naming the file */
    public static FlacStream open(Path file) throws AudioFileException {
        Path f = AudioFileLoader.checkExists(file);
        FlacLoader.checkMetadata(f);
        InputStream in = null;
        try {
            in = new FlacLoader.EofGuard(new BufferedInputStream(Files.newInputStream(f), 1 << 16));
            FLACDecoder dec = new FLACDecoder(in);
            dec.addFrameListener(new FlacLoader.Strict());
            dec.readMetadata();
            StreamInfo si = dec.getStreamInfo();
            if (si == null) throw FlacLoader.bad(f, "it has no STREAMINFO block (the header is damaged)", null);
            FlacLoader.check(f, si);
            return new FlacStream(f, in, dec, si);
        } catch (AudioFileException e) {
            closeQuietly(in);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(in);
            throw FlacLoader.bad(f, "its FLAC header is damaged (" + e.getMessage() + ")", e);
        }
    }

    public int channels() {
        return info.getChannels();
    }

    public double sampleRate() {
        return info.getSampleRate();
    }

    /** The length its header announces, in frames; 0 when the encoder did not know it. */
    public long frames() {
        return info.getTotalSamples();
    }

    /**
     * Reads up to {@code frames} frames into {@code dst[c][offset ...]}.
     *
     * @return frames read: fewer than asked only at the end of the stream
     * @throws AudioFileException naming the file when a frame is damaged or the file ends before the frames its
     *                            header announces
     */
    public int read(float[][] dst, int offset, int frames) throws IOException {
        int done = 0;
        while (done < frames) {
            if (pendingAt == pendingFrames && !decodeNext()) break;
            int n = Math.min(frames - done, pendingFrames - pendingAt);
            for (int c = 0; c < pending.length; c++) System.arraycopy(pending[c], pendingAt, dst[c], offset + done, n);
            pendingAt += n;
            done += n;
            position += n;
        }
        return done;
    }

    private boolean decodeNext() throws AudioFileException {
        Frame frame;
        try {
            frame = decoder.readNextFrame();
            if (frame != null) pcm = decoder.decodeFrame(frame, pcm);
        } catch (IOException | RuntimeException e) {
            if (e instanceof java.io.EOFException || String.valueOf(e.getMessage()).contains("EOF")) {
                throw truncated(e);
            }
            throw FlacLoader.bad(file, "its FLAC stream is damaged (" + e.getMessage() + ")", e);
        }
        if (frame == null) {
            if (frames() > 0 && position < frames()) throw truncated(null);
            return false;
        }
        if (pcm.getLen() / (((info.getBitsPerSample() + 7) / 8) * pending.length) > pending[0].length) {
            throw FlacLoader.bad(file, "a frame holds more samples than its STREAMINFO allows (the file is damaged)", null);
        }
        pendingFrames = FlacLoader.toFloats(pcm, info.getBitsPerSample(), pending.length, pending, 0);
        pendingAt = 0;
        return true;
    }

    private AudioFileException truncated(Throwable cause) {
        return FlacLoader.bad(file, "it is truncated: its header announces " + frames() + " frames but only " + position
                + " could be decoded (the file was probably cut short while being written or copied)", cause);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written: nothing to lose
        }
    }
}
