package dev.conch.processors.io;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file loading AudioFileReader and GrainStream share: the param's text as a path, the refusals worded as one
 * sentence naming the file, and a 44.1 kHz stereo sine pair loaded at 48 kHz keeping its frequency, its length in
 * seconds and its amplitudes (each channel, or their mean when mixed to mono).
 */
class InputFileTest {
    @TempDir
    Path dir;

    /** 0.5 s of 1 kHz at 44.1 kHz: amplitude 0.8 on the left, 0.4 on the right. */
    private Path stereoSines() throws IOException {
        Path f = dir.resolve("pair.wav");
        int n = 22050;
        try (WavWriter w = WavWriter.open(f, 2, 44100, SampleFormat.FLOAT32)) {
            w.write(new float[][]{Signals.sine(n, 1000, 44100, 0.8), Signals.sine(n, 1000, 44100, 0.4)}, 0, n);
            w.commit();
        }
        return f;
    }

    @Test
    void theParamsTextIsAnAbsolutePathOrNothing() {
        assertNull(InputFile.path(""));
        assertNull(InputFile.path("  "));
        assertNull(InputFile.path(null));
        assertEquals(Path.of("").toAbsolutePath().resolve("loop.wav"), InputFile.path(" loop.wav "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputFile.path("a\0b.wav"));
        assertTrue(e.getMessage().startsWith("'a\0b.wav' is not a usable file path ("), e.getMessage());
    }

    @Test
    void refusalsNameTheFileAndWhatToDo() throws IOException {
        Path pair = stereoSines();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InputFile.check(pair, 1, 44100, true));
        assertEquals("file " + pair + " now has 2 channels but had 1 when the network was loaded; load the network "
                + "again", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> InputFile.check(pair, 2, 48000, false));
        assertEquals("file pair.wav is 44100 Hz but the network runs at 48000 Hz, and resample is off; turn resample "
                + "on to convert it on load, or convert the file", e.getMessage());
        assertEquals(44100, InputFile.check(pair, 2, 48000, true).sampleRate());
        Path missing = dir.resolve("missing.wav");
        IllegalArgumentException configuring = assertThrows(IllegalArgumentException.class, () -> InputFile.probe(missing));
        assertTrue(configuring.getMessage().contains("missing.wav does not exist"), configuring.getMessage());
        e = assertThrows(IllegalStateException.class, () -> InputFile.loadMono(missing, 48000));
        assertTrue(e.getMessage().contains("missing.wav does not exist"), e.getMessage());
    }

    @Test
    void aFileAtAnotherRateIsConvertedOnLoadChannelByChannelOrMixedToMono() throws IOException {
        Path pair = stereoSines();
        float[][] both = InputFile.load(pair, 48000);
        float[] mono = InputFile.loadMono(pair, 48000);
        double[][] cases = {{0.8, 0}, {0.4, 1}, {0.6, -1}};   // {amplitude, channel; -1: mono}
        for (double[] c : cases) {
            float[] x = c[1] < 0 ? mono : both[(int) c[1]];
            assertEquals(24000, x.length, 1, "half a second at 48 kHz");
            // away from the ends, where the converter's filter meets the file's edges
            int from = 2400, len = 19200;
            assertEquals(1000, Signals.zeroCrossingFrequency(x, from, len, 48000), 0.5, "channel " + c[1]);
            assertEquals(c[0], Signals.sineAmplitude(x, from, len, 1000, 48000), 0.001 * c[0], "channel " + c[1]);
        }
        float[][] same = InputFile.load(pair, 44100);
        assertEquals(22050, same[0].length, "at the file's own rate nothing is converted");
        assertEquals(0.8 * Math.sin(2 * Math.PI * 1000 * 7 / 44100), same[0][7], 1e-6);
    }
}
