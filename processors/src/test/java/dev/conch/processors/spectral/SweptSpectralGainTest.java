package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SweptSpectralGain: frame by frame, exactly the bins within width of the LFO-swept centre are scaled (the centre
 * computed here from the frame's time, f · hop / sample rate), and the rest pass unchanged.
 */
class SweptSpectralGainTest {
    @Test
    void eachFrameScalesTheBandAroundItsSweptCentre() {
        int n = 512, width = n + 2, frames = 40, hop = 128;
        double sr = 48000, binHz = sr / n, f0 = 3000, half = 400, rate = 7, depth = 0.6, gain = Math.pow(10, -30 / 20.0);
        ProcessorHarness h = Frames.harness(SweptSpectralGain.class, Map.of("fftSize", "512", "overlap", "4",
                "frequency", "3000", "width", "400", "gain", "-30", "rate", "7", "depth", "0.6"), frames);
        float[] x = h.in("in");
        for (int i = 0; i < frames * width; i++) x[i] = 1f + (i % 5) * 0.25f;
        h.process(frames);
        float[] y = h.out("out");
        int scaledSomewhereElse = 0;
        for (int f = 0; f < frames; f++) {
            double centre = f0 * (1 + depth * Math.sin(2 * Math.PI * rate * f * hop / sr));
            long c = Math.round(centre / binHz), band = Math.round(half / binHz);
            for (int k = 0; k <= n / 2; k++) {
                int at = f * width + 2 * k;
                boolean in = k >= c - band && k <= c + band;
                if (in && k > Math.round(f0 / binHz) + band) scaledSomewhereElse++;
                assertEquals(in ? x[at] * gain : x[at], y[at], 1e-6, "frame " + f + ", bin " + k);
                assertEquals(in ? x[at + 1] * gain : x[at + 1], y[at + 1], 1e-6, "frame " + f + ", bin " + k);
            }
        }
        assertEquals(true, scaledSomewhereElse > 0, "the band moved above its resting place");
    }
}
