package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SpectralDelay against its definition: per-bin delay in whole hops, geometric feedback, EQ in dB. */
class SpectralDelayTest {
    private static final int N = 64, HOP = 16, BINS = N / 2 + 1, WIDTH = N + 2;
    private static final double SR = 48000, FRAMES_PER_SECOND = SR / HOP, BIN_HZ = SR / N;

    /** Feeds one impulse-spectrum frame (every bin 1 + 0.5i) then silence; returns all output frames. */
    private static float[] impulseResponse(Map<String, String> params, int frames) {
        ProcessorHarness h = Frames.harness(SpectralDelay.class, params, 7);
        float[] out = new float[frames * WIDTH];
        SplittableRandom blocks = new SplittableRandom(5);
        for (int j = 0; j < frames; ) {
            int k = Math.min(frames - j, 1 + blocks.nextInt(7));
            float[] in = h.in("in");
            Arrays.fill(in, 0f);
            if (j == 0) for (int b = 0; b < BINS; b++) { in[2 * b] = 1f; in[2 * b + 1] = 0.5f; }
            h.process(k);
            System.arraycopy(h.out("out"), 0, out, j * WIDTH, k * WIDTH);
            j += k;
        }
        return out;
    }

    @Test
    void impulseReappearsAtEachBinsDelayDecayingByItsFeedbackWithItsEq() {
        Map<String, String> p = Map.of("fftSize", "" + N, "hop", "" + HOP, "maxDelay", "0.01",
                "delay", "0:0.001 24000:0.004", "feedback", "0:0.5 24000:0.25", "eq", "0:-6 24000:6");
        int frames = 200;
        float[] y = impulseResponse(p, frames);
        double in = Math.hypot(1, 0.5);
        double worstDb = 0, worstRatio = 0;
        for (int k = 0; k < BINS; k++) {
            double f = k * BIN_HZ;
            int expectedDelay = (int) Math.round((0.001 + 0.003 * f / 24000) * FRAMES_PER_SECOND);
            double expectedFb = 0.5 - 0.25 * f / 24000, expectedDb = -6 + 12 * f / 24000;
            int first = -1;
            for (int j = 0; j < frames && first < 0; j++) if (Frames.magnitude(y, j, N, k) > 1e-9) first = j;
            assertEquals(expectedDelay, first, "bin " + k + ": frame where the impulse reappears");
            double[] repeats = new double[4];
            for (int r = 1; r <= 4; r++) repeats[r - 1] = Frames.magnitude(y, r * first, N, k);
            double db = Signals.db(repeats[0] / in);
            worstDb = Math.max(worstDb, Math.abs(db - expectedDb));
            assertEquals(expectedDb, db, 0.1, "bin " + k + ": EQ gain");
            for (int r = 1; r < 4; r++) {
                double ratio = repeats[r] / repeats[r - 1];
                worstRatio = Math.max(worstRatio, Math.abs(ratio - expectedFb));
                assertEquals(expectedFb, ratio, 1e-4, "bin " + k + ": decay per repeat");
            }
            // nothing between the repeats
            for (int j = first + 1; j < 2 * first; j++) assertEquals(0, Frames.magnitude(y, j, N, k), 1e-12);
        }
        System.out.println("SpectralDelay frames: worst EQ error " + worstDb + " dB, worst feedback ratio error " + worstRatio);
    }

    /** The peer benchmark's P2: bin k delayed k mod 16 frames with feedback 0.3; bins 0, 16, 32 pass straight. */
    @Test
    void aCycleGivesEachBinItsDelayInFramesRepeatingEverySixteenBins() {
        double fifteenFrames = 15 / FRAMES_PER_SECOND;
        Map<String, String> p = Map.of("fftSize", "" + N, "hop", "" + HOP, "maxDelay", "0.01",
                "delay", "cycle(0, " + fifteenFrames + ", 16)", "feedback", "0:0.3");
        int frames = 80;
        float[] y = impulseResponse(p, frames);
        double in = Math.hypot(1, 0.5);
        for (int k = 0; k < BINS; k++) {
            int d = k % 16;
            for (int j = 0; j < frames; j++) {
                double expected = d == 0 ? (j == 0 ? in : 0) : (j > 0 && j % d == 0 ? in * Math.pow(0.3, j / d - 1) : 0);
                assertEquals(expected, Frames.magnitude(y, j, N, k), 1e-6 * in, "bin " + k + " frame " + j);
            }
        }
        String bad = ProcessorRegistry.of(SpectralDelay.class)
                .create("SpectralDelay", Map.of("delay", "cycle(0, 0.1)")).problems().toString();
        assertTrue(bad.contains("should read cycle(from, to, bins)"), bad);
    }

    @Test
    void feedbackIsClampedBelowOne() {
        float[] y = impulseResponse(Map.of("fftSize", "" + N, "hop", "" + HOP, "delay", "0:0.001", "feedback", "0:1"), 40);
        int d = (int) Math.round(0.001 * FRAMES_PER_SECOND);
        double ratio = Frames.magnitude(y, 2 * d, N, 5) / Frames.magnitude(y, d, N, 5);
        assertEquals(SpectralDelay.MAX_FEEDBACK, ratio, 1e-5);
    }

    @Test
    void throughStftAndIstftAnImpulseComesBackAtDelayPlusLatency() {
        Map<String, String> framing = Map.of("fftSize", "256", "overlap", "4");
        ProcessorHarness stft = Frames.harness(STFT.class, framing, 5), istft = Frames.harness(ISTFT.class, framing, 5);
        ProcessorHarness delay = Frames.harness(SpectralDelay.class, Map.of("fftSize", "256", "hop", "64",
                "delay", "0:0.02", "feedback", "0:0.5", "eq", "0:-6", "dry", "0", "wet", "1"), 5);
        int hop = 64, latency = stft.processor().latency();
        assertEquals(192, latency);
        float[] x = Signals.impulse(hop * 80, 640);
        float[] y = Frames.chain(stft, delay, istft, x, hop, 5);
        int d = (int) Math.round(0.02 * SR / hop) * hop; // 15 frames = 960 samples
        int first = Signals.peakIndex(y);
        assertEquals(640 + latency + d, first);
        assertEquals(-6, Signals.db(y[first]), 0.1);
        assertEquals(0.5, y[first + d] / y[first], 1e-4);
        assertEquals(0.25, y[first + 2 * d] / y[first], 1e-4);
        // an impulse delayed whole frames in every bin stays an impulse: nothing else above float noise
        for (int i = 0; i < y.length; i++) {
            if (i != first && i != first + d && i != first + 2 * d && i != first + 3 * d) assertEquals(0, y[i], 1e-5, "sample " + i);
        }
    }

    @Test
    void randomTablesAreSeededAndBanded() {
        Breakpoints a = Breakpoints.parse("delay", "random(0.1, 1.2, 8, 42)", 0, 2, "s");
        double[] x = a.perBin(513, SR / 1024), again = a.perBin(513, SR / 1024);
        double[] other = Breakpoints.parse("delay", "random(0.1, 1.2, 8, 43)", 0, 2, "s").perBin(513, SR / 1024);
        assertArrayEquals(x, again);
        assertFalse(Arrays.equals(x, other));
        assertTrue(Arrays.stream(x).allMatch(v -> v >= 0.1 && v < 1.2));
        assertTrue(Arrays.stream(x).distinct().count() <= 8);
        // bands are contiguous on a log axis: at most 7 changes of value from bin to bin
        int changes = 0;
        for (int k = 1; k < x.length; k++) if (x[k] != x[k - 1]) changes++;
        assertTrue(changes <= 7, "changes " + changes);
        // breakpoint curve: linear between points, held outside
        Breakpoints c = Breakpoints.parse("delay", "100:0.1 1000:0.5 8000:1.2", 0, 2, "s");
        assertEquals(0.1, c.at(0), 1e-12);
        assertEquals(0.3, c.at(550), 1e-12);
        assertEquals(1.2, c.at(20000), 1e-12);
    }

    @Test
    void badTablesAreSentencesNamingTheParam() {
        ProcessorRegistry r = ProcessorRegistry.of(SpectralDelay.class);
        String tooLong = r.create("SpectralDelay", Map.of("maxDelay", "2", "delay", "0:0.5 1000:3")).problems().toString();
        assertTrue(tooLong.contains("delay: value 3") && tooLong.contains("out of range"), tooLong);
        String notPair = r.create("SpectralDelay", Map.of("eq", "0:1 1000")).problems().toString();
        assertTrue(notPair.contains("eq: '1000'") && notPair.contains("not a Hz:value pair"), notPair);
        String order = r.create("SpectralDelay", Map.of("feedback", "1000:0.1 500:0.2")).problems().toString();
        assertTrue(order.contains("must increase"), order);
        String form = r.create("SpectralDelay", Map.of("eq", "random(0, 1, 2)")).problems().toString();
        assertTrue(form.contains("should read random(min, max, bands, seed), e.g. random(0.1, 1.5, 16, 7)"), form);
        String bands = r.create("SpectralDelay", Map.of("eq", "random(-3, 3, 2.5, 1)")).problems().toString();
        assertTrue(bands.contains("bands must be a whole number from 1 to 4096"), bands);
        String seed = r.create("SpectralDelay", Map.of("eq", "random(-3, 3, 2, 0.5)")).problems().toString();
        assertTrue(seed.contains("seed must be a whole number") && !seed.contains("seed must be a whole number from"), seed);
        String bins = r.create("SpectralDelay", Map.of("eq", "cycle(-3, 3, 0)")).problems().toString();
        assertTrue(bins.contains("bins must be a whole number from 1 to 65536"), bins);
    }

    @Test
    void tailIsTheTimeForTheSlowestBinToFall60Db() {
        var c = ProcessorRegistry.of(SpectralDelay.class).create("SpectralDelay", Map.of("delay", "0:1", "feedback", "0:0.5"));
        // 0.5 per repeat: 60 / 6.0206 = 9.966 repeats after the first, each 1 s
        assertEquals(1 + 60 / (20 * Math.log10(2)), c.processor().tailSeconds(), 1e-9);
        // prepared: per bin, from the quantized delays (0.3 s at hop 256 = 56.25 frames, rounded to 56)
        ProcessorHarness h = Frames.harness(SpectralDelay.class, Map.of("hop", "256", "delay", "0:0.3 1000:0.1",
                "feedback", "0:0 1000:0.9"), 1);
        double worst = 0;
        for (int k = 0; k <= 512; k++) {
            double f = k * SR / 1024;
            double d = Math.round((f >= 1000 ? 0.1 : 0.3 - 0.2 * f / 1000) * SR / 256) * 256 / SR;
            double fb = f >= 1000 ? 0.9 : 0.9 * f / 1000;
            worst = Math.max(worst, fb <= 0 ? d : d * (1 + Math.log(1e-3) / Math.log(fb)));
        }
        assertEquals(worst, h.processor().tailSeconds(), 1e-5); // feedback is held as a float
        assertTrue(worst < 0.3 * (1 + Math.log(1e-3) / Math.log(0.9)), "tighter than the bound");
    }
}
