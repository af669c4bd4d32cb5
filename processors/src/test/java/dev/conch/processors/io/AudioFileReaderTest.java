package dev.conch.processors.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFileReaderTest {
    static final int LENGTH = 1000;

    @TempDir
    Path dir;
    Path file;
    float[][] data;

    @BeforeEach
    void writeKnownFile() throws Exception {
        Random r = new Random(9);
        data = new float[2][LENGTH];
        for (float[] ch : data) for (int i = 0; i < LENGTH; i++) ch[i] = (float) r.nextGaussian() * 0.5f + 0.01f;
        file = dir.resolve("known.wav");
        try (WavWriter w = WavWriter.open(file, 2, 48000, SampleFormat.FLOAT32)) {
            w.write(data, 0, LENGTH);
            w.commit();
        }
    }

    /** Plays {@code frames} frames in blocks of random size up to the harness's maximum; returns both channels. */
    private float[][] play(Map<String, String> params, int frames) {
        Map<String, String> p = new HashMap<>(params);
        p.put("file", file.toString());
        ProcessorHarness h = ProcessorHarness.create(AudioFileReader.class, p, 48000, 256);
        float[][] y = new float[2][frames];
        Random sizes = new Random(1);
        for (int done = 0; done < frames; ) {
            int n = Math.min(1 + sizes.nextInt(256), frames - done);
            h.process(n);
            System.arraycopy(h.out("out1"), 0, y[0], done, n);
            System.arraycopy(h.out("out2"), 0, y[1], done, n);
            done += n;
        }
        return y;
    }

    @Test
    void playsTheFileOnceThenSilence() {
        float[][] y = play(Map.of(), 1700);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 1700; i++) {
                assertEquals(i < LENGTH ? data[c][i] : 0f, y[c][i], "channel " + c + " frame " + i);
            }
        }
    }

    @Test
    void loopsSeamlesslyAtTheBoundary() {
        float[][] y = play(Map.of("loop", "true"), 3500);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 3500; i++) assertEquals(data[c][i % LENGTH], y[c][i], "channel " + c + " frame " + i);
        }
    }

    @Test
    void startOffsetSkipsIntoTheFile() {
        float[][] once = play(Map.of("start", "0.01"), 800); // 480 frames at 48 kHz
        for (int i = 0; i < 800; i++) assertEquals(i < 520 ? data[1][480 + i] : 0f, once[1][i], "frame " + i);
        float[][] looped = play(Map.of("start", "0.01", "loop", "on"), 2500);
        for (int i = 0; i < 2500; i++) assertEquals(data[0][(480 + i) % LENGTH], looped[0][i], "frame " + i);
    }

    /**
     * Regions that cannot play are refused when the network is prepared, naming the param and the file's length:
     * the file is 1000 frames, 0.021 s at 48 kHz. They played the last sample as DC, or were ignored.
     */
    @Test
    void regionsThatCannotPlayAreRefusedNamingTheParamAndTheFilesLength() {
        String length = "known.wav is 0.021 s long (1000 frames at 48000 Hz)";
        assertRefused(Map.of("loop", "on", "loopStart", "0.03"), "loopStart 0.030 s is at or past the end of the file", length);
        assertRefused(Map.of("loop", "on", "loopStart", String.valueOf(1000 / 48000.0)), "loopStart 0.021 s", length);
        assertRefused(Map.of("loop", "on", "loopStart", "0.015", "end", "0.01"), "loopStart 0.015 s is at or past end (0.010 s)", length);
        assertRefused(Map.of("start", "0.5"), "start 0.500 s is at or past the end of the file", length);
        assertRefused(Map.of("start", "0.5", "loop", "on"), "start 0.500 s", length);
        assertRefused(Map.of("start", "0.015", "end", "0.01"), "start 0.015 s is at or past end (0.010 s)", length);
        // the edges that do play are still accepted
        play(Map.of("loop", "on", "loopStart", "0.02"), 10);
        play(Map.of("start", "0.02"), 10);
        play(Map.of("loopStart", "0.5"), 10); // without loop, loopStart is never used
    }

    private void assertRefused(Map<String, String> params, String... words) {
        Map<String, String> p = new HashMap<>(params);
        p.put("file", file.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessorHarness.create(AudioFileReader.class, p, 48000, 256), params::toString);
        for (String w : words) assertTrue(e.getMessage().contains(w), "'" + w + "' missing from: " + e.getMessage());
    }

    @Test
    void gainScalesByDecibels() {
        float[][] y = play(Map.of("gain", "-6"), LENGTH);
        double g = Math.pow(10, -6 / 20.0);
        for (int i = 0; i < LENGTH; i++) assertEquals(data[0][i] * g, y[0][i], 1e-6, "frame " + i);
    }

    @Test
    void describePassWithoutFileDeclaresOneOutput() {
        ProcessorDescriptor d = ProcessorRegistry.of(AudioFileReader.class).descriptor("AudioFileReader");
        assertEquals("Files", d.category());
        assertEquals(1, d.outputs().size());
        assertEquals("out1", d.outputs().get(0).name());
    }

    @Test
    void portsFollowTheFilesChannelCount() throws Exception {
        Path six = dir.resolve("six.wav");
        try (WavWriter w = WavWriter.open(six, 6, 48000, SampleFormat.PCM16)) {
            w.write(new float[6][10], 0, 10);
            w.commit();
        }
        ProcessorRegistry.Created c = ProcessorRegistry.of(AudioFileReader.class)
                .create("AudioFileReader", Map.of("file", six.toString()));
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        assertEquals(6, c.processor().outputs().size());
        assertEquals("out6", c.processor().outputs().get(5).name());
    }

    @Test
    void unreadableFileIsAProblemNamingIt() throws Exception {
        Path text = dir.resolve("readme.wav");
        Files.writeString(text, "not audio");
        for (Path p : new Path[] {dir.resolve("missing.wav"), text}) {
            ProcessorRegistry.Created c = ProcessorRegistry.of(AudioFileReader.class)
                    .create("AudioFileReader", Map.of("file", p.toString()));
            assertEquals(1, c.problems().size(), c.problems().toString());
            assertTrue(c.problems().get(0).message().contains(p.getFileName().toString()), c.problems().toString());
        }
    }

    @Test
    void aFileAtAnotherRateIsRefusedWhenResampleIsOff() throws Exception {
        Path cd = dir.resolve("x.wav");
        try (WavWriter w = WavWriter.open(cd, 1, 44100, SampleFormat.PCM16)) {
            w.write(new float[1][10], 0, 10);
            w.commit();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessorHarness.create(AudioFileReader.class, Map.of("file", cd.toString(), "resample", "off"),
                        48000, 64));
        assertEquals("file x.wav is 44100 Hz but the network runs at 48000 Hz, and resample is off; turn resample on "
                + "to convert it on load, or convert the file", e.getMessage());
    }
}
