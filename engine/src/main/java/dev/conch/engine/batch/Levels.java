package dev.conch.engine.batch;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileInfo;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioFileStream;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a manifest says of a file: its length, peak and RMS over every sample of every channel, measured on the file
 * as written (read back after the render, so the numbers describe what a dataset's user will load, quantization
 * included).
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
            Sum s = new Sum();
            s.add(d.channels(), d.frames());
            return s.levels(d.frames(), d.sampleRate());
        }
        try (AudioFileStream in = AudioFileStream.open(file)) {
            float[][] block = new float[in.channels()][8192];
            Sum s = new Sum();
            int n;
            while ((n = in.read(block, 0, block[0].length)) > 0) s.add(block, n);
            return s.levels(in.frames(), in.sampleRate());
        }
    }

    private static final class Sum {
        double peak;
        double squares;
        long samples;

        /**
         * Four partial sums per block and a plain comparison for the peak: a single running sum (one dependent add
         * per sample) and Math.max were half of a batch's render thread, for a file it had just written.
         */
        void add(float[][] block, int n) {
            for (float[] c : block) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                float top = 0;
                int i = 0;
                for (; i + 4 <= n; i += 4) {
                    double a = c[i], b = c[i + 1], d = c[i + 2], e = c[i + 3];
                    s0 += a * a;
                    s1 += b * b;
                    s2 += d * d;
                    s3 += e * e;
                    for (int k = i; k < i + 4; k++) {
                        float m = Math.abs(c[k]);
                        if (m > top) top = m;
                    }
                }
                for (; i < n; i++) {
                    double a = c[i];
                    s0 += a * a;
                    if (Math.abs(c[i]) > top) top = Math.abs(c[i]);
                }
                squares += (s0 + s1) + (s2 + s3);
                if (top > peak) peak = top;
                samples += n;
            }
        }

        Levels levels(long frames, double rate) {
            return new Levels(frames, rate, peak, samples == 0 ? 0 : Math.sqrt(squares / samples));
        }
    }
}
