package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every integer writer counts the samples it clamps (|x| &gt; 1) and the peak it saw; the expected figures are
 * read off the test's own samples, and the file read back holds those samples at full scale.
 */
class ClippingTest {
    @TempDir
    Path dir;

    /** Two channels; beyond full scale: 2, -9 and -1.5 (three samples), peak 9. 1.0 and -1.0 fit; NaN is silence. */
    static final float[][] SAMPLES = {{0.5f, 2f, -9f, 1f, Float.NaN}, {-1f, 0f, -1.5f, 0.25f, 0.999f}};

    @Test
    void integerWritersCountClampedSamplesAndThePeak() throws Exception {
        for (FileType type : FileType.values()) {
            for (SampleFormat format : new SampleFormat[] {SampleFormat.PCM16, SampleFormat.PCM24}) {
                Path f = dir.resolve("x-" + format + "." + type.code());
                Clipping c = write(f, new WriteOptions(type, format, false, 1, AudioMetadata.EMPTY));
                assertEquals(new Clipping(3, 9.0), c, type + " " + format);
                float[][] back = AudioFileLoader.load(f).channels();
                float top = 1f - (float) Math.pow(2, 1 - format.bits());
                assertEquals(top, back[0][1], type + " " + format + ": 2 is written as full scale");
                assertEquals(-1f, back[0][2], type + " " + format);
                assertEquals(-1f, back[1][2], type + " " + format);
            }
        }
    }

    @Test
    void floatFilesClipNothing() throws Exception {
        Path f = dir.resolve("x.wav");
        assertEquals(Clipping.NONE, write(f, WriteOptions.forTarget(f, SampleFormat.FLOAT32)));
        assertEquals(-9f, AudioFileLoader.load(f).channels()[0][2]);
    }

    @Test
    void thePeakInDbfs() {
        assertEquals(20 * Math.log10(9), new Clipping(1, 9).peakDbfs(), 1e-12);
        assertEquals(0, new Clipping(0, 1).peakDbfs(), 0);
    }

    private static Clipping write(Path f, WriteOptions options) throws Exception {
        try (AudioWriter w = AudioWriter.open(f, 2, 48000, options)) {
            w.write(SAMPLES, 0, SAMPLES[0].length);
            Clipping c = w.clipping();
            w.commit();
            return c;
        }
    }
}
