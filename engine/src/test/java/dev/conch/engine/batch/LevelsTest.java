package dev.conch.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioMetadata;
import dev.conch.engine.io.AudioWriter;
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

    /** Writes {@code x} in blocks of random sizes, metering each block as it goes. */
    private static Levels writeMetered(Path file, FileType type, SampleFormat format, float[][] x, long seed)
            throws Exception {
        SplittableRandom cuts = new SplittableRandom(seed);
        int frames = x[0].length;
        Levels.Meter meter = new Levels.Meter(x.length, format);
        float[][] block = new float[x.length][700];
        try (AudioWriter w = AudioWriter.open(file, x.length, 48000, new WriteOptions(type, format, false, 0,
                AudioMetadata.EMPTY))) {
            for (int at = 0; at < frames; ) {
                int n = Math.min(frames - at, 1 + cuts.nextInt(block[0].length));
                for (int c = 0; c < x.length; c++) System.arraycopy(x[c], at, block[c], 0, n);
                w.write(block, 0, n);
                meter.add(block, n);
                at += n;
            }
            w.commit();
            return meter.levels(w.framesWritten(), 48000);
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
