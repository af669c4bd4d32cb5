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
import dev.conch.processors.dsp.Dsp;

/** Scales the bins between {@code low} and {@code high} Hz by a gain in dB; the others pass unchanged. */
@ProcessorInfo(name = "SpectralGain", category = "Spectral",
        description = "Gain in dB on the bins of a frequency band (all bins by default).")
public final class SpectralGain extends Processor {
    private final Param gain = param(ParamSpec.number("gain", "dB", -120, 24, 0).perSample()
            .describe("gain on the band's bins (read once per frame)"));
    private final Param low = param(ParamSpec.number("low", "Hz", 0, 96000, 0).describe("lowest bin frequency affected"));
    private final Param high = param(ParamSpec.number("high", "Hz", 0, 96000, 96000).describe("highest bin frequency affected"));

    private Input in;
    private Output out;
    private int n;
    private double binHz;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        n = format.fftSize();
        if (low.value() > high.value()) {
            throw new IllegalArgumentException("low " + low.value() + " Hz is above high " + high.value() + " Hz");
        }
        in = input(PortSpec.spectrum("in", format, "spectrum frames"));
        out = output(PortSpec.spectrum("out", format, "the band scaled"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
        binHz = ctx.sampleRate() / n;
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        int width = n + 2, bins = n / 2 + 1;
        double lo = low.value(), hi = high.value();
        // first and last bin inside [low, high]
        int first = (int) Math.ceil(lo / binHz), last = Math.min(bins - 1, (int) Math.floor(hi / binHz));
        for (int f = 0; f < firings; f++) {
            float g = (float) Dsp.dbToGain(gain.next());
            int base = f * width;
            System.arraycopy(x, base, y, base, width);
            for (int k = first; k <= last; k++) {
                y[base + 2 * k] = g * x[base + 2 * k];
                y[base + 2 * k + 1] = g * x[base + 2 * k + 1];
            }
        }
    }
}
