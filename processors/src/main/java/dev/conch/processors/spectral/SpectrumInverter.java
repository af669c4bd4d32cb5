package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.SpectrumFormat;

/** Negates every bin (CLAM's ComplexSpectrumInverter): the spectrum of the signal upside down. */
@ProcessorInfo(name = "SpectrumInverter", category = "Spectral",
        description = "Negates a spectrum (the signal's polarity inverted).")
public final class SpectrumInverter extends Processor {
    private Input in;
    private Output out;
    private int width;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        width = format.width();
        in = input(PortSpec.spectrum("in", format, "spectrum frames"));
        out = output(PortSpec.spectrum("out", format, "the frames negated"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        for (int i = 0, end = firings * width; i < end; i++) y[i] = -x[i];
    }
}
