package dev.conch.processors.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.AllocationMeter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start/end points, loop region with crossfade, seek, resampling on load, and disk streaming: the disk and memory
 * modes must give the same samples as an independent reference of the playback rule, at random block sizes, and
 * streaming with loops must not allocate on the audio thread.
 */
class AudioFileReaderStreamingTest {
    static final int RATE = 48000;
    static final int LENGTH = 30_000;

    @TempDir
    Path dir;

    private Path writeNoise(float[][] data) throws Exception {
        Random r = new Random(4);
        for (float[] ch : data) for (int i = 0; i < ch.length; i++) ch[i] = (float) r.nextGaussian() * 0.3f;
        Path f = dir.resolve("noise.wav");
        try (WavWriter w = WavWriter.open(f, data.length, RATE, SampleFormat.FLOAT32)) {
            w.write(data, 0, data[0].length);
            w.commit();
        }
        return f;
    }

    /** The rule, written out independently of PlaybackPlan: what frame k of the output must be. */
    private static float[] reference(float[] x, int frames, int start, int end, int loopStart, boolean loop, int xf) {
        float[] y = new float[frames];
        int pos = start;
        for (int k = 0; k < frames; k++) {
            if (pos >= end) {
                if (!loop) break;
                pos = loopStart;
            }
            float v = x[pos];
            if (loop && xf > 0 && pos >= end - xf) {
                int i = pos - (end - xf);
                float w = (float) ((i + 0.5) / xf);
                v = v * (1 - w) + x[loopStart - xf + i] * w;
            }
            y[k] = v;
            pos++;
        }
        return y;
    }

    private static float[][] play(ProcessorHarness h, int channels, int frames, long seed) throws Exception {
        float[][] y = new float[channels][frames];
        Random sizes = new Random(seed);
        for (int done = 0; done < frames; ) {
            int n = Math.min(1 + sizes.nextInt(h.maxFirings()), frames - done);
            h.processor().awaitCapacity(); // offline: the reader thread is ahead
            h.process(n);
            for (int c = 0; c < channels; c++) System.arraycopy(h.out("out" + (c + 1)), 0, y[c], done, n);
            done += n;
        }
        return y;
    }

    private static ProcessorHarness open(Path f, Map<String, String> params, int block) throws Exception {
        Map<String, String> p = new HashMap<>(params);
        p.put("file", f.toString());
        ProcessorHarness h = ProcessorHarness.create(AudioFileReader.class, p, RATE, block);
        h.processor().open();
        return h;
    }

    @Test
    void diskAndMemoryPlayTheReferenceSequenceWithLoopRegionAndCrossfade() throws Exception {
        float[][] x = new float[2][LENGTH];
        Path f = writeNoise(x);
        // start 0.05 s (2400), end 0.5 s (24000), loopStart 0.1 s (4800), crossfade 10 ms (480 frames)
        Map<String, String> p = Map.of("start", "0.05", "end", "0.5", "loopStart", "0.1", "loop", "on", "xfade", "10");
        int frames = 100_000; // several passes through the region
        for (String mode : new String[] {"memory", "disk"}) {
            Map<String, String> q = new HashMap<>(p);
            q.put("mode", mode);
            ProcessorHarness h = open(f, q, 256);
            assertEquals(mode.equals("disk"), ((AudioFileReader) h.processor()).streaming(), mode);
            float[][] y = play(h, 2, frames, 3);
            h.processor().close();
            for (int c = 0; c < 2; c++) {
                float[] want = reference(x[c], frames, 2400, 24000, 4800, true, 480);
                for (int i = 0; i < frames; i++) assertEquals(want[i], y[c][i], 1e-7f, mode + " ch " + c + " frame " + i);
            }
        }
    }

    /**
     * A network rendered again (a batch job's files, one compiled network): closed, reset and opened again, a reader
     * plays its region from the start once more, in both modes; from disk the file was let go at the close.
     */
    @Test
    void closedResetAndOpenedAgainItPlaysTheRegionAgain() throws Exception {
        float[][] x = new float[2][LENGTH];
        Path f = writeNoise(x);
        for (String mode : new String[] {"memory", "disk"}) {
            ProcessorHarness h = open(f, Map.of("mode", mode, "start", "0.05", "end", "0.5"), 256);
            float[][] first = play(h, 2, 30_000, 3);
            h.processor().close();
            h.processor().reset();
            h.processor().open();
            float[][] again = play(h, 2, 30_000, 4);
            h.processor().close();
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(reference(x[c], 30_000, 2400, 24000, 0, false, 0), first[c], mode + " ch " + c);
                assertArrayEquals(first[c], again[c], mode + " ch " + c + " played again");
            }
        }
    }

    @Test
    void theSeamIsContinuousWithACrossfadeAndAudibleWithout() throws Exception {
        // a ramp: the loop jumps from ~0.8 back to 0.2; with a crossfade the step at the seam is one ramp step
        float[][] x = {new float[10_000]};
        for (int i = 0; i < x[0].length; i++) x[0][i] = i / 10_000f;
        Path f = dir.resolve("ramp.wav");
        try (WavWriter w = WavWriter.open(f, 1, RATE, SampleFormat.FLOAT32)) {
            w.write(x, 0, x[0].length);
            w.commit();
        }
        double loopStart = 2000.0 / RATE, end = 8000.0 / RATE;
        for (String fade : new String[] {"0", "10"}) {
            ProcessorHarness h = open(f, Map.of("loop", "on", "loopStart", Double.toString(loopStart),
                    "end", Double.toString(end), "xfade", fade), 512);
            float[] y = play(h, 1, 8010, 1)[0];
            float jump = Math.abs(y[8000] - y[7999]);
            if (fade.equals("0")) assertEquals(0.5999f, jump, 1e-5f, "no crossfade: the seam jumps from frame 7999 to frame 2000");
            // 480-frame fade: the last mixed frame is x[7999]·(0.5/480) + x[1999]·(479.5/480), then x[2000] = 0.2
            else assertEquals(Math.abs(0.2 - (0.1999 + 0.6 * 0.5 / 480)), jump, 1e-5, "crossfaded seam step");
        }
    }

    @Test
    void seekMovesThePlayheadInBothModes() throws Exception {
        float[][] x = new float[1][LENGTH];
        Path f = writeNoise(x);
        for (String mode : new String[] {"memory", "disk"}) {
            ProcessorHarness h = open(f, Map.of("mode", mode), 128);
            play(h, 1, 1000, 2);
            h.set("seek", 0.25); // frame 12000
            float[] y = play(h, 1, 2000, 5)[0];
            h.processor().close();
            for (int i = 0; i < 2000; i++) assertEquals(x[0][12_000 + i], y[i], mode + " frame " + i);
        }
    }

    @Test
    void aFileAtAnotherRateIsResampledOnLoad() throws Exception {
        // a 1 kHz sine at 44.1 kHz must come out as a 1 kHz sine at 48 kHz (away from the edges)
        int n = 44_100;
        float[][] x = {new float[n]};
        for (int i = 0; i < n; i++) x[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 44100.0));
        Path f = dir.resolve("cd.wav");
        try (WavWriter w = WavWriter.open(f, 1, 44100, SampleFormat.FLOAT32)) {
            w.write(x, 0, n);
            w.commit();
        }
        ProcessorHarness h = open(f, Map.of(), 256);
        float[] y = play(h, 1, RATE, 9)[0];
        double worst = 0;
        for (int i = 2000; i < RATE - 2000; i++) {
            worst = Math.max(worst, Math.abs(y[i] - 0.5 * Math.sin(2 * Math.PI * 1000 * i / (double) RATE)));
        }
        assertTrue(worst < 1e-4, "resampled sine error " + worst);
    }

    @Test
    void streamingWithLoopsAllocatesNothingOnTheAudioThread() throws Exception {
        float[][] x = new float[2][LENGTH];
        Path f = writeNoise(x);
        ProcessorHarness h = open(f, Map.of("mode", "disk", "loop", "on", "loopStart", "0.1", "xfade", "5"), 256);
        Runnable block = () -> {
            try {
                h.processor().awaitCapacity();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            h.process(256);
        };
        // awaitCapacity runs on this thread too but only parks; the measured part is process()
        AllocationMeter.warmUp(() -> h.process(256), 200, 20_000);
        long bytes = AllocationMeter.fewestBytesOver(5, () -> {
            for (int i = 0; i < 400; i++) block.run(); // > 2 s of audio: many loop passes, many ring refills
        });
        h.processor().close();
        assertEquals(0, bytes, "bytes allocated while streaming with loops");
    }
}
