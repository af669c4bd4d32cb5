package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.SpectrumFormat;

import java.util.Arrays;

/**
 * Short-time Fourier synthesis by weighted overlap-add: each frame is inverse-transformed, un-rotated from zero
 * phase, multiplied by the synthesis window (the analysis window over the constant sum of its overlapping squares)
 * and added into an accumulator that releases {@code hop} finished samples per firing. For a window longer than
 * the FFT (folded frames) the synthesis window is instead the smallest one that cancels the folding (see
 * {@link Framing#synthesisWindow()}), which needs overlap 3 or more.
 *
 * <p>It has no params: the framing (FFT size, window, window length, overlap) is its input's, as the STFT cut it,
 * so it always inverts its own STFT. The overlap-add condition depends on window and overlap together; configure()
 * refuses framings that would not give back the STFT's input.
 */
@ProcessorInfo(name = "ISTFT", category = "Spectral",
        description = "Short-time Fourier synthesis (weighted overlap-add) with the framing of its input's STFT.")
public final class ISTFT extends Processor {
    private Framing framing;
    private float[] synthesis;
    private Input in;
    private Output out;
    private float[] accumulator;
    private float[] time;
    private Fft fft;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        // ports first: a refused framing is then the one problem, not followed by "has no input 'in'"
        in = input(PortSpec.spectrum("in", format, "one spectrum frame per hop; its STFT's framing is inverted"));
        out = output(PortSpec.audio("out", "resynthesised signal").withRate(format.hop()));
        if (format.window().equals(FFT.UNWINDOWED)) {
            throw new IllegalArgumentException("its input carries unwindowed frames from an FFT (fftSize " + format.fftSize()
                    + ", hop " + format.hop() + "): invert them with an IFFT, or analyse with an STFT");
        }
        framing = Framing.of(format);
        try {
            synthesis = framing.synthesisWindow();
        } catch (IllegalArgumentException e) {
            // the ISTFT has no framing params of its own: the fix is on the STFT that cut the frames
            throw new IllegalArgumentException("the framing of its input cannot be inverted, change it on the STFT: "
                    + e.getMessage(), e);
        }
    }

    public Framing framing() {
        return framing;
    }

    @Override
    public void prepare(ProcessContext ctx) {
        accumulator = new float[framing.windowLength];
        time = new float[framing.fftSize];
        fft = new Fft(framing.fftSize);
    }

    @Override
    public void reset() {
        Arrays.fill(accumulator, 0f);
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        int hop = framing.hop, len = framing.windowLength, n = framing.fftSize, mask = n - 1, half = len / 2;
        for (int f = 0; f < firings; f++) {
            fft.inverse(x, f * (n + 2), time);
            if (len == n) {
                // the usual case, a plain rotation: two straight loops the JIT vectorises
                for (int m = 0; m < half; m++) accumulator[m] += synthesis[m] * time[m - half + n];
                for (int m = half; m < n; m++) accumulator[m] += synthesis[m] * time[m - half];
            } else {
                for (int m = 0; m < len; m++) accumulator[m] += synthesis[m] * time[(m - half) & mask];
            }
            System.arraycopy(accumulator, 0, y, f * hop, hop);
            System.arraycopy(accumulator, hop, accumulator, 0, len - hop);
            Arrays.fill(accumulator, len - hop, len, 0f);
        }
    }
}
