package dev.conch.processors.control;

import dev.conch.processors.random.SplitMix64;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * A low-frequency oscillator for modulation: out = offset + depth · wave(φ), one value per sample.
 *
 * <p>With φ the phase in cycles, in [0, 1), the waves are those of the audio Oscillator, without band-limiting
 * (an LFO is far below Nyquist and its corners are wanted):
 * <ul>
 *   <li>sine: sin(2πφ);</li>
 *   <li>triangle: −1 at φ = 0, +1 at φ = 0.5, straight lines between (4φ − 1, then 3 − 4φ);</li>
 *   <li>saw: 2φ − 1, rising, jumping back to −1 at each new cycle;</li>
 *   <li>square: +1 for φ &lt; 0.5, −1 after;</li>
 *   <li>random: a value drawn uniformly from [−1, 1) at the start and at each new cycle, held for the cycle
 *       (sample and hold). The draws come from SplitMix64 seeded with {@code seed}: the same seed gives the same
 *       values everywhere, at any block size.</li>
 * </ul>
 *
 * <p>Frequency: {@code rate} Hz, or with {@code sync} on, {@code tempo / 60 / beats} Hz (one cycle every
 * {@code beats} beats at {@code tempo} BPM). Every numeric param is read per sample, so a control connection or a
 * live change acts on the exact sample; rate, tempo, depth and offset glide over 20 ms when changed live.
 *
 * <p>The phase is not summed sample by sample while the frequency holds still: since the sample n₀ where the
 * frequency last changed, φ(n) = frac(φ(n₀) + (n − n₀) · f / firingRate), from the sample count in double. So
 * the frequency is exact over long renders (no accumulated rounding) and the output is the same at any block size.
 * While the frequency glides, each sample re-anchors, which is the plain sum.
 *
 * <p>"Sample" above means firing: a control source fires once per firing of the node it drives (once per sample for
 * an audio node, once per hop for a spectral one), and firingRate = sampleRate / samplesPerFiring (from
 * {@link ProcessContext}) keeps its times in seconds either way.
 */
@ProcessorInfo(name = "LFO", category = "Control",
        description = "Low-frequency oscillator (sine, triangle, saw, square, seeded sample-and-hold) for modulation.")
public final class LFO extends Processor {
    private static final int SINE = 0, TRIANGLE = 1, SAW = 2, SQUARE = 3, RANDOM = 4;

    private final Output out = controlOut("out", "offset + depth × wave");
    private final Param waveform = param(ParamSpec.choice("waveform", "sine", "sine", "triangle", "saw", "square", "random")
            .describe("wave shape; random draws a new held value every cycle"));
    private final Param rate = param(ParamSpec.number("rate", "Hz", 0.001, 100, 1).smoothed(20)
            .describe("cycles per second (when sync is off)"));
    private final Param sync = param(ParamSpec.bool("sync", false)
            .describe("take the cycle length from tempo and beats instead of rate"));
    private final Param tempo = param(ParamSpec.number("tempo", "BPM", 1, 999, 120).smoothed(20)
            .describe("beats per minute (with sync)"));
    private final Param beats = param(ParamSpec.number("beats", "beats", 1.0 / 64, 1024, 1).perSample()
            .describe("length of one cycle in beats (with sync): 0.25 a sixteenth at 4/4, 4 a bar"));
    private final Param depth = param(ParamSpec.number("depth", "", -1e6, 1e6, 1).smoothed(20)
            .describe("amplitude of the wave"));
    private final Param offset = param(ParamSpec.number("offset", "", -1e6, 1e6, 0).smoothed(20)
            .describe("value the wave swings around"));
    private final Param phase = param(ParamSpec.number("phase", "cycles", 0, 1, 0)
            .describe("phase at the start (and after a reset), as a fraction of a cycle"));
    private final Param seed = param(ParamSpec.integer("seed", "", 0, Integer.MAX_VALUE, 1).asStructural()
            .describe("seed of the random waveform's draws"));

    private final SplitMix64 random = new SplitMix64(0);
    private double firingRate;
    /** samples since the start */
    private long n;
    /** the sample where the frequency last changed, and the phase (in [0, 1)) there */
    private long anchorN;
    private double anchorPhase;
    /** frequency in force since anchorN (negative before the first sample), and cycles per sample */
    private double frequency;
    private double increment;
    private double previousPhase;
    private double held;

    @Override
    public void prepare(ProcessContext ctx) {
        firingRate = ctx.firingsPerSecond(); // a control driving a spectral node fires once per frame
        reset();
    }

    @Override
    public void reset() {
        double p = phase.value();
        n = 0;
        anchorN = 0;
        anchorPhase = p >= 1 ? 0 : p;
        frequency = -1;
        increment = 0;
        previousPhase = anchorPhase;
        random.seed(seed.intValue());
        held = random.nextSigned();
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        int shape = waveform.choice();
        boolean synced = sync.on();
        boolean rSteady = rate.steady(), tSteady = tempo.steady(), bSteady = beats.steady();
        boolean dSteady = depth.steady(), oSteady = offset.steady();
        double r0 = rate.value(), t0 = tempo.value(), b0 = beats.value(), d0 = depth.value(), o0 = offset.value();
        for (int i = 0; i < frames; i++) {
            double r = rSteady ? r0 : rate.next();
            double t = tSteady ? t0 : tempo.next();
            double b = bSteady ? b0 : beats.next();
            double d = dSteady ? d0 : depth.next();
            double o = oSteady ? o0 : offset.next();
            double f = synced ? t / (60 * b) : r;
            if (f != frequency) {
                // re-anchor: the phase so far at the old frequency, then count from here at the new one
                double p = anchorPhase + (n - anchorN) * increment;
                anchorPhase = p - Math.floor(p);
                anchorN = n;
                frequency = f;
                increment = f / firingRate;
            }
            double p = anchorPhase + (n - anchorN) * increment;
            p -= Math.floor(p);
            if (p < previousPhase) held = random.nextSigned();   // a new cycle began (the phase only moves forward)
            previousPhase = p;
            y[i] = (float) (o + d * wave(shape, p));
            n++;
        }
    }

    private double wave(int shape, double p) {
        return switch (shape) {
            case TRIANGLE -> p < 0.5 ? 4 * p - 1 : 3 - 4 * p;
            case SAW -> 2 * p - 1;
            case SQUARE -> p < 0.5 ? 1 : -1;
            case RANDOM -> held;
            default -> Math.sin(2 * Math.PI * p);
        };
    }
}
