package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STFT → ISTFT gives back its input delayed by the declared latency, within 1e-5, for every window and overlap the
 * ISTFT accepts; the ones it refuses are refused with a sentence naming window, overlap and a way out.
 */
class StftIdentityTest {
    private static final double SR = 48000;

    @Test
    void everyAcceptedWindowAndOverlapReconstructs() {
        int n = 256;
        List<String> accepted = new ArrayList<>(), refused = new ArrayList<>();
        double worstOverall = 0;
        for (String window : Window.labels()) {
            for (int ov = 1; ov <= 16; ov++) {
                for (int len : new int[]{n, n / 2, 2 * n, 3 * n / 2}) {
                    Map<String, String> p = Map.of("fftSize", "" + n, "windowLength", "" + len, "window", window,
                            "overlap", "" + ov);
                    String tag = window + "/" + len + "/" + ov;
                    ProcessorHarness istft;
                    try {
                        istft = Frames.harness(ISTFT.class, p, 8);
                    } catch (IllegalArgumentException e) {
                        refused.add(tag);
                        assertTrue(e.getMessage().contains(len > n ? "folded" : "overlap-add condition"), e.getMessage());
                        continue;
                    }
                    accepted.add(tag);
                    ProcessorHarness stft = Frames.harness(STFT.class, p, 8);
                    int hop = ((STFT) stft.processor()).framing().hop;
                    int latency = stft.processor().latency();
                    float[] x = Signals.noise(hop * 200, 7, 0.9);
                    float[] y = Frames.chain(stft, null, istft, x, hop, 3);
                    double worst = 0;
                    for (int i = latency; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] - x[i - latency]));
                    for (int i = 0; i < latency; i++) assertEquals(0, y[i], 1e-6, tag + ": before the latency");
                    assertTrue(worst <= 1e-5, tag + ": max error " + worst);
                    worstOverall = Math.max(worstOverall, worst);
                }
            }
        }
        System.out.println("identity: " + accepted.size() + " accepted, worst error " + worstOverall
                + "; refused " + refused.size() + ": " + refused);
        // the textbook cases, stated independently of the code: squared Hann/Hamming need overlap >= 3,
        // Blackman (cos up to 2x) >= 5, Blackman-Harris (3x) >= 7, rectangular any (hop dividing the window)
        for (String must : List.of("hann/256/4", "hann/256/16", "hamming/256/4", "blackman/256/8",
                "blackmanharris/256/8", "rectangular/256/1", "rectangular/256/2", "hann/128/4",
                "hann/512/4", "hann/512/8", "blackman/512/8", "hann/384/6")) {
            assertTrue(accepted.contains(must), must + " should be accepted");
        }
        for (String mustNot : List.of("hann/256/1", "hann/256/2", "hann/256/3", "rectangular/256/3", "hamming/256/2", "blackman/256/4",
                "blackmanharris/256/4", "hann/512/2")) {
            assertTrue(refused.contains(mustNot), mustNot + " should be refused");
        }
    }

    @Test
    void largestFftReconstructs() {
        Map<String, String> p = Map.of("fftSize", "16384", "overlap", "4");
        ProcessorHarness stft = Frames.harness(STFT.class, p, 4), istft = Frames.harness(ISTFT.class, p, 4);
        int hop = 4096, latency = stft.processor().latency();
        assertEquals(16384 - 4096, latency);
        float[] x = Signals.noise(hop * 24, 3, 0.9);
        float[] y = Frames.chain(stft, null, istft, x, hop, 4);
        double worst = 0;
        for (int i = latency; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] - x[i - latency]));
        System.out.println("identity at 16384: max error " + worst);
        assertTrue(worst <= 1e-5, "max error " + worst);
    }

    @Test
    void refusalsAreSentencesThroughTheRegistry() {
        ProcessorRegistry r = ProcessorRegistry.of(ISTFT.class, STFT.class);
        // the ISTFT inverts its input's framing: the STFT's params arrive as the format of the stream it reads
        var c = r.create("ISTFT", Map.of(), Map.of("in", Frames.format(Map.of("window", "hann", "overlap", "2"))));
        assertFalse(c.problems().isEmpty());
        String msg = c.problems().get(0).message();
        assertTrue(msg.contains("window hann") && msg.contains("overlap 2") && msg.contains("overlap 4 works"), msg);

        var folded = r.create("ISTFT", Map.of(),
                Map.of("in", Frames.format(Map.of("fftSize", "512", "windowLength", "1024", "overlap", "2"))));
        assertTrue(folded.problems().get(0).message().contains("longer than fftSize 512, so frames are folded"),
                folded.problems().toString());
        // the STFT alone accepts a folded window up to twice the FFT size, not more
        assertTrue(r.create("STFT", Map.of("fftSize", "512", "windowLength", "1024")).problems().isEmpty());
        assertFalse(r.create("STFT", Map.of("fftSize", "512", "windowLength", "1025")).problems().isEmpty());
        assertTrue(r.create("STFT", Map.of("fftSize", "1000")).problems().get(0).message().contains("not a power of two"));
    }

    @Test
    void sineLandsInItsBinWithZeroPhaseAtTheWindowCentre() {
        // a cosine of 8 cycles per 256 samples: frame centred on a cosine peak gives a real, positive bin 8
        int n = 256;
        ProcessorHarness stft = Frames.harness(STFT.class, Map.of("fftSize", "256", "overlap", "4"), 1);
        int hop = 64;
        float[] x = new float[hop * 8];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.cos(2 * Math.PI * 8 * i / n);
        float[] frame = null;
        for (int j = 0; j < 8; j++) {
            System.arraycopy(x, j * hop, stft.in("in"), 0, hop);
            stft.process(1);
            frame = stft.out("out");
        }
        // last frame covers samples [256, 512): centre 384 = 48 periods: phase 0. Hann-windowed cosine: |X[8]| = N/4
        assertEquals(n / 4.0, frame[16], 1e-3);
        assertEquals(0, frame[17], 1e-3);
        // zero-phase Hann is 0.5 + 0.5 cos around index 0, so the neighbouring bins are +N/8 (not -N/8 as unrotated)
        assertEquals(n / 8.0, frame[14], 1e-3);
        assertEquals(n / 8.0, frame[18], 1e-3);
        assertEquals(0, frame[12], 1e-3);
        assertThrows(IllegalArgumentException.class, () -> new Fft(1000));
    }
}
