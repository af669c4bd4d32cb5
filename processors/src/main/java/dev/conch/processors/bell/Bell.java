package dev.conch.processors.bell;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;

/**
 * A struck bell as a bank of decaying modes with the inharmonic partial ratios of a church bell (prime 1, hum 0.5,
 * tierce 1.183, quint 1.506, nominal 2, and the upper partials), each mode a damped sinusoid
 * a_k · e^(−t/τ_k) · sin(2π f_k t) with higher modes dying sooner (τ_k = τ_1 · ratio^−0.6, τ_1 from {@code decay}
 * as a T60). Each mode is a complex one-pole resonator z ← z · r_k · e^(iω_k), output Im z; a strike adds a_k to
 * z (real part), so it starts at zero crossing and sums with any ringing that is left. {@code period} restrikes
 * it every so many seconds, so a network built on it keeps sounding. Released at the network's duration, it is
 * struck no more and its partials decay as a real bell's would.
 */
@ProcessorInfo(name = "Bell", category = "Sources",
        description = "A struck bell: inharmonic decaying partials (modal synthesis), restruck every period seconds.")
public final class Bell extends Processor {
    /** Church-bell partials relative to the prime, with their strike amplitudes. */
    static final double[] RATIOS = {1, 0.5, 1.183, 1.506, 2, 2.514, 2.662, 3.011, 4.166, 5.433, 6.796, 8.215};
    static final double[] AMPLITUDES = {1, 0.6, 0.5, 0.3, 0.7, 0.25, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05};

    private final Output out = audioOut("out", "the bell");
    private final Param frequency = param(ParamSpec.number("frequency", "Hz", 20, 4000, 220)
            .describe("frequency of the prime partial (heard as the pitch)"));
    private final Param decay = param(ParamSpec.number("decay", "s", 0.05, 60, 4)
            .describe("time for the prime to decay 60 dB; higher partials die sooner"));
    private final Param partials = param(ParamSpec.integer("partials", "", 1, RATIOS.length, RATIOS.length)
            .describe("how many of the bell's partials sound, from the prime down the list"));
    private final Param amplitude = param(ParamSpec.number("amplitude", "", 0, 1, 0.2)
            .describe("strike strength: amplitude of the prime partial"));
    private final Param period = param(ParamSpec.number("period", "s", 0, 600, 0)
            .describe("restrike every this many seconds (0: strike once at the start)"));
    private final Param delay = param(ParamSpec.number("delay", "s", 0, 600, 0)
            .describe("time of the first strike"));

    private double sampleRate;
    private double[] re, im, cosW, sinW, radius, strike;
    private int modes;
    private long sample;
    /** No strike from this sample on: the network's duration has passed and the bell rings out by itself. */
    private long lastStrikeBefore = Long.MAX_VALUE;

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        int count = RATIOS.length;
        re = new double[count];
        im = new double[count];
        cosW = new double[count];
        sinW = new double[count];
        radius = new double[count];
        strike = new double[count];
        reset();
    }

    @Override
    public void release(long atFrame) {
        lastStrikeBefore = atFrame;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        sample = 0;
    }

    /** Mode k's frequency in Hz, or 0 if it lies at or above Nyquist (then it is left out). */
    double modeFrequency(int k) {
        double f = frequency.value() * RATIOS[k];
        return f < 0.5 * sampleRate ? f : 0;
    }

    /** Mode k's T60 in seconds. */
    double modeDecay(int k) {
        return decay.value() * Math.pow(RATIOS[k], -0.6);
    }

    private void coefficients() {
        modes = partials.intValue();
        double amp = amplitude.value();
        for (int k = 0; k < modes; k++) {
            double f = modeFrequency(k);
            double w = 2 * Math.PI * f / sampleRate;
            cosW[k] = Math.cos(w);
            sinW[k] = Math.sin(w);
            // -60 dB after T60 seconds: r^(T60 · sr) = 1e-3
            radius[k] = Math.pow(1e-3, 1 / (modeDecay(k) * sampleRate));
            strike[k] = f == 0 ? 0 : amp * AMPLITUDES[k];
        }
    }

    @Override
    public void process(int frames) {
        coefficients();
        float[] y = out.buffer();
        long first = Math.round(delay.value() * sampleRate);
        long every = Math.round(period.value() * sampleRate);
        for (int i = 0; i < frames; i++) {
            long s = sample + i - first;
            boolean hit = (s == 0 || (every > 0 && s > 0 && s % every == 0)) && sample + i < lastStrikeBefore;
            double sum = 0;
            for (int k = 0; k < modes; k++) {
                double zr = re[k], zi = im[k];
                if (hit) zr += strike[k];
                sum += zi;
                double c = radius[k] * cosW[k], d = radius[k] * sinW[k];
                double nr = zr * c - zi * d;
                double ni = zr * d + zi * c;
                re[k] = Dsp.flush(nr); // the end of a long decay
                im[k] = Dsp.flush(ni);
            }
            y[i] = (float) sum;
        }
        sample += frames;
    }
}
