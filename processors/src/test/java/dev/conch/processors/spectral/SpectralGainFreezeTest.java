package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two small spectral processors: a band gain measured per bin, and a freeze that sustains a sine. */
class SpectralGainFreezeTest {
    @Test
    void gainScalesExactlyTheBinsInItsBand() {
        int n = 256, width = n + 2;
        ProcessorHarness h = Frames.harness(SpectralGain.class,
                Map.of("fftSize", "256", "gain", "-6", "low", "1000", "high", "3000"), 2);
        float[] in = h.in("in");
        for (int i = 0; i < 2 * width; i++) in[i] = 0.25f + (i % 7) * 0.1f;
        h.process(2);
        float[] out = h.out("out");
        double binHz = 48000.0 / n;
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k <= n / 2; k++) {
                int at = j * width + 2 * k;
                double db = Signals.db(Math.hypot(out[at], out[at + 1]) / Math.hypot(in[at], in[at + 1]));
                double f = k * binHz;
                assertEquals(f >= 1000 && f <= 3000 ? -6 : 0, db, 0.01, "bin " + k);
            }
        }
    }

    @Test
    void unfrozenPassesFramesThroughUnchanged() {
        ProcessorHarness h = Frames.harness(SpectralFreeze.class, Map.of("fftSize", "64"), 3);
        float[] in = h.in("in");
        for (int i = 0; i < in.length; i++) in[i] = (float) Math.sin(i * 0.37);
        h.process(3);
        assertTrue(Arrays.equals(in, h.out("out")));
    }

    @Test
    void frozenByItsControlASineKeepsSoundingWithItsPhaseContinued() {
        double sr = 48000;
        int n = 256, hop = 64, latency = 192;
        double freq = 9 * sr / n; // bin 9: its phase turns 2.25 cycles per hop, so the freeze has to advance phases
        Map<String, String> framing = Map.of("fftSize", "256", "overlap", "4");
        ProcessorHarness stft = Frames.harness(STFT.class, framing, 1), istft = Frames.harness(ISTFT.class, framing, 1);
        ProcessorHarness freeze = Frames.harness(SpectralFreeze.class, Map.of("fftSize", "256"), 1);
        int frames = 120, freezeAt = 40;
        float[] sine = Signals.sine(frames * hop, freq, sr, 0.5);
        float[] y = new float[frames * hop];
        for (int j = 0; j < frames; j++) {
            float[] x = stft.in("in");
            for (int i = 0; i < hop; i++) x[i] = j < freezeAt + 4 ? sine[j * hop + i] : 0f; // input stops a window after the freeze
            stft.process(1);
            System.arraycopy(stft.out("out"), 0, freeze.in("in"), 0, n + 2);
            freeze.in("freeze")[0] = j >= freezeAt ? 1f : 0f;
            freeze.process(1);
            System.arraycopy(freeze.out("out"), 0, istft.in("in"), 0, n + 2);
            istft.process(1);
            System.arraycopy(istft.out("out"), 0, y, j * hop, hop);
        }
        // long after the input stopped, the output is still the sine, continued in phase (delayed by the latency)
        double worst = 0;
        for (int i = (freezeAt + 12) * hop; i < frames * hop; i++) {
            double expected = 0.5 * Math.sin(2 * Math.PI * freq * (i - latency) / sr);
            worst = Math.max(worst, Math.abs(y[i] - expected));
        }
        System.out.println("freeze: max deviation from the continued sine " + worst);
        assertTrue(worst < 1e-3, "max deviation " + worst);
    }
}
