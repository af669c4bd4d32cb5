package dev.conch.processors.source;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.Release;

import java.util.Arrays;

/**
 * A band-limited oscillator. With phase φ in [0, 1) advancing by dt = f / sampleRate per sample, the naive
 * waves are
 * <ul>
 *   <li>sine: sin(2πφ) (exact, needs no correction);</li>
 *   <li>saw: 2φ - 1 (rising), a jump of -2 at each wrap;</li>
 *   <li>square: +1 for φ &lt; 0.5, -1 after, jumps of ±2;</li>
 *   <li>triangle: -1 at φ = 0, +1 at φ = 0.5, slope changes of ±8·dt per sample at the corners.</li>
 * </ul>
 * Each jump or corner, located to a fraction of a sample, gets a windowed-sinc BLEP or BLAMP correction from
 * {@link Blep} (32 samples either side), which keeps everything above the Nyquist frequency ~80 dB down: a
 * 2-point polyBLEP would leave the aliases near Nyquist only ~15 dB below a naive saw's.
 *
 * <p>The corrections reach 32 samples ahead, so the wave is generated 32 samples before it is output: the
 * first sample out is at {@code phase}, and frequency changes (param or {@code fm}) are heard 32 samples
 * (0.67 ms at 48 kHz) after they are applied; amplitude acts on the exact sample. A source delays no input
 * signal, so {@link #latency()} stays 0.
 *
 * <p>With {@code bandlimited} false the naive wave is output as it is, at the phase itself (no corrections, no
 * look-ahead): it aliases, as Pd's {@code phasor~} or Csound's {@code phasor} do, and costs a few adds a sample.
 *
 * <p>The phase is kept in double so the frequency stays exact over long renders. {@code fm} adds Hz to the
 * frequency sample by sample; the sum is held in [0, 0.49 × sampleRate] (no through-zero FM).
 */
@ProcessorInfo(name = "Oscillator", category = "Sources",
        description = "Band-limited sine, saw, square or triangle oscillator.")
public final class Oscillator extends Processor {
    private static final int SINE = 0, SAW = 1, SQUARE = 2, TRIANGLE = 3;
    private static final int AHEAD = Blep.HALF_WIDTH;
    private static final int RING = 4 * AHEAD;   // holds samples n - AHEAD .. n + AHEAD - 1
    private static final int MASK = RING - 1;

    private final Input fm = controlIn("fm", "frequency modulation in Hz, added to frequency");
    private final Output out = audioOut("out", "the waveform");
    private final Param waveform = param(ParamSpec.choice("waveform", "sine", "sine", "saw", "square", "triangle")
            .describe("wave shape"));
    private final Param frequency = param(ParamSpec.number("frequency", "Hz", 0.01, 20000, 440).perSample().smoothed(20)
            .describe("fundamental frequency"));
    private final Param phase = param(ParamSpec.number("phase", "cycles", 0, 1, 0)
            .describe("phase at the start (and after a reset), as a fraction of a cycle"));
    private final Param amplitude = param(ParamSpec.number("amplitude", "", 0, 4, 1).perSample().smoothed(20)
            .describe("peak level (linear)"));
    private final Param bandlimited = param(ParamSpec.bool("bandlimited", true).asStructural()
            .describe("false: the naive wave (aliases, like Pd's phasor~; cheaper, and no 32-sample delay of frequency changes)"));

    private final Release fadeOut = new Release();
    private final double[] ring = new double[RING];
    private double sampleRate;
    private double maxFrequency;
    /** phase of the newest generated sample */
    private double phi;
    /** ring index of the newest generated sample */
    private int newest;

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        maxFrequency = 0.49 * sampleRate;
        fadeOut.prepare(sampleRate);
        reset();
    }

    @Override
    public void release(long atFrame) {
        fadeOut.at(atFrame);
    }


    /** Restarts at {@code phase} and generates the first AHEAD samples at the current frequency. */
    @Override
    public void reset() {
        Arrays.fill(ring, 0);
        fadeOut.reset();
        int shape = waveform.choice();
        phi = phase.value();
        if (phi >= 1) phi -= 1;
        if (!bandlimited.on()) return;   // the naive wave is computed at the phase itself, nothing ahead
        newest = 0;
        ring[0] = naive(shape, phi);
        double dt = clampFrequency(frequency.value()) / sampleRate;
        for (int k = 1; k < AHEAD; k++) step(shape, dt);
    }

    @Override
    public void process(int frames) {
        if (fadeOut.silent()) {
            Arrays.fill(out.buffer(), 0, frames, 0f); // released and faded: nothing left to compute in the tail
            fadeOut.advance(frames);
            return;
        }
        generate(frames);
        fadeOut.apply(out.buffer(), frames);
        fadeOut.advance(frames);
    }

    private void generate(int frames) {
        float[] y = out.buffer();
        float[] mod = fm.buffer();
        boolean modulated = fm.connected();
        int shape = waveform.choice();
        boolean fSteady = frequency.steady(), aSteady = amplitude.steady();
        double f0 = frequency.value(), a0 = amplitude.value();
        double inv = 1.0 / sampleRate;
        if (!bandlimited.on()) {
            naive(y, mod, frames, shape, modulated, fSteady, aSteady, f0, a0, inv);
            return;
        }
        for (int i = 0; i < frames; i++) {
            double f = fSteady ? f0 : frequency.next();
            double a = aSteady ? a0 : amplitude.next();
            if (modulated) f += mod[i];
            step(shape, clampFrequency(f) * inv);
            int oldest = (newest - AHEAD) & MASK;
            y[i] = (float) (a * ring[oldest]);
            ring[oldest] = 0;
        }
    }

    /** The naive wave: the sample at the current phase, then one step on. A steady saw gets a loop of its own. */
    private void naive(float[] y, float[] mod, int frames, int shape, boolean modulated, boolean fSteady,
                       boolean aSteady, double f0, double a0, double inv) {
        double p = phi;
        if (shape == SAW && fSteady && aSteady && !modulated) {
            double dt = clampFrequency(f0) * inv;
            for (int i = 0; i < frames; i++) {
                y[i] = (float) (a0 * (2 * p - 1));
                p += dt;
                if (p >= 1) p -= 1;
            }
        } else {
            for (int i = 0; i < frames; i++) {
                double f = fSteady ? f0 : frequency.next();
                double a = aSteady ? a0 : amplitude.next();
                if (modulated) f += mod[i];
                y[i] = (float) (a * naive(shape, p));
                p += clampFrequency(f) * inv;
                if (p >= 1) p -= 1;
            }
        }
        phi = p;
    }

    private double clampFrequency(double f) {
        if (f > maxFrequency) return maxFrequency;
        return f >= 0 ? f : 0;   // also catches a NaN from the fm input
    }

    /** Advances the phase by dt, adds the next naive sample and the corrections of any jump or corner passed. */
    private void step(int shape, double dt) {
        double prev = phi;
        double p = prev + dt;
        boolean wrapped = p >= 1;
        if (wrapped) p -= 1;
        phi = p;
        newest = (newest + 1) & MASK;
        ring[newest] += naive(shape, p);
        switch (shape) {
            case SAW -> {
                if (wrapped) addStep(-2, p / dt);
            }
            case SQUARE -> {
                if (wrapped) addStep(2, p / dt);
                if (prev < 0.5 && (wrapped || p >= 0.5)) addStep(-2, (prev + dt - 0.5) / dt);
            }
            case TRIANGLE -> {
                if (wrapped) addRamp(8 * dt, p / dt);
                if (prev < 0.5 && (wrapped || p >= 0.5)) addRamp(-8 * dt, (prev + dt - 0.5) / dt);
            }
            default -> {
            }
        }
    }

    private static double naive(int shape, double p) {
        return switch (shape) {
            case SAW -> 2 * p - 1;
            case SQUARE -> p < 0.5 ? 1 : -1;
            case TRIANGLE -> p < 0.5 ? 4 * p - 1 : 3 - 4 * p;
            default -> Math.sin(2 * Math.PI * p);
        };
    }

    /** A jump of {@code height} that happened {@code back} (0..1) samples before the newest sample. */
    private void addStep(double height, double back) {
        for (int j = -AHEAD; j < AHEAD; j++) {
            ring[(newest + j) & MASK] += height * Blep.step(j + back);
        }
    }

    /** A change of slope of {@code delta} per sample, {@code back} samples before the newest sample. */
    private void addRamp(double delta, double back) {
        for (int j = -AHEAD; j < AHEAD; j++) {
            ring[(newest + j) & MASK] += delta * Blep.ramp(j + back);
        }
    }
}
