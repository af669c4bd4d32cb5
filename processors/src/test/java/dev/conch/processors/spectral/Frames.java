package dev.conch.processors.spectral;

import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.SpectrumFormat;

import java.util.HashMap;
import java.util.Map;

/** Test plumbing: drives STFT → ISTFT (with an optional spectral step between) through harnesses, frame by frame. */
final class Frames {
    private Frames() {
    }

    /**
     * A harness for {@code type}. For a spectral consumer the framing params among {@code params} (fftSize,
     * windowLength, window, beta, overlap, or a hop standing for windowLength / overlap) describe the STFT upstream:
     * they become its input's format, as a network would hand it over.
     */
    static ProcessorHarness harness(Class<? extends dev.conch.engine.runtime.Processor> type, Map<String, String> params,
                                    int maxFirings) {
        if (type == STFT.class) return ProcessorHarness.create(type, params, 48000, maxFirings);
        Map<String, String> own = new HashMap<>(params);
        own.keySet().removeAll(SpectrumFormat.PARAMS);
        return ProcessorHarness.create(type, own, 48000, maxFirings, 1, format(params));
    }

    /** The format an STFT with these params (a hop standing for windowLength / overlap) puts on its output. */
    static SpectrumFormat format(Map<String, String> stft) {
        int n = Integer.parseInt(stft.getOrDefault("fftSize", "1024"));
        int length = Integer.parseInt(stft.getOrDefault("windowLength", "0"));
        int w = length == 0 ? n : length;
        int overlap = stft.containsKey("hop") ? w / Integer.parseInt(stft.get("hop"))
                : Integer.parseInt(stft.getOrDefault("overlap", "4"));
        Window window = Window.valueOf(stft.getOrDefault("window", "hann").toUpperCase(java.util.Locale.ROOT));
        return new Framing(n, length, window, Double.parseDouble(stft.getOrDefault("beta", "8")), overlap).format();
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
