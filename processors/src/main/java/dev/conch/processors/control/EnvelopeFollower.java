package dev.conch.processors.control;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * The level of an audio signal as a control, so one sound can drive another's params. With
 * α(τ) = e^(−1 / (τ · sampleRate)) for a time constant τ (α = 0 for τ = 0: no smoothing):
 * <ul>
 *   <li>peak (the smooth decoupled peak detector of Giannoulis, Massberg and Reiss, "Digital dynamic range
 *       compressor design", JAES 2012):
 *       <pre>
 *   r[n] = max(|x[n]|, α_R · r[n−1] + (1 − α_R) · |x[n]|)     holds each peak, lets go with time constant release
 *   y[n] = α_A · y[n−1] + (1 − α_A) · r[n]                   follows with time constant attack
 *       </pre>
 *       A sine of amplitude A switched on gives y ≈ A · (1 − e^(−t/attack)): r holds the sine's peaks, so the rise is
 *       not slowed by the wave's own ups and downs.</li>
 *   <li>rms:
 *       <pre>
 *   m[n] = α_A · m[n−1] + (1 − α_A) · x[n]²                  mean square over time constant attack
 *   s = √m[n];   y[n] = s if s ≥ y[n−1], else α_R · y[n−1] + (1 − α_R) · s
 *       </pre>
 *       A sine of amplitude A switched on gives y ≈ (A/√2) · √(1 − e^(−t/attack)).</li>
 * </ul>
 * When the input stops, both detectors fall as two time constants in cascade: y(t) / y(0) =
 * (R · e^(−t/R) − τ · e^(−t/τ)) / (R − τ) with R = release and τ = attack (peak) or 2 · attack (rms: the mean
 * square falls with τ = attack, its root with 2 · attack); ≈ e^(−t/R) when R ≫ τ.
 *
 * <p>attack and release are read per sample (their coefficients recomputed only when they change).
 */
@ProcessorInfo(name = "EnvelopeFollower", category = "Control",
        description = "The level of an audio signal (peak or RMS, with attack and release) as a control.")
public final class EnvelopeFollower extends Processor {
    private static final int PEAK = 0;
    private static final double TINY = 1e-30;

    private final Input in = audioIn("in", "the signal to follow");
    private final Output out = controlOut("out", "its level (linear)");
    private final Param attack = param(ParamSpec.number("attack", "ms", 0, 10000, 10).perSample()
            .describe("time constant of rises (rms: of the mean square)"));
    private final Param release = param(ParamSpec.number("release", "ms", 0, 10000, 100).perSample()
            .describe("time constant of falls"));
    private final Param detector = param(ParamSpec.choice("detector", "peak", "peak", "rms")
            .describe("peak: follows the peaks; rms: follows the root mean square (a sine's is its peak / 1.414)"));

    private double sampleRate;
    private double attackMs = -1, releaseMs = -1;
    private double alphaA, alphaR;
    /** peak: the held peak r; rms: the mean square m */
    private double stage1;
    private double y;

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        attackMs = releaseMs = -1;
        reset();
    }

    @Override
    public void reset() {
        stage1 = 0;
        y = 0;
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), out = this.out.buffer();
        boolean peak = detector.choice() == PEAK;
        boolean aSteady = attack.steady(), rSteady = release.steady();
        double a0 = attack.value(), r0 = release.value();
        for (int i = 0; i < frames; i++) {
            double a = aSteady ? a0 : attack.next();
            double r = rSteady ? r0 : release.next();
            if (a != attackMs) {
                attackMs = a;
                alphaA = alpha(a);
            }
            if (r != releaseMs) {
                releaseMs = r;
                alphaR = alpha(r);
            }
            double v = x[i];
            if (peak) {
                double rect = Math.abs(v);
                double held = alphaR * stage1 + (1 - alphaR) * rect;
                stage1 = rect > held ? rect : held;
                y = alphaA * y + (1 - alphaA) * stage1;
            } else {
                stage1 = alphaA * stage1 + (1 - alphaA) * v * v;
                double s = Math.sqrt(stage1);
                y = s >= y ? s : alphaR * y + (1 - alphaR) * s;
            }
            // no subnormals in the long fall to silence; a NaN input must not stick in the memories
            if (!(stage1 >= TINY)) stage1 = 0;
            if (!(y >= TINY)) y = 0;
            out[i] = (float) y;
        }
    }

    private double alpha(double ms) {
        return ms <= 0 ? 0 : Math.exp(-1 / (ms * 0.001 * sampleRate));
    }
}
