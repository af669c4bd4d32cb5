package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.SpectrumFormat;

import java.util.Arrays;

/**
 * The plain Fourier transform of consecutive blocks, as CLAM's AudioStream2Buffer + MyFFT: each firing takes
 * {@code hop} new samples, places them at index 0 of an {@code fftSize}-point frame, zero-pads the rest and
 * transforms it, with no window and no zero-phase rotation. Padding (hop &lt; fftSize) leaves room for the tail of
 * a product of spectra, so that {@link IFFT}'s overlap-add turns circular convolution into linear convolution.
 *
 * <p>Its frames carry the window {@value #UNWINDOWED} in their format: the STFT's consumers that work bin by bin
 * take them, and the ISTFT refuses them (it would un-rotate and window frames that were never rotated or windowed).
 */
@ProcessorInfo(name = "FFT", category = "Spectral",
        description = "Unwindowed FFT of consecutive blocks of hop samples, zero-padded to fftSize (CLAM's MyFFT).")
public final class FFT extends Processor {
    /** The window name in the format of frames that are plain, unrotated FFTs of zero-padded blocks. */
    public static final String UNWINDOWED = "none";

    private final Param fftSize = param(Framing.FFT_SIZE);
    private final Param hop = param(ParamSpec.integer("hop", "samples", 1, Framing.MAX_FFT_SIZE, 512).asStructural()
            .describe("samples per frame, placed at the frame's start and zero-padded to fftSize (at most fftSize)"));

    private Input in;
    private Output out;
    private int n, h;
    private float[] time;
    private Fft fft;

    @Override
    protected void configure() {
        n = fftSize.intValue();
        h = hop.intValue();
        if (h > n) {
            throw new IllegalArgumentException("hop " + h + " is longer than fftSize " + n
                    + ": a frame holds at most fftSize samples; raise fftSize or lower the hop");
        }
        in = input(PortSpec.audio("in", "signal").withRate(h));
        out = output(PortSpec.spectrum("out", format(n, h), "one unwindowed spectrum frame per hop"));
    }

    /** What an FFT of {@code fftSize} points fed {@code hop} samples per frame carries on its output. */
    public static SpectrumFormat format(int fftSize, int hop) {
        return new SpectrumFormat(fftSize, hop, UNWINDOWED, 0, 1);
    }

    @Override
    public void prepare(ProcessContext ctx) {
        time = new float[n];
        fft = new Fft(n);
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        for (int f = 0; f < firings; f++) {
            System.arraycopy(x, f * h, time, 0, h);
            Arrays.fill(time, h, n, 0f);
            fft.forward(time, y, f * (n + 2));
        }
    }
}
