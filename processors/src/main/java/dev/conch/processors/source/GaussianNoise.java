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
 * Normally distributed noise, y = mean + deviation · z with z ~ N(0, 1), repeatable from a seed: the Box-Muller
 * transform of two uniform draws from SplitMix64 gives two values of z, used one after the other. Unlike
 * {@link Noise} (uniform, bounded by its amplitude) its peaks are unbounded: about 1 sample in 16,000 lies beyond
 * 4 deviations. A mean other than 0 adds a DC offset.
 */
@ProcessorInfo(name = "GaussianNoise", category = "Sources",
        description = "Gaussian (normal) white noise with a mean and a standard deviation, repeatable from a seed.")
public final class GaussianNoise extends Processor {
    private final Output out = audioOut("out", "the noise");
    private final Param mean = param(ParamSpec.number("mean", "", -4, 4, 0).perSample().smoothed(20)
            .describe("the average value (a DC offset)"));
    private final Param deviation = param(ParamSpec.number("deviation", "", 0, 4, 0.25).perSample().smoothed(20)
            .describe("standard deviation: the RMS level around the mean"));
    private final Param seed = param(ParamSpec.integer("seed", "", 0, Integer.MAX_VALUE, 1).asStructural()
            .describe("generator seed: the same seed gives the same noise"));

    private final Release fadeOut = new Release();
    private final SplitMix64 random = new SplitMix64(0);
    private double spare;
    private boolean hasSpare;

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
        random.seed((long) seed.value() * 0x9E3779B97F4A7C15L ^ 0x5DEECE66DL);
        hasSpare = false;
        fadeOut.reset();
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        for (int i = 0; i < frames; i++) y[i] = (float) (mean.next() + deviation.next() * gaussian());
        fadeOut.apply(y, frames);
        fadeOut.advance(frames);
    }

    /**
     * Marsaglia's polar form of Box-Muller: a point (u, v) drawn uniformly in the unit disc (a square's draws outside
     * it are drawn again, 21 % of them) gives two independent standard normal values with a logarithm and a square
     * root, no sine or cosine. StrictMath keeps the bits the same on every JVM; its sin and cos allocate on Java 21
     * and newer (their fdlibm port reduces the angle into a new array per call), its log and sqrt do not.
     */
    private double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u, v, s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * scale;
        hasSpare = true;
        return u * scale;
    }
}
