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
 * Scales every bin's phase towards zero, keeping its magnitude: phase' = phase · (1 - amount), as CLAM's
 * Robotization. At amount 1 every frame restarts in phase, so the resynthesis buzzes at the frame rate (sample rate /
 * hop) with the spectral envelope of the input: a robot voice. In between, the partials lose their own motion.
 */
@ProcessorInfo(name = "Robotize", category = "Spectral",
        description = "Scales every bin's phase towards zero (amount 1: a robot voice at the frame rate).")
public final class Robotize extends Processor {
    private final Param amount = param(ParamSpec.number("amount", "", 0, 1, 1).perSample()
            .describe("how far each phase is pulled to zero, 0 (unchanged) to 1 (all zero); read once per frame"));

    private Input in;
    private Output out;
    private int n;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        n = format.fftSize();
        in = input(PortSpec.spectrum("in", format, "spectrum frames"));
        out = output(PortSpec.spectrum("out", format, "the frames with scaled phases"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        int width = n + 2, bins = n / 2 + 1;
        for (int f = 0; f < firings; f++) {
            double keep = 1 - amount.next();
            int base = f * width;
            for (int k = 0; k < bins; k++) {
                double re = x[base + 2 * k], im = x[base + 2 * k + 1];
                double mag = Math.hypot(re, im), phase = Math.atan2(im, re) * keep;
                y[base + 2 * k] = (float) (mag * Math.cos(phase));
                y[base + 2 * k + 1] = (float) (mag * Math.sin(phase));
            }
        }
    }
}
