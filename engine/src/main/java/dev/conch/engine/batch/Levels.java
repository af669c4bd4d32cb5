package dev.conch.engine.batch;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileInfo;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioFileStream;
import dev.conch.engine.io.CodeSquares;
import dev.conch.engine.io.SampleFormat;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a manifest says of a file: its length, peak and RMS over every sample of every channel, of the samples as the
 * file stores them (quantization included), so the numbers describe what a dataset's user will load: taken as the
 * file is written ({@link Meter}, or a 16/24-bit WAV writer's own sums, {@link #of}), or read back from a file already
 * there ({@link #measure}), the same bits.
 *
 * @param frames     the file's length in frames
 * @param sampleRate its rate
 * @param peak       the largest |sample|, full scale 1
 * @param rms        the root of the mean square over all samples of all channels
 */
public record Levels(long frames, double sampleRate, double peak, double rms) implements java.io.Serializable {

    public double seconds() {
        return frames / sampleRate;
    }

    /** Reads {@code file} through: streamed for WAV/AIFF/AU, whole for FLAC (its decoder works on whole files). */
    public static Levels measure(Path file) throws AudioFileException, IOException {
        AudioFileInfo info = AudioFileLoader.probe(file);
        if (info.format().startsWith("FLAC")) {
            AudioData d = AudioFileLoader.load(file);
            Meter m = new Meter(d.channels().length, null);
            m.add(d.channels(), d.frames());
            return m.levels(d.frames(), d.sampleRate());
        }
        try (AudioFileStream in = AudioFileStream.open(file)) {
            float[][] block = new float[in.channels()][8192];
            Meter m = new Meter(in.channels(), null);
            int n;
            while ((n = in.read(block, 0, block[0].length)) > 0) m.add(block, n);
            return m.levels(in.frames(), in.sampleRate());
        }
    }

    /**
     * The levels of a file of {@code frames} frames at {@code rate} from what its writer summed of the codes it stored
     * in {@code format} ({@link dev.conch.engine.io.AudioWriter#codeSquares}): the bits {@link Meter} takes of the
     * same samples, and {@link #measure} reads back. A stored sample is its code times 2^-(bits-1), so its square is
     * the code's square times 2^-2(bits-1), exactly, and scaling by a power of two commutes with every rounding of the
     * sums, which are therefore scaled once here.
     */
    public static Levels of(CodeSquares squares, SampleFormat format, long frames, double rate) {
        int shift = format.bits() - 1;
        double[][] lanes = new double[squares.channels()][4];
        for (int c = 0; c < lanes.length; c++) {
            for (int k = 0; k < 4; k++) lanes[c][k] = squares.lane(c, k);
        }
        return of(lanes, Math.scalb(1.0, -2 * shift), frames, rate, squares.peak() * Math.scalb(1f, -shift));
    }

    /** Each channel's four lanes of squares, each times {@code unit}, summed in one order whatever their source. */
    private static Levels of(double[][] lanes, double unit, long frames, double rate, float peak) {
        double squares = 0;
        for (double[] l : lanes) squares += (l[0] * unit + l[1] * unit) + (l[2] * unit + l[3] * unit);
        long samples = frames * lanes.length;
        return new Levels(frames, rate, peak, samples == 0 ? 0 : Math.sqrt(squares / samples));
    }

    /**
     * Peak and RMS taken block by block, in blocks of any size: the squares of each channel are summed in four
     * lanes, frame {@code k} into lane {@code k mod 4} (four partial sums instead of one dependent add per sample),
     * so the sums, and the levels, are the same bits however the frames were cut. A file's levels taken as it is
     * written therefore equal those {@link #measure} reads back from it.
     */
    public static final class Meter {
        private final SampleFormat stored;
        /** Per channel, its four lanes' sums of squares. */
        private final double[][] lanes;
        private float peak;
        private long frames;

        /**
         * @param stored the format the samples are written in, whose rounding the levels include
         *               ({@link SampleFormat#stored}); null when they are given as a reader gives them back
         */
        public Meter(int channels, SampleFormat stored) {
            this.stored = stored == SampleFormat.FLOAT32 ? null : stored;
            this.lanes = new double[channels][4];
        }

        /** Adds frames {@code [0, n)} of every channel of {@code block}. */
        public void add(float[][] block, int n) {
            for (int c = 0; c < lanes.length; c++) add(block[c], n, lanes[c]);
            frames += n;
        }

        private void add(float[] x, int n, double[] lane) {
            int i = 0;
            float top = peak;
            // up to the next frame that is a multiple of 4 one by one, then four frames at a time into the lanes
            for (; i < n && ((frames + i) & 3) != 0; i++) {
                float v = value(x[i]);
                lane[(int) ((frames + i) & 3)] += (double) v * v;
                if (Math.abs(v) > top) top = Math.abs(v);
            }
            double s0 = lane[0], s1 = lane[1], s2 = lane[2], s3 = lane[3];
            for (; i + 4 <= n; i += 4) {
                float a = value(x[i]), b = value(x[i + 1]), d = value(x[i + 2]), e = value(x[i + 3]);
                s0 += (double) a * a;
                s1 += (double) b * b;
                s2 += (double) d * d;
                s3 += (double) e * e;
                // plain comparisons: Math.max would let one NaN hide its three neighbours
                if (Math.abs(a) > top) top = Math.abs(a);
                if (Math.abs(b) > top) top = Math.abs(b);
                if (Math.abs(d) > top) top = Math.abs(d);
                if (Math.abs(e) > top) top = Math.abs(e);
            }
            lane[0] = s0;
            lane[1] = s1;
            lane[2] = s2;
            lane[3] = s3;
            for (; i < n; i++) {
                float v = value(x[i]);
                lane[(int) ((frames + i) & 3)] += (double) v * v;
                if (Math.abs(v) > top) top = Math.abs(v);
            }
            peak = top;
        }

        private float value(float x) {
            return stored == null ? x : stored.stored(x);
        }

        /** The levels of a file of {@code frames} frames at {@code rate} that holds what was added. */
        public Levels levels(long frames, double rate) {
            Levels l = of(lanes, 1, this.frames, rate, peak);
            return new Levels(frames, rate, l.peak(), l.rms());
        }
    }
}
