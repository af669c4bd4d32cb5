package dev.conch.processors.control;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * An ADSR envelope, one value per sample.
 *
 * <p><b>Trigger.</b> The gate is high while the {@code gate} input is ≥ 0.5. Rising through 0.5 starts the attack
 * (from the level the envelope has at that sample, so a retrigger does not click); falling starts the release.
 * With {@code gate} unconnected the envelope plays one note at the start, as if the gate were high for the first
 * {@code hold} seconds (counted from the start, attack and decay included; 0 plays nothing).
 *
 * <p><b>Segments.</b> A segment of N = round(seconds · firingRate) samples that starts at sample s from level
 * v₀ towards level v₁ outputs, for k = 0 … N,
 * <pre>
 *   linear:       y(s + k) = v₀ + (v₁ − v₀) · k / N
 *   exponential:  y(s + k) = v₀ + (v₁ − v₀) · (1 − e^(−k·L/N)) / (1 − e^(−L)),   L = ln 1000
 * </pre>
 * The exponential one is Web Audio's setTargetAtTime (an approach to v₁ with time constant τ = N / L, which
 * leaves 0.1 % of the distance at the end), rescaled by 1 / (1 − 0.001) so that it lands on v₁ exactly at k = N
 * instead of jumping the last 0.1 %. Sample s + N is the first sample of the next segment, whose k = 0 value is
 * that same v₁. So every segment ends on its level at the sample the specification says, to the nearest sample.
 *
 * <p>Attack: from the current level to {@code peak} over {@code attack}. Decay: from peak to the sustain level
 * S = {@code sustain} · {@code peak} over {@code decay}. Sustain: S, following live changes of sustain and peak.
 * Release (when the gate falls, from whatever level the envelope has then, even mid-attack): to 0 over
 * {@code release}. A segment's length is taken when it starts; its target level is read every sample. All
 * numeric params are read per sample, so control connections act sample-accurately and the output is the same
 * at any block size.
 *
 * <p>"Sample" above means firing: a control source fires once per firing of the node it drives (once per sample for
 * an audio node, once per hop for a spectral one), and firingRate = sampleRate / samplesPerFiring (from
 * {@link ProcessContext}) keeps its times in seconds either way.
 */
@ProcessorInfo(name = "Envelope", category = "Control",
        description = "ADSR envelope (linear or exponential segments), triggered by a gate control or once at the start.")
public final class Envelope extends Processor {
    private static final int IDLE = 0, ATTACK = 1, DECAY = 2, SUSTAIN = 3, RELEASE = 4;
    /** the exponential segments' e^(−L) with L = ln 1000: what setTargetAtTime would leave undone at the end */
    static final double EXP_REMAINDER = 0.001;
    static final double EXP_L = Math.log(1 / EXP_REMAINDER);

    private final Input gate = controlIn("gate",
            "note on while >= 0.5 (rising starts the attack, falling the release); unconnected: one note at the start");
    private final Output out = controlOut("out", "the envelope level");
    private final Param attack = param(ParamSpec.number("attack", "s", 0, 600, 0.01).perSample()
            .describe("time from the gate's rise to the peak"));
    private final Param decay = param(ParamSpec.number("decay", "s", 0, 600, 0.1).perSample()
            .describe("time from the peak to the sustain level"));
    private final Param sustain = param(ParamSpec.number("sustain", "", 0, 1, 0.7).smoothed(20)
            .describe("level held while the gate stays high, as a fraction of peak"));
    private final Param release = param(ParamSpec.number("release", "s", 0, 600, 0.3).perSample()
            .describe("time from the gate's fall to silence"));
    private final Param peak = param(ParamSpec.number("peak", "", 0, 1e6, 1).smoothed(20)
            .describe("level at the end of the attack"));
    private final Param curve = param(ParamSpec.choice("curve", "linear", "linear", "exponential")
            .describe("segment shape: straight lines, or exponential approaches (Web Audio's setTargetAtTime, landing exactly)"));
    private final Param hold = param(ParamSpec.number("hold", "s", 0, 86400, 1).perSample()
            .describe("with gate unconnected: how long the single note is held from the start"));

    private double firingRate;
    private long n;
    private boolean wasHigh;
    private int stage;
    /** position in the current segment, its length in samples, its start level */
    private long k;
    private long length;
    private double from;
    /** exponential segments: e^(−k·L/N) and its factor per sample */
    private double decayFactor;
    private double ratio;

    @Override
    public void prepare(ProcessContext ctx) {
        firingRate = ctx.firingsPerSecond(); // a control driving a spectral node fires once per frame
        reset();
    }

    @Override
    public void reset() {
        n = 0;
        wasHigh = false;
        stage = IDLE;
        k = 0;
        length = 0;
        from = 0;
        decayFactor = 1;
        ratio = 1;
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        float[] g = gate.buffer();
        boolean gated = gate.connected();
        boolean exponential = curve.choice() == 1;
        boolean aSteady = attack.steady(), dSteady = decay.steady(), sSteady = sustain.steady();
        boolean rSteady = release.steady(), pSteady = peak.steady(), hSteady = hold.steady();
        double a0 = attack.value(), d0 = decay.value(), s0 = sustain.value(), r0 = release.value();
        double p0 = peak.value(), h0 = hold.value();
        for (int i = 0; i < frames; i++) {
            double a = aSteady ? a0 : attack.next();
            double d = dSteady ? d0 : decay.next();
            double s = sSteady ? s0 : sustain.next();
            double r = rSteady ? r0 : release.next();
            double p = pSteady ? p0 : peak.next();
            double h = hSteady ? h0 : hold.next();
            double sustainLevel = s * p;
            boolean high = gated ? g[i] >= 0.5f : n < Math.round(h * firingRate);
            if (high != wasHigh) {
                double now = level(exponential, p, sustainLevel);
                start(high ? ATTACK : RELEASE, now, high ? a : r, exponential);
                wasHigh = high;
            }
            // zero-length segments end where they start: pass straight on to the next
            while (stage != IDLE && stage != SUSTAIN && k >= length) {
                finish(exponential, p, sustainLevel, d);
            }
            y[i] = (float) level(exponential, p, sustainLevel);
            if (stage != IDLE && stage != SUSTAIN) {
                k++;
                decayFactor *= ratio;
                if (k >= length) finish(exponential, p, sustainLevel, d);
            }
            n++;
        }
    }

    /** The current segment's level at position k. */
    private double level(boolean exponential, double peakLevel, double sustainLevel) {
        double target;
        switch (stage) {
            case ATTACK -> target = peakLevel;
            case DECAY -> target = sustainLevel;
            case RELEASE -> target = 0;
            case SUSTAIN -> {
                return sustainLevel;
            }
            default -> {
                return 0;
            }
        }
        if (k >= length) return target;
        double w = exponential ? (1 - decayFactor) / (1 - EXP_REMAINDER) : k / (double) length;
        return from + (target - from) * w;
    }

    /** The current segment reached its end: start the one after it, from its target level. */
    private void finish(boolean exponential, double peakLevel, double sustainLevel, double decaySeconds) {
        switch (stage) {
            case ATTACK -> start(DECAY, peakLevel, decaySeconds, exponential);
            case DECAY -> stage = SUSTAIN;
            default -> stage = IDLE;   // the release ended at 0
        }
    }

    private void start(int newStage, double level, double seconds, boolean exponential) {
        stage = newStage;
        from = level;
        k = 0;
        length = Math.round(seconds * firingRate);
        decayFactor = 1;
        // exp() once per segment, not per sample; the recurrence's rounding stays ~1e-16 per step
        ratio = exponential && length > 0 ? Math.exp(-EXP_L / length) : 1;
    }
}
