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

/**
 * Weighted sum of two spectra, bin by bin: gainA·a + gainB·b with linear gains (CLAM's ComplexSpectrumMixer; at
 * gains 1 its ComplexSpectrumSum). The Fourier transform is linear, so this is the spectrum of the same mix of the
 * two signals.
 */
@ProcessorInfo(name = "SpectrumMixer", category = "Spectral",
        description = "Sum of two spectra with linear gains (gainA a + gainB b).")
public final class SpectrumMixer extends Processor {
    private final Param gainA = param(ParamSpec.number("gainA", "", -16, 16, 1).perSample()
            .describe("linear factor on a, read once per frame"));
    private final Param gainB = param(ParamSpec.number("gainB", "", -16, 16, 1).perSample()
            .describe("linear factor on b, read once per frame"));

    private Input a, b;
    private Output out;
    private int width;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("a");
        width = format.width();
        a = input(PortSpec.spectrum("a", format, "first spectrum"));
        // b declares its own stream's format: a mismatch with a's is the compiler's one sentence naming both sources
        b = input(PortSpec.spectrum("b", inputFormat("b"), "second spectrum, in a's framing"));
        out = output(PortSpec.spectrum("out", format, "the weighted sum"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] xa = a.buffer(), xb = b.buffer(), y = out.buffer();
        for (int f = 0; f < firings; f++) {
            float ga = (float) gainA.next(), gb = (float) gainB.next();
            for (int i = f * width, end = i + width; i < end; i++) y[i] = ga * xa[i] + gb * xb[i];
        }
    }
}
