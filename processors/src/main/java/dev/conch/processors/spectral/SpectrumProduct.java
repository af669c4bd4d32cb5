package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.SpectrumFormat;

/**
 * Complex product of two spectra, bin by bin (CLAM's ComplexSpectrumProduct): the spectrum of the circular
 * convolution of the two frames. Between an {@link FFT} and an {@link IFFT} with room to pad, a filter.
 */
@ProcessorInfo(name = "SpectrumProduct", category = "Spectral",
        description = "Complex product of two spectra bin by bin (circular convolution of their frames).")
public final class SpectrumProduct extends Processor {
    private Input a, b;
    private Output out;
    private int width;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("a");
        width = format.width();
        a = input(PortSpec.spectrum("a", format, "first spectrum"));
        b = input(PortSpec.spectrum("b", inputFormat("b"), "second spectrum, in a's framing"));
        out = output(PortSpec.spectrum("out", format, "the product"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] xa = a.buffer(), xb = b.buffer(), y = out.buffer();
        for (int i = 0, end = firings * width; i < end; i += 2) {
            float ar = xa[i], ai = xa[i + 1], br = xb[i], bi = xb[i + 1];
            y[i] = ar * br - ai * bi;
            y[i + 1] = ar * bi + ai * br;
        }
    }
}
