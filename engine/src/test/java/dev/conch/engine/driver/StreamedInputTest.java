package dev.conch.engine.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.AudioWriter;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.io.WriteOptions;
import dev.conch.engine.testing.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input of {@code conch process}: the samples the loader gives, block after block at any sizes, silence past
 * the end, and no allocation while it plays, so a long file is never held in memory.
 */
class StreamedInputTest {
    @TempDir
    Path dir;

    private Path noise(String name, int channels, int frames, double rate, SampleFormat format) throws Exception {
        Path f = dir.resolve(name);
        float[][] x = new float[channels][frames];
        SplittableRandom r = new SplittableRandom(frames);
        for (float[] c : x) for (int i = 0; i < frames; i++) c[i] = (float) (r.nextDouble() - 0.5);
        try (WavWriter w = WavWriter.open(f, channels, rate, format)) {
            w.write(x, 0, frames);
            w.commit();
        }
        return f;
    }

    @Test
    void blocksOfAnySizeGiveTheLoadersSamplesThenSilence() throws Exception {
        Path f = noise("take.wav", 3, 100_003, 48000, SampleFormat.PCM24);
        float[][] whole = AudioFileLoader.load(f).channels();
        SplittableRandom sizes = new SplittableRandom(7);
        try (InputSource in = StreamedInput.open(f, 48000)) {
            assertInstanceOf(StreamedInput.class, in);
            assertEquals(3, in.channels());
            assertEquals(100_003, in.frames());
            float[][] got = new float[4][100_003 + 5000]; // one channel more than the file: silent
            float[][] block = new float[4][4096];
            for (int pass = 0; pass < 2; pass++) { // rewind plays it again from the top
                in.rewind();
                int at = 0;
                while (at < got[0].length) {
                    int n = Math.min(1 + sizes.nextInt(4096), got[0].length - at);
                    for (float[] c : block) java.util.Arrays.fill(c, 9f);
                    in.fill(block, n);
                    for (int c = 0; c < 4; c++) System.arraycopy(block[c], 0, got[c], at, n);
                    at += n;
                }
                for (int c = 0; c < 3; c++) {
                    assertArrayEquals(whole[c], java.util.Arrays.copyOf(got[c], 100_003), "channel " + c);
                    assertArrayEquals(new float[5000], java.util.Arrays.copyOfRange(got[c], 100_003, got[c].length), "past the end");
                }
                assertArrayEquals(new float[got[3].length], got[3], "the channel the file does not have");
            }
        }
    }

    /**
     * A render rewinds its input before its first block, just after a batch opened it: the file opened is played,
     * not opened a third time (shown by removing it in between, which an open channel survives on this system), and
     * after blocks were read a rewind still starts again from the first frame.
     */
    @Test
    void aRewindBeforeAnyReadKeepsTheFileOpenedAndOneAfterStartsAgain() throws Exception {
        Path f = noise("once.wav", 2, 10_000, 48000, SampleFormat.PCM16);
        float[][] whole = AudioFileLoader.load(f).channels();
        float[][] block = new float[2][1000];
        try (InputSource in = StreamedInput.open(f, 48000)) {
            Path moved = Files.move(f, dir.resolve("elsewhere.wav"));
            in.rewind();
            in.fill(block, 1000);
            assertArrayEquals(java.util.Arrays.copyOf(whole[1], 1000), block[1], "the first frames");
            Files.move(moved, f);
            in.fill(block, 1000);
            in.rewind();
            in.fill(block, 1000);
            assertArrayEquals(java.util.Arrays.copyOf(whole[0], 1000), block[0], "the first frames again");
        }
    }

    @Test
    void playingAllocatesNothingHoweverLongTheFile() throws Exception {
        Path f = noise("long.wav", 2, 48000 * 20, 48000, SampleFormat.FLOAT32);
        try (InputSource in = StreamedInput.open(f, 48000)) {
            float[][] block = new float[2][512];
            AllocationMeter.warmUp(() -> fill(in, block), 2000, 20_000);
            in.rewind();
            long bytes = AllocationMeter.fewestBytesOver(3, () -> {
                for (int i = 0; i < 48000 * 20 / 512; i++) fill(in, block);
            });
            assertEquals(0, bytes, "bytes allocated while streaming 20 s");
        }
    }

    private static void fill(InputSource in, float[][] block) {
        try {
            in.fill(block, block[0].length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A FLAC file streams too, frame by frame, with the whole-file loader's samples; a cut one is its sentence. */
    @Test
    void aFlacFileStreamsTheLoadersSamplesAndACutOneSaysSo() throws Exception {
        Path f = dir.resolve("take.flac");
        int frames = 100_003;
        float[][] x = new float[2][frames];
        SplittableRandom r = new SplittableRandom(3);
        for (float[] c : x) for (int i = 0; i < frames; i++) c[i] = (float) (r.nextDouble() - 0.5);
        try (AudioWriter w = AudioWriter.open(f, 2, 48000, WriteOptions.forTarget(f, SampleFormat.PCM24))) {
            w.write(x, 0, frames);
            w.commit();
        }
        float[][] whole = AudioFileLoader.load(f).channels();
        SplittableRandom sizes = new SplittableRandom(5);
        try (InputSource in = StreamedInput.open(f, 48000)) {
            assertInstanceOf(StreamedInput.class, in);
            assertEquals(frames, in.frames());
            float[][] got = new float[2][frames + 100];
            float[][] block = new float[2][3000];
            for (int pass = 0; pass < 2; pass++) {
                in.rewind();
                int at = 0;
                while (at < got[0].length) {
                    int n = Math.min(1 + sizes.nextInt(3000), got[0].length - at);
                    in.fill(block, n);
                    for (int c = 0; c < 2; c++) System.arraycopy(block[c], 0, got[c], at, n);
                    at += n;
                }
                for (int c = 0; c < 2; c++) {
                    assertArrayEquals(whole[c], java.util.Arrays.copyOf(got[c], frames), "channel " + c);
                    assertArrayEquals(new float[100], java.util.Arrays.copyOfRange(got[c], frames, frames + 100));
                }
            }
        }
        Path cut = dir.resolve("cut.flac");
        byte[] bytes = Files.readAllBytes(f);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> {
            try (InputSource in = StreamedInput.open(cut, 48000)) {
                float[][] block = new float[2][4096];
                for (int i = 0; i < frames / 4096 + 2; i++) in.fill(block, 4096);
            }
        });
        assertTrue(e.getMessage().contains("it is truncated: its header announces 100003 frames but only"), e.getMessage());
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    /**
     * A file at another rate streams through the resampler, holding only its window, and gives what render -i plays
     * (the whole file resampled at once) bit for bit, at any block sizes, up and down, and again after a rewind.
     */
    @Test
    void aFileAtAnotherRateStreamsTheSamplesRenderIGives() throws Exception {
        for (double rate : new double[] {44100, 96000}) {
            Path f = noise((int) rate + ".wav", 2, (int) (rate * 1.3) + 7, rate, SampleFormat.FLOAT32);
            float[][] expected = RecordedInput.read(f, 48000);
            SplittableRandom sizes = new SplittableRandom(11);
            try (InputSource in = StreamedInput.open(f, 48000)) {
                assertInstanceOf(StreamedInput.class, in, "streamed, not loaded whole");
                assertEquals(expected[0].length, in.frames());
                float[][] block = new float[2][5000];
                for (int pass = 0; pass < 2; pass++) {
                    in.rewind();
                    float[][] got = new float[2][expected[0].length + 300];
                    int at = 0;
                    while (at < got[0].length) {
                        int n = Math.min(1 + sizes.nextInt(5000), got[0].length - at);
                        in.fill(block, n);
                        for (int c = 0; c < 2; c++) System.arraycopy(block[c], 0, got[c], at, n);
                        at += n;
                    }
                    for (int c = 0; c < 2; c++) {
                        assertArrayEquals(expected[c], java.util.Arrays.copyOf(got[c], expected[c].length), rate + " Hz, channel " + c);
                        assertArrayEquals(new float[300], java.util.Arrays.copyOfRange(got[c], expected[c].length, got[c].length));
                    }
                }
            }
        }
    }

    @Test
    void resamplingAFileAsItPlaysAllocatesNothing() throws Exception {
        Path f = noise("long44.wav", 2, 44100 * 20, 44100, SampleFormat.PCM16);
        try (InputSource in = StreamedInput.open(f, 48000)) {
            float[][] block = new float[2][512];
            AllocationMeter.warmUp(() -> fill(in, block), 200, 2_000);
            in.rewind();
            long bytes = AllocationMeter.fewestBytesOver(3, () -> {
                for (int i = 0; i < 200; i++) fill(in, block);
            });
            assertEquals(0, bytes, "bytes allocated while resampling");
        }
    }

    @Test
    void aDamagedFileIsTheReadersSentence() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.wav"), "shopping list");
        AudioFileException e = assertThrows(AudioFileException.class, () -> StreamedInput.open(f, 48000));
        assertEquals(e.getMessage(), assertThrows(AudioFileException.class, () -> AudioFileLoader.load(f)).getMessage());
    }
}
