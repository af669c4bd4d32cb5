package dev.conch.processors.filter;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;

/**
 * The seven second-order filters of R. Bristow-Johnson's Audio EQ Cookbook, with the cookbook's exact magnitude
 * and phase, computed by a trapezoidal (TPT) state-variable filter after A. Simper ("Linear trapezoidal
 * integrated SVF", Cytomic 2013) instead of a direct form.
 *
 * <p>Why: both are the bilinear transform of the same analog prototype, prewarped at the cutoff, so their
 * responses are identical; but the SVF's states are integrator states whose meaning does not change with the
 * coefficients, so a cutoff swept every sample stays stable, which a direct form does not promise.
 *
 * <p>With g = tan(π f / sr), k = 1/Q, A = 10^(gain/40), per sample
 * v1 = (ic1 + g (x - ic2)) / (1 + g (g + k)), v2 = ic2 + g v1, ic1 = 2 v1 - ic1, ic2 = 2 v2 - ic2, and the
 * output y = m0 x + m1 v1 + m2 v2 with (m0, m1, m2):
 * lowpass (0, 0, 1); highpass (1, -k, -1); bandpass, 0 dB peak (0, k, 0); notch (1, -k, 0);
 * peak: k = 1/(Q A), (1, k (A² - 1), 0); lowshelf: g = tan(π f/sr)/√A, (1, k (A - 1), A² - 1);
 * highshelf: g = tan(π f/sr)·√A, (A², k (1 - A) A, 1 - A²). Shelves use the cookbook's Q form.
 *
 * <p>The frequency is clamped below 0.49 × the sample rate. Coefficients are recomputed per sample only while
 * a param moves; states are double and flushed to 0 below 1e-30 every sample (denormals are slow).
 */
@ProcessorInfo(name = "Biquad", category = "Filters",
        description = "RBJ cookbook filter: lowpass, highpass, bandpass, notch, peak, low or high shelf.")
public final class Biquad extends Processor {
    private static final int LOWPASS = 0, HIGHPASS = 1, BANDPASS = 2, NOTCH = 3, PEAK = 4, LOWSHELF = 5, HIGHSHELF = 6;

    /** The most channels one node filters. */
    public static final int MAX_CHANNELS = 16;

    private final Param type = param(ParamSpec.choice("type", "lowpass",
            "lowpass", "highpass", "bandpass", "notch", "peak", "lowshelf", "highshelf").describe("filter response"));
    private final Param frequency = param(ParamSpec.number("frequency", "Hz", 10, 20000, 1000).perSample().smoothed(20)
            .describe("cutoff, centre or shelf frequency"));
    private final Param q = param(ParamSpec.number("q", "", 0.1, 40, 0.7071).perSample().smoothed(20)
            .describe("resonance / bandwidth (0.7071: Butterworth)"));
    private final Param gain = param(ParamSpec.number("gain", "dB", -48, 48, 0).perSample().smoothed(20)
            .describe("boost or cut of peak and shelf types"));
    private final Param channels = param(ParamSpec.integer("channels", "", 1, MAX_CHANNELS, 1).asStructural()
            .describe("channels filtered alike: 1 (in, out), or more (in1, out1, in2, out2, ...)"));

    private Input[] ins;
    private Output[] outs;
    private double sampleRate;
    private double maxFrequency;
    /** Per channel, the SVF's two integrator states. */
    private double[] ic1 = new double[0], ic2 = new double[0];
    // the SVF written as a 2x2 state-space update (see process) with these coefficients
    private double k11, k12, b1, k21, k22, b2, d0, c1, c2;
    // output mix of the current type: y = m0 x + m1 v1 + m2 v2 in the SVF's terms
    private double m0, m1, m2;

    @Override
    protected void configure() {
        int n = channels.intValue();
        ins = new Input[n];
        outs = new Output[n];
        for (int c = 0; c < n; c++) {
            String k = n == 1 ? "" : Integer.toString(c + 1);
            ins[c] = audioIn("in" + k, n == 1 ? "signal" : "channel " + (c + 1));
            outs[c] = audioOut("out" + k, n == 1 ? "filtered signal" : "channel " + (c + 1) + " filtered");
        }
    }

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        maxFrequency = 0.49 * sampleRate;
        ic1 = new double[ins.length];
        ic2 = new double[ins.length];
        reset();
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(ic1, 0);
        java.util.Arrays.fill(ic2, 0);
    }

    /**
     * The SVF step, expanded into s' = K s + b x, y = d0 x + c·s with the same states: 9 multiplies and 6 adds with
     * a dependency chain from one sample to the next of one multiply and two adds, 9 cycles (the SVF's own chain
     * was a multiply and three adds, 12), so a steady filter runs near the limit a recursive filter allows. Steady
     * or moving, every sample takes the same arithmetic, so output does not depend on the block size, nor on how
     * many channels a node filters: each channel's samples get the same operations in the same order as in a node of
     * its own.
     */
    @Override
    public void process(int frames) {
        int t = type.choice();
        boolean steady = frequency.steady() && q.steady() && gain.steady();
        if (ins.length == 1 || !steady) {
            if (steady) coefficients(t, frequency.value(), q.value(), gain.value());
            if (ins.length == 1) {
                one(0, frames, steady, t);
            } else {
                // moving params are read once per sample and shared: the coefficients of sample i, then every channel
                for (int i = 0; i < frames; i++) {
                    coefficients(t, frequency.next(), q.next(), gain.next());
                    for (int c = 0; c < ins.length; c++) step(c, i);
                }
            }
            return;
        }
        coefficients(t, frequency.value(), q.value(), gain.value());
        // two channels per loop: each sample waits for the one before it (a multiply and two adds), and two
        // independent chains side by side fill the time one leaves idle
        int c = 0;
        for (; c + 1 < ins.length; c += 2) pair(c, frames);
        if (c < ins.length) one(c, frames, true, t);
    }

    /** Channel {@code c} alone, with its states in registers; moving params are read here when not {@code steady}. */
    private void one(int c, int frames, boolean steady, int t) {
        float[] x = ins[c].buffer(), y = outs[c].buffer();
        double s1 = ic1[c], s2 = ic2[c];
        for (int i = 0; i < frames; i++) {
            if (!steady) coefficients(t, frequency.next(), q.next(), gain.next());
            double v = x[i];
            double out = d0 * v + c1 * s1 + c2 * s2;
            double n1 = b1 * v + k12 * s2 + k11 * s1;
            double n2 = b2 * v + k21 * s1 + k22 * s2;
            s1 = Dsp.flush(n1);
            s2 = Dsp.flush(n2);
            y[i] = (float) out;
        }
        ic1[c] = s1;
        ic2[c] = s2;
    }

    /** Channels {@code c} and {@code c + 1} interleaved, steady coefficients: the arithmetic of {@link #one}. */
    private void pair(int c, int frames) {
        float[] x = ins[c].buffer(), y = outs[c].buffer();
        float[] u = ins[c + 1].buffer(), w = outs[c + 1].buffer();
        double s1 = ic1[c], s2 = ic2[c];
        double r1 = ic1[c + 1], r2 = ic2[c + 1];
        for (int i = 0; i < frames; i++) {
            double v = x[i];
            double z = u[i];
            double out = d0 * v + c1 * s1 + c2 * s2;
            double other = d0 * z + c1 * r1 + c2 * r2;
            double n1 = b1 * v + k12 * s2 + k11 * s1;
            double m1 = b1 * z + k12 * r2 + k11 * r1;
            double n2 = b2 * v + k21 * s1 + k22 * s2;
            double m2 = b2 * z + k21 * r1 + k22 * r2;
            s1 = Dsp.flush(n1);
            r1 = Dsp.flush(m1);
            s2 = Dsp.flush(n2);
            r2 = Dsp.flush(m2);
            y[i] = (float) out;
            w[i] = (float) other;
        }
        ic1[c] = s1;
        ic2[c] = s2;
        ic1[c + 1] = r1;
        ic2[c + 1] = r2;
    }

    /** Sample {@code i} of channel {@code c}, its states in the arrays: the arithmetic of {@link #one}. */
    private void step(int c, int i) {
        double s1 = ic1[c], s2 = ic2[c];
        double v = ins[c].buffer()[i];
        double out = d0 * v + c1 * s1 + c2 * s2;
        double n1 = b1 * v + k12 * s2 + k11 * s1;
        double n2 = b2 * v + k21 * s1 + k22 * s2;
        ic1[c] = Dsp.flush(n1);
        ic2[c] = Dsp.flush(n2);
        outs[c].buffer()[i] = (float) out;
    }

    /** The cookbook's A = 10^(gain/40), the square root of the gain: the amplitude a peak or shelf moves by. */
    private static double shelfAmplitude(double gainDb) {
        return Dsp.dbToGain(gainDb / 2);
    }

    private void coefficients(int t, double f, double qv, double gainDb) {
        if (f > maxFrequency) f = maxFrequency;
        double g = Math.tan(Math.PI * f / sampleRate);
        double k = 1 / qv;
        double a;
        switch (t) {
            case HIGHPASS -> { m0 = 1; m1 = -k; m2 = -1; }
            case BANDPASS -> { m0 = 0; m1 = k; m2 = 0; }
            case NOTCH -> { m0 = 1; m1 = -k; m2 = 0; }
            case PEAK -> {
                a = shelfAmplitude(gainDb);
                k = 1 / (qv * a);
                m0 = 1; m1 = k * (a * a - 1); m2 = 0;
            }
            case LOWSHELF -> {
                a = shelfAmplitude(gainDb);
                g /= Math.sqrt(a);
                m0 = 1; m1 = k * (a - 1); m2 = a * a - 1;
            }
            case HIGHSHELF -> {
                a = shelfAmplitude(gainDb);
                g *= Math.sqrt(a);
                m0 = a * a; m1 = k * (1 - a) * a; m2 = 1 - a * a;
            }
            default -> { m0 = 0; m1 = 0; m2 = 1; }
        }
        double a1 = 1 / (1 + g * (g + k));
        double a2 = g * a1;
        double a3 = g * a2;
        // from v3 = x - s2, v1 = a1 s1 + a2 v3, v2 = s2 + a2 s1 + a3 v3, s1' = 2 v1 - s1, s2' = 2 v2 - s2,
        // y = m0 x + m1 v1 + m2 v2
        k11 = 2 * a1 - 1;
        k12 = -2 * a2;
        b1 = 2 * a2;
        k21 = 2 * a2;
        k22 = 1 - 2 * a3;
        b2 = 2 * a3;
        d0 = m0 + m1 * a2 + m2 * a3;
        c1 = m1 * a1 + m2 * a2;
        c2 = m2 * (1 - a3) - m1 * a2;
    }
}
