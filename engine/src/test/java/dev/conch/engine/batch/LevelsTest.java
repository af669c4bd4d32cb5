package dev.conch.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioMetadata;
import dev.conch.engine.io.AudioWriter;
import dev.conch.engine.io.CodeSquares;
import dev.conch.engine.io.FileType;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WriteOptions;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch takes each output's peak and RMS as the file is written ({@link Levels.Meter}) instead of reading it back:
 * the numbers must be the very bits {@link Levels#measure} reads back from the file, in every container and sample
 * format, with samples that clip and samples halfway between two codes, however the writes were cut; and both must
 * be the peak and RMS of the file's samples by their definition.
 */
class LevelsTest {
    @TempDir
    Path dir;

    /** Noise up to ±1.3 (so 16/24-bit clip), with samples exactly halfway between two 16-bit codes mixed in. */
    private static float[][] signal(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        for (float[] c : x) {
            for (int i = 0; i < frames; i++) {
                c[i] = r.nextInt(5) == 0 ? (r.nextInt(-32768, 32767) + 0.5f) / 32768 : (float) (1.3 * (2 * r.nextDouble() - 1));
            }
        }
        return x;
    }

    /** Writes {@code x} in blocks of random sizes, metering each block as it goes (from its floats). */
    private static Levels writeMetered(Path file, FileType type, SampleFormat format, float[][] x, long seed)
            throws Exception {
        return writeMetered(file, type, format, x, seed, false);
    }

    /**
     * Writes {@code x} in blocks of random sizes (up to 30 000 frames, more than a writer encodes at once), metered
     * as it goes: from each block's floats, or from the codes the writer stores ({@code fromCodes}, asserted to be
     * offered by WAV at 16 and 24 bits, where a batch takes them).
     */
    private static Levels writeMetered(Path file, FileType type, SampleFormat format, float[][] x, long seed,
                                       boolean fromCodes) throws Exception {
        SplittableRandom cuts = new SplittableRandom(seed);
        int frames = x[0].length;
        Levels.Meter meter = new Levels.Meter(x.length, format);
        float[][] block = new float[x.length][cuts.nextBoolean() ? 700 : 30_000];
        try (AudioWriter w = AudioWriter.open(file, x.length, 48000, new WriteOptions(type, format, false, 0,
                AudioMetadata.EMPTY))) {
            CodeSquares squares = w.codeSquares();
            if (fromCodes) {
                assertEquals(type == FileType.WAV && !format.isFloat(), squares != null, type + " " + format
                        + ": whether the writer sums its codes");
            }
            for (int at = 0; at < frames; ) {
                int n = Math.min(frames - at, 1 + cuts.nextInt(block[0].length));
                for (int c = 0; c < x.length; c++) System.arraycopy(x[c], at, block[c], 0, n);
                w.write(block, 0, n);
                if (!fromCodes) meter.add(block, n);
                at += n;
            }
            w.commit();
            return fromCodes ? Levels.of(squares, format, w.framesWritten(), 48000) : meter.levels(w.framesWritten(), 48000);
        }
    }

    @Test
    void levelsTakenWhileWritingAreTheBitsReadBackFromTheFile() throws Exception {
        for (FileType type : FileType.values()) {
            for (SampleFormat format : SampleFormat.values()) {
                if (type == FileType.FLAC && format.isFloat()) continue;
                float[][] x = signal(2, 20_003, 5);
                Path f = dir.resolve("levels-" + format.code() + "." + type.code());
                Levels written = writeMetered(f, type, format, x, 11);
                Levels read = Levels.measure(f);
                String what = type + " " + format;
                assertEquals(read.frames(), written.frames(), what);
                assertEquals(read.sampleRate(), written.sampleRate(), what);
                assertEquals(read.peak(), written.peak(), 0, what + ": peak");
                assertEquals(Double.doubleToLongBits(read.rms()), Double.doubleToLongBits(written.rms()), what
                        + ": RMS " + written.rms() + " written, " + read.rms() + " read back");

                // the definition, on the samples as loaded: the largest |x| and sqrt(mean of x^2)
                AudioData d = AudioFileLoader.load(f);
                double peak = 0;
                double squares = 0;
                for (float[] c : d.channels()) {
                    for (float v : c) {
                        peak = Math.max(peak, Math.abs(v));
                        squares += (double) v * v;
                    }
                }
                assertEquals(peak, written.peak(), 0, what + ": peak by definition");
                assertEquals(Math.sqrt(squares / (2.0 * d.frames())), written.rms(), 1e-12, what + ": RMS by definition");
                if (!format.isFloat()) {
                    assertEquals(1.0, written.peak(), 0, what + ": the clipped negative samples read back as -1");
                }
            }
        }
    }

    /**
     * The levels a WAV writer's 16/24-bit codes give (a batch's way) are the bits read back from the file, for mono,
     * stereo and 6 channels, long files and short, cut into blocks of any size, with clipping, ties and NaN.
     */
    @Test
    void levelsFromTheWritersCodesAreTheBitsReadBackFromTheFile() throws Exception {
        int files = 0;
        for (SampleFormat format : new SampleFormat[] {SampleFormat.PCM16, SampleFormat.PCM24}) {
            for (int channels : new int[] {1, 2, 6}) {
                for (int frames : new int[] {3, 20_003, 70_001}) {
                    float[][] x = signal(channels, frames, 40 + channels + frames);
                    x[channels - 1][frames / 2] = Float.NaN; // written as 0
                    Path f = dir.resolve("codes-" + format.code() + "-" + channels + "-" + frames + ".wav");
                    Levels written = writeMetered(f, FileType.WAV, format, x, frames + channels, true);
                    Levels read = Levels.measure(f);
                    String what = format + ", " + channels + " channels, " + frames + " frames";
                    assertEquals(read.frames(), written.frames(), what);
                    assertEquals(Float.floatToIntBits((float) read.peak()), Float.floatToIntBits((float) written.peak()),
                            what + ": peak " + written.peak() + " from the codes, " + read.peak() + " read back");
                    assertEquals(Double.doubleToLongBits(read.rms()), Double.doubleToLongBits(written.rms()), what
                            + ": RMS " + written.rms() + " from the codes, " + read.rms() + " read back");
                    if (frames > 3) assertEquals(1.0, written.peak(), 0, what + ": the clipped negative samples are -1");
                    files++;
                }
            }
        }
        assertEquals(18, files);
    }

    /**
     * Full-scale 24-bit codes on every fourth frame and codes of a few steps between: summed in any other lanes than
     * by frame (or in one running sum) the small squares vanish under the large ones' rounding, by enough to show in
     * the RMS. So this file checks the codes' lanes follow the file's frames across blocks cut anywhere.
     */
    @Test
    void levelsFromCodesKeepEachFramesLane() throws Exception {
        int frames = 90_001;
        float[][] x = new float[2][frames];
        SplittableRandom r = new SplittableRandom(3);
        for (float[] c : x) {
            for (int i = 0; i < frames; i++) {
                c[i] = i % 4 == 0 ? (r.nextBoolean() ? 0.999f : -0.999f) : r.nextInt(-9, 10) / 8388608f;
            }
        }
        Path f = dir.resolve("lanes.wav");
        Levels written = writeMetered(f, FileType.WAV, SampleFormat.PCM24, x, 21, true);
        Levels read = Levels.measure(f);
        assertEquals(Double.doubleToLongBits(read.rms()), Double.doubleToLongBits(written.rms()),
                "RMS " + written.rms() + " from the codes, " + read.rms() + " read back");
        // a guard: one running sum of the same squares gives other bits
        double sequential = 0;
        for (float[] c : x) for (float v : c) sequential += (double) SampleFormat.PCM24.stored(v) * SampleFormat.PCM24.stored(v);
        assertNotEquals(Double.doubleToLongBits(Math.sqrt(sequential / (2.0 * frames))), Double.doubleToLongBits(read.rms()),
                "the lanes must show in the RMS's bits for this test to mean anything");
    }

    /**
     * The writer takes a run's peak code from its largest magnitude, but a full-scale positive sample is clamped a
     * step below full scale while a slightly smaller negative one rounds to -full scale: that run's peak is 1 (the
     * negative sample read back), not the largest sample's code. Also with a NaN (written as 0) in the run.
     */
    @Test
    void thePeakIsTheLargestCodesEvenWhenASmallerSampleHasIt() throws Exception {
        for (SampleFormat format : new SampleFormat[] {SampleFormat.PCM16, SampleFormat.PCM24}) {
            for (int channels : new int[] {1, 2, 3}) {
                float justBelow = -(1f - (float) Math.pow(2, -format.bits())); // halfway to -full scale: ties to even
                float[][] x = new float[channels][9];
                for (float[] c : x) {
                    c[1] = 1f;
                    c[4] = justBelow;
                    c[6] = Float.NaN;
                }
                Path f = dir.resolve("edge-" + format.code() + "-" + channels + ".wav");
                Levels written = writeMetered(f, FileType.WAV, format, x, channels, true);
                String what = format + ", " + channels + " channels";
                assertEquals(-1f, AudioFileLoader.load(f).channels()[0][4], what + ": the negative sample is -full scale");
                assertEquals(1.0, written.peak(), 0, what + ": peak");
                assertEquals(Levels.measure(f), written, what);
            }
        }
    }

    /** A float file has no codes; AIFF and FLAC writers code without summing (a batch meters their floats). */
    @Test
    void onlyAWavWritersIntegerCodesAreSummed() throws Exception {
        for (FileType type : FileType.values()) {
            for (SampleFormat format : SampleFormat.values()) {
                if (type == FileType.FLAC && format.isFloat()) continue;
                Path f = dir.resolve("sums-" + format.code() + "." + type.code());
                try (AudioWriter w = AudioWriter.open(f, 1, 48000, new WriteOptions(type, format, false, 0,
                        AudioMetadata.EMPTY))) {
                    assertEquals(type == FileType.WAV && !format.isFloat(), w.codeSquares() != null, type + " " + format);
                }
            }
        }
    }

    @Test
    void theSumsDoNotDependOnHowTheFramesAreCut() throws Exception {
        float[][] x = signal(3, 9_999, 8);
        Levels once = writeMetered(dir.resolve("a.wav"), FileType.WAV, SampleFormat.FLOAT32, x, 1);
        Levels other = writeMetered(dir.resolve("b.wav"), FileType.WAV, SampleFormat.FLOAT32, x, 2);
        Levels.Meter whole = new Levels.Meter(3, SampleFormat.FLOAT32);
        whole.add(x, x[0].length);
        assertEquals(Double.doubleToLongBits(once.rms()), Double.doubleToLongBits(other.rms()));
        assertEquals(Double.doubleToLongBits(once.rms()), Double.doubleToLongBits(whole.levels(9_999, 48000).rms()));
        // a guard: one running sum in another order would not give these bits by chance
        double sequential = 0;
        for (float[] c : x) for (float v : c) sequential += (double) v * v;
        double reversed = 0;
        for (int c = x.length - 1; c >= 0; c--) for (int i = x[c].length - 1; i >= 0; i--) reversed += (double) x[c][i] * x[c][i];
        assertNotEquals(sequential, reversed, "the summation order must show in the last bits for this test to mean anything");
    }

    @Test
    void storedSamplesAreTheWritersCodesOverFullScale() {
        assertEquals(32767f / 32768, SampleFormat.PCM16.stored(1.0f), 0);
        assertEquals(-1f, SampleFormat.PCM16.stored(-7f), 0);
        assertEquals(0f, SampleFormat.PCM24.stored(Float.NaN), 0);
        assertEquals(2f / 32768, SampleFormat.PCM16.stored(1.5f / 32768), 0, "ties to even");
        assertEquals(-2f / 32768, SampleFormat.PCM16.stored(-2.5f / 32768), 0, "ties to even");
        assertEquals(3f / 8388608, SampleFormat.PCM24.stored(3.2f / 8388608), 0);
        assertTrue(Float.isNaN(SampleFormat.FLOAT32.stored(Float.NaN)), "float files store what they are given");
        assertEquals(1.3f, SampleFormat.FLOAT32.stored(1.3f), 0);
    }
}
