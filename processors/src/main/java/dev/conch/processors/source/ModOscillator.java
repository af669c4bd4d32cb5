package dev.conch.processors.source;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.Release;

/**
 * A sine with audio-rate frequency and phase modulation, as CLAM's Oscillator:
 * y[n] = amplitude · sin(2π·φ[n] + index · pm[n]), φ[n+1] = φ[n] + frequency · fm[n] / sampleRate.
 * {@code fm} scales the phase increment (a ratio: 1 is the frequency itself, 0 stops, negative runs backwards, so a
 * sine into it gives through-zero FM); unconnected it is 1. {@code pm} is added to the phase in radians, times
 * {@code index}; unconnected it is 0. The sine is computed directly, with no band-limiting: deep modulation aliases.
 */
@ProcessorInfo(name = "ModOscillator", category = "Sources",
        description = "Sine oscillator with audio-rate frequency (ratio) and phase modulation inputs.")
public final class ModOscillator extends Processor {
    private final Input fm = input(PortSpec.audio("fm", "frequency ratio, sample by sample (unconnected: 1)").asOptional());
    private final Input pm = input(PortSpec.audio("pm", "phase offset in radians, times index (unconnected: 0)").asOptional());
    private final Output out = audioOut("out", "the modulated sine");
    private final Param frequency = param(ParamSpec.number("frequency", "Hz", 0, 20000, 440).perSample().smoothed(20)
            .describe("frequency when fm is 1"));
    private final Param amplitude = param(ParamSpec.number("amplitude", "", 0, 4, 1).perSample().smoothed(20)
            .describe("peak level (linear)"));
    private final Param index = param(ParamSpec.number("index", "", 0, 100, 1).perSample().smoothed(20)
            .describe("phase modulation depth: pm times index is added to the phase, in radians"));
    private final Param phase = param(ParamSpec.number("phase", "cycles", 0, 1, 0)
            .describe("phase at the start (and after a reset), as a fraction of a cycle"));

    private final Release fadeOut = new Release();
    private double sampleRate, phi;

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        fadeOut.prepare(sampleRate);
        reset();
    }

    @Override
    public void release(long atFrame) {
        fadeOut.at(atFrame);
    }

    @Override
    public void reset() {
        phi = phase.value();
        fadeOut.reset();
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer(), f = fm.buffer(), p = pm.buffer();
        boolean ratio = fm.connected(), offset = pm.connected();
        for (int i = 0; i < frames; i++) {
            double a = amplitude.next(), k = index.next(), step = frequency.next() / sampleRate;
            y[i] = (float) (a * Math.sin(2 * Math.PI * phi + (offset ? k * p[i] : 0)));
            phi += ratio ? step * f[i] : step;
            phi -= Math.floor(phi); // keeps the phase in [0, 1) either way it runs
        }
        fadeOut.apply(y, frames);
        fadeOut.advance(frames);
    }
}
