package dev.conch.processors.source;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.Release;
import dev.conch.processors.random.SplitMix64;

/**
 * White or pink noise from a seeded generator, so a render is repeatable.
 *
 * <p>White: uniform in [-1, 1) from SplitMix64 (24 random bits per sample, exactly representable as float),
 * times amplitude. Pink: the same white noise through Paul Kellet's "refined" filter (seven one-pole sections
 * summed; ±0.05 dB of -3 dB/octave above ~10 Hz at 44.1 kHz, designed for that rate but still within a fraction
 * of a dB at 48 kHz), scaled by 0.11 so its level is comparable to white's.
 */
@ProcessorInfo(name = "Noise", category = "Sources", description = "White or pink noise, repeatable from a seed.")
public final class Noise extends Processor {
    private static final int WHITE = 0;

    private final Output out = audioOut("out", "the noise");
    private final Param color = param(ParamSpec.choice("color", "white", "white", "pink")
            .describe("spectrum: white (flat) or pink (-3 dB per octave)"));
    private final Param amplitude = param(ParamSpec.number("amplitude", "", 0, 4, 1).perSample().smoothed(20)
            .describe("peak level of the white source (linear)"));
    private final Param seed = param(ParamSpec.integer("seed", "", 0, Integer.MAX_VALUE, 1).asStructural()
            .describe("generator seed: the same seed gives the same noise"));

    private final Release fadeOut = new Release();
    private final SplitMix64 random = new SplitMix64(0);
    private double b0, b1, b2, b3, b4, b5, b6;

    @Override
    public void prepare(ProcessContext ctx) {
        fadeOut.prepare(ctx.sampleRate());
        reset();
    }

    @Override
    public void release(long atFrame) {
        fadeOut.at(atFrame);
    }


    @Override
    public void reset() {
        // spread small seeds over the state space; SplitMix64 itself is fine with any state
        random.seed((long) seed.value() * 0x9E3779B97F4A7C15L ^ 0x2545F4914F6CDD1DL);
        b0 = b1 = b2 = b3 = b4 = b5 = b6 = 0;
        fadeOut.reset();
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        boolean white = color.choice() == WHITE;
        boolean aSteady = amplitude.steady();
        double a0 = amplitude.value();
        for (int i = 0; i < frames; i++) {
            double a = aSteady ? a0 : amplitude.next();
            double w = (random.nextLong() >>> 40) * 0x1.0p-23 - 1;   // 24 bits -> [-1, 1), exact in a float
            double v;
            if (white) {
                v = w;
            } else {
                b0 = 0.99886 * b0 + w * 0.0555179;
                b1 = 0.99332 * b1 + w * 0.0750759;
                b2 = 0.96900 * b2 + w * 0.1538520;
                b3 = 0.86650 * b3 + w * 0.3104856;
                b4 = 0.55000 * b4 + w * 0.5329522;
                b5 = -0.7616 * b5 - w * 0.0168980;
                v = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362) * 0.11;
                b6 = w * 0.115926;
            }
            y[i] = (float) (a * v);
        }
        fadeOut.apply(y, frames);
        fadeOut.advance(frames);
    }
}
