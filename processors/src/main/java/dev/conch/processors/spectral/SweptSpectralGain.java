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

/**
 * A gain in dB on a band whose centre a sine LFO sweeps, as CLAM's OscillatingSpectralNotch: for frame f (at time
 * t = f · hop / sample rate) the centre is frequency · (1 + depth · sin(2π · rate · t)), and the bins within
 * width Hz of it (rounded to whole bins, both sides) are scaled. A cut gives a moving notch, a boost a moving peak.
 */
@ProcessorInfo(name = "SweptSpectralGain", category = "Spectral",
        description = "Gain in dB on a band whose centre frequency a sine LFO sweeps (a moving notch or peak).")
public final class SweptSpectralGain extends Processor {
    private final Param frequency = param(ParamSpec.number("frequency", "Hz", 0, 96000, 1000).perSample()
            .describe("centre of the band when the LFO is at 0"));
    private final Param width = param(ParamSpec.number("width", "Hz", 0, 96000, 100).perSample()
            .describe("half-width of the band: bins within this distance of the centre are scaled"));
    private final Param gain = param(ParamSpec.number("gain", "dB", -120, 60, -30).perSample()
            .describe("gain on the band's bins"));
    private final Param rate = param(ParamSpec.number("rate", "Hz", 0, 100, 1).perSample()
            .describe("LFO frequency: sweeps per second"));
    private final Param depth = param(ParamSpec.number("depth", "", 0, 2, 0.5).perSample()
            .describe("LFO depth as a fraction of the centre: 0.5 sweeps from half to one and a half times it"));

    private Input in;
    private Output out;
    private int n, hop;
    private double binHz, sampleRate, lfo;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        n = format.fftSize();
        hop = format.hop();
        in = input(PortSpec.spectrum("in", format, "spectrum frames"));
        out = output(PortSpec.spectrum("out", format, "the frames with the swept band scaled"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        binHz = sampleRate / n;
        reset();
    }

    @Override
    public void reset() {
        lfo = 0;
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        int width2 = n + 2, last = n / 2;
        for (int f = 0; f < firings; f++) {
            double centre = frequency.next() * (1 + depth.next() * Math.sin(2 * Math.PI * lfo));
            int band = (int) Math.round(width.next() / binHz), c = (int) Math.round(centre / binHz);
            float g = (float) Dsp.dbToGain(gain.next());
            lfo += rate.next() * hop / sampleRate;
            lfo -= Math.floor(lfo);
            int base = f * width2;
            System.arraycopy(x, base, y, base, width2);
            for (int k = Math.max(0, c - band); k <= Math.min(last, c + band); k++) {
                y[base + 2 * k] = g * x[base + 2 * k];
                y[base + 2 * k + 1] = g * x[base + 2 * k + 1];
            }
        }
    }
}
