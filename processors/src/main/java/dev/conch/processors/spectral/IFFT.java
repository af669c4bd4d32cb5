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
 * Inverse of {@link FFT}, as CLAM's MyIFFT + AudioBuffer2Stream: each frame is inverse-transformed to fftSize
 * samples and added into an accumulator starting at the frame's block; each firing releases the hop samples no later
 * frame adds to. IFFT after FFT gives the input back with no delay; after a product of spectra whose impulse
 * response fits in fftSize − hop + 1 samples, their linear convolution (overlap-add).
 */
@ProcessorInfo(name = "IFFT", category = "Spectral",
        description = "Inverse FFT of unwindowed frames, overlap-added at the FFT's hop (CLAM's MyIFFT).")
public final class IFFT extends Processor {
    private Input in;
    private Output out;
    private int n, hop;
    private float[] accumulator;
    private float[] time;
    private Fft fft;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        n = format.fftSize();
        hop = format.hop();
        in = input(PortSpec.spectrum("in", format, "unwindowed spectrum frames, one per hop"));
        out = output(PortSpec.audio("out", "the frames overlap-added").withRate(hop));
        // unconnected (a descriptor, the palette) it shows the default format; only a real STFT stream is refused
        if (hasInputFormat("in") && !format.window().equals(FFT.UNWINDOWED)) {
            throw new IllegalArgumentException("its input carries windowed, zero-phase frames from an STFT ("
                    + format.label() + "): invert them with an ISTFT, or analyse with an FFT");
        }
    }

    @Override
    public void prepare(ProcessContext ctx) {
        accumulator = new float[n];
        time = new float[n];
        fft = new Fft(n);
    }

    @Override
    public void reset() {
        Arrays.fill(accumulator, 0f);
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        for (int f = 0; f < firings; f++) {
            fft.inverse(x, f * (n + 2), time);
            for (int m = 0; m < n; m++) accumulator[m] += time[m];
            System.arraycopy(accumulator, 0, y, f * hop, hop);
            System.arraycopy(accumulator, hop, accumulator, 0, n - hop);
            Arrays.fill(accumulator, n - hop, n, 0f);
        }
    }
}
