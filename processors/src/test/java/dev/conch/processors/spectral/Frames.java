package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;

import java.util.Map;

/** Test plumbing: drives STFT → ISTFT (with an optional spectral step between) through harnesses, frame by frame. */
final class Frames {
    private Frames() {
    }

    static ProcessorHarness harness(Class<? extends dev.conch.engine.runtime.Processor> type, Map<String, String> params,
                                    int maxFirings) {
        return ProcessorHarness.create(type, params, 48000, maxFirings);
    }

    /** Runs {@code x} (length a multiple of hop) through STFT → [middle] → ISTFT, {@code perCall} frames per call. */
    static float[] chain(ProcessorHarness stft, ProcessorHarness middle, ProcessorHarness istft, float[] x, int hop,
                         int perCall) {
        float[] y = new float[x.length];
        int frames = x.length / hop;
        int width = stft.processor().output("out").spec().width();
        for (int j = 0; j < frames; ) {
            int k = Math.min(perCall, frames - j);
            System.arraycopy(x, j * hop, stft.in("in"), 0, k * hop);
            stft.process(k);
            float[] spec = stft.out("out");
            if (middle != null) {
                System.arraycopy(spec, 0, middle.in(middle.processor().inputs().get(0).name()), 0, k * width);
                middle.process(k);
                spec = middle.out("out");
            }
            System.arraycopy(spec, 0, istft.in("in"), 0, k * width);
            istft.process(k);
            System.arraycopy(istft.out("out"), 0, y, j * hop, k * hop);
            j += k;
        }
        return y;
    }

    /** Spectrum of one frame of {@code n}-point size: bins re, im. */
    static double magnitude(float[] spec, int frame, int n, int bin) {
        int at = frame * (n + 2) + 2 * bin;
        return Math.hypot(spec[at], spec[at + 1]);
    }
}
