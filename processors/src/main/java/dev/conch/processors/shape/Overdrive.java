package dev.conch.processors.shape;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * The guitar distortions of CLAM's GuitarEffects plugins, each a curve whose shape {@code amount} sets every sample
 * (so a knob can play it, unlike {@link Waveshaper}'s fixed curves):
 * <ul>
 * <li>{@code factor}: y = (1 + k)·x / (1 + k·|x|) with k = 2a / (1 - a), a = amount up to 0.99, times an automatic
 * gain that steers the output power towards (10 - compression) / 100 by 0.1·(target - y²) per sample, kept within
 * 0 to {@value #MAX_GAIN} (40 dB); compression below 0.01 turns it off (gain 1).</li>
 * <li>{@code atan}: y = atan(amount·x) / atan(amount), unity slope at amount near 0.</li>
 * <li>{@code polynomial}: y = amount·x + square·x·|x|.</li>
 * <li>{@code zyn}: ZynAddSubFX's arctangent drive law, amount 0..1 (above 1 is 1) as its drive d: w = 10^(3d²) - 1 + 0.001,
 * y = atan(w·x) / atan(w).</li>
 * </ul>
 * No oversampling: the curves alias as CLAM's did.
 */
@ProcessorInfo(name = "Overdrive", category = "Shapers",
        description = "Guitar distortion with a playable amount: factor (with automatic gain), atan, polynomial or Zyn's drive law.")
public final class Overdrive extends Processor {
    private static final int FACTOR = 0, ATAN = 1, POLYNOMIAL = 2, ZYN = 3;
    /** The factor curve's automatic gain moves by this much per unit of power error, each sample. */
    private static final double GAIN_STEP = 0.1;
    private static final double MAX_COMPRESSION = 10;
    /**
     * The most the automatic gain may reach. Unbounded, the update diverged on a loud input (above about 3): one step
     * overshot below 0, the next output was larger still, and within a few samples the gain overflowed to infinity
     * and the output was NaN (found by the generated networks, a signal of -2e9); and a long silence let the gain climb
     * without end, to blast the next sound. Held within 0 to this, an AGC's usual 40 dB, it stays finite and bounded,
     * and ordinary signals, which it never takes that far, go through as before.
     */
    static final double MAX_GAIN = 100;

    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "distorted signal");
    private final Param curve = param(ParamSpec.choice("curve", "atan", "factor", "atan", "polynomial", "zyn")
            .describe("factor: (1+k)x/(1+k|x|) with automatic gain; atan: atan(a x)/atan(a); polynomial: a x + b x|x|; "
                    + "zyn: ZynAddSubFX's drive law"));
    private final Param amount = param(ParamSpec.number("amount", "", 0, 100, 1).perSample()
            .describe("the curve's drive: factor 0..0.99, atan's a, polynomial's a, zyn's drive 0..1"));
    private final Param square = param(ParamSpec.number("square", "", 0, 100, 0).perSample()
            .describe("polynomial only: b, the weight of x|x|"));
    private final Param compression = param(ParamSpec.number("compression", "", 0, MAX_COMPRESSION, 0).perSample()
            .describe("factor only: 0 is off; higher aims the automatic gain at a lower output power, (10 - c)/100"));
    private double gain = 1;

    @Override
    public void prepare(ProcessContext ctx) {
        reset();
    }

    /** The factor curve's automatic gain back at 1, as prepared: a batch renders its next file from here. */
    @Override
    public void reset() {
        gain = 1;
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        switch (curve.choice()) {
            case FACTOR -> {
                for (int i = 0; i < frames; i++) {
                    double a = Math.min(0.99, amount.next());
                    double k = 2 * a / (1 - a);
                    double c = compression.next();
                    square.next();
                    if (c < 0.01) gain = 1;
                    double v = (1 + k) * x[i] / (1 + k * Math.abs(x[i])) * gain;
                    if (c >= 0.01) {
                        double target = (MAX_COMPRESSION - Math.min(c, MAX_COMPRESSION - 0.01)) / 100;
                        gain = Math.min(MAX_GAIN, Math.max(0, gain + GAIN_STEP * (target - v * v)));
                    }
                    y[i] = (float) v;
                }
            }
            case ATAN -> {
                for (int i = 0; i < frames; i++) {
                    double a = amount.next();
                    square.next();
                    compression.next();
                    y[i] = a < 1e-6 ? x[i] : (float) (Math.atan(a * x[i]) / Math.atan(a));
                }
            }
            case POLYNOMIAL -> {
                for (int i = 0; i < frames; i++) {
                    double a = amount.next(), b = square.next();
                    compression.next();
                    y[i] = (float) (a * x[i] + b * x[i] * Math.abs(x[i]));
                }
            }
            default -> {
                for (int i = 0; i < frames; i++) {
                    double d = Math.min(1, amount.next()); // Zyn's drive is 0..1: beyond, 10^(3d^2) overflows
                    square.next();
                    compression.next();
                    double w = Math.pow(10, 3 * d * d) - 1 + 0.001;
                    y[i] = (float) (Math.atan(w * x[i]) / Math.atan(w));
                }
            }
        }
    }
}
