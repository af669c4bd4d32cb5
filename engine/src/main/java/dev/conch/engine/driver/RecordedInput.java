package dev.conch.engine.driver;

import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded sound played into a network's AudioInput, as if someone played it into the sound card: the files of
 * {@code conch render -i} and of {@code conch play --input} (through any driver, see {@link Feed}). Each channel keeps its own length; past its end
 * a channel is silent, or starts again when the input loops. The samples are in memory, so the audio thread only
 * copies.
 *
 * <pre>{@code
 * RecordedInput in = RecordedInput.of(List.of(RecordedInput.read(Path.of("voice.wav"), 48000)), false);
 * in.fill(buffers, 512);   // on the audio thread, block after block
 * }</pre>
 */
public final class RecordedInput implements InputSource {
    private final float[][] channels;
    private final boolean loop;
    private long position;

    /**
     * @param channels one array per channel at the network's rate (lengths may differ; none may be empty when
     *                 looping)
     * @param loop     a channel that ends starts again instead of falling silent
     */
    public RecordedInput(float[][] channels, boolean loop) {
        for (float[] c : channels) {
            if (loop && c.length == 0) throw new IllegalArgumentException("an empty input channel cannot loop");
        }
        this.channels = channels;
        this.loop = loop;
    }

    /** The files' channels in order: a stereo file gives two. */
    public static RecordedInput of(List<float[][]> files, boolean loop) {
        List<float[]> all = new ArrayList<>();
        for (float[][] f : files) all.addAll(List.of(f));
        return new RecordedInput(all.toArray(new float[0][]), loop);
    }

    /**
     * A file's channels at {@code sampleRate}: decoded and, at another rate, converted with the same loader and
     * resampler as an AudioFileReader, so the two give the same samples. Failures are the reader's own sentences.
     */
    public static float[][] read(Path file, double sampleRate) throws AudioFileException {
        return AudioFileLoader.load(file).channelsAt(sampleRate);
    }

    @Override
    public int channels() {
        return channels.length;
    }

    /** The longest channel's length in frames: how long the input lasts once through. */
    @Override
    public long frames() {
        long n = 0;
        for (float[] c : channels) n = Math.max(n, c.length);
        return n;
    }

    /** Audio thread: the next {@code frames} frames into {@code in[c][0..frames)}. */
    @Override
    public void fill(float[][] in, int frames) {
        for (int c = 0; c < in.length; c++) {
            if (c < channels.length) fill(channels[c], in[c], frames);
            else java.util.Arrays.fill(in[c], 0, frames, 0f);
        }
        position += frames;
    }

    private void fill(float[] src, float[] dst, int frames) {
        int length = src.length;
        int done = 0;
        while (done < frames) {
            long at = position + done;
            if (at >= length && !loop) {
                java.util.Arrays.fill(dst, done, frames, 0f);
                return;
            }
            int from = (int) (loop ? at % length : at);
            int n = Math.min(frames - done, length - from);
            System.arraycopy(src, from, dst, done, n);
            done += n;
        }
    }

    /** Back to the first frame. Not on the audio thread while it plays. */
    @Override
    public void rewind() {
        position = 0;
    }

    /**
     * A callback whose input comes from this recording instead of the device: the driver plays the output as usual
     * and its capture, if any, is ignored. How {@code conch play --input} and the editor play a file through an
     * effect live.
     */
    public AudioCallback feeding(AudioCallback callback) {
        return new Feed(this, callback);
    }

    private static final class Feed implements AudioCallback {
        private final RecordedInput recording;
        private final AudioCallback callback;
        private float[][] in = new float[0][];

        Feed(RecordedInput recording, AudioCallback callback) {
            this.recording = recording;
            this.callback = callback;
        }

        @Override
        public void configure(double sampleRate, int inputs, int outputs, int maxBlock) {
            in = new float[recording.channels()][maxBlock];
            callback.configure(sampleRate, recording.channels(), outputs, maxBlock);
        }

        @Override
        public boolean process(float[][] deviceIn, float[][] out, int frames) {
            recording.fill(in, frames);
            return callback.process(in, out, frames);
        }

        @Override
        public void shutdown() {
            callback.shutdown();
        }
    }
}
