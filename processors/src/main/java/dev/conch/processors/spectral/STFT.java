package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

import java.util.Arrays;

/**
 * Short-time Fourier analysis: each firing takes {@code hop} new samples and emits the zero-phase spectrum of the
 * last {@code windowLength} samples, windowed (see {@link Framing}). Declares the STFT → ISTFT latency,
 * windowLength − hop, so the compiler can align other paths with it.
 */
@ProcessorInfo(name = "STFT", category = "Spectral",
        description = "Short-time Fourier analysis: audio in, one windowed spectrum frame per hop out.")
public final class STFT extends Processor {
    private final Param fftSize = param(Framing.FFT_SIZE);
    private final Param windowLength = param(Framing.WINDOW_LENGTH);
    private final Param window = param(Framing.WINDOW);
    private final Param beta = param(Framing.BETA);
    private final Param overlap = param(Framing.OVERLAP);

    private Framing framing;
    private Input in;
    private Output out;
    private float[] analysis;
    private float[] history;
    private float[] time;
    private Fft fft;

    @Override
    protected void configure() {
        framing = Framing.of(fftSize, windowLength, window, beta, overlap);
        in = input(PortSpec.audio("in", "signal").withRate(framing.hop));
        out = output(PortSpec.spectrum("out", framing.format(), "one spectrum frame per hop, carrying this framing"));
    }

    public Framing framing() {
        return framing;
    }

    @Override
    public int latency() {
        return framing.latency();
    }

    @Override
    public void prepare(ProcessContext ctx) {
        double[] w = framing.analysisWindow();
        analysis = new float[w.length];
        for (int m = 0; m < w.length; m++) analysis[m] = (float) w[m];
        history = new float[framing.windowLength];
        time = new float[framing.fftSize];
        fft = new Fft(framing.fftSize);
    }

    @Override
    public void reset() {
        Arrays.fill(history, 0f);
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        int hop = framing.hop, len = framing.windowLength, n = framing.fftSize, mask = n - 1, half = len / 2;
        for (int f = 0; f < firings; f++) {
            System.arraycopy(history, hop, history, 0, len - hop);
            System.arraycopy(x, f * hop, history, len - hop, hop);
            // zero phase: the window's centre goes to index 0; longer windows fold onto the N points
            if (len == n) {
                // the usual case, a plain rotation: two straight loops the JIT vectorises
                for (int m = half; m < n; m++) time[m - half] = analysis[m] * history[m];
                for (int m = 0; m < half; m++) time[m - half + n] = analysis[m] * history[m];
            } else {
                Arrays.fill(time, 0f);
                for (int m = 0; m < len; m++) time[(m - half) & mask] += analysis[m] * history[m];
            }
            fft.forward(time, y, f * (n + 2));
        }
    }
}
