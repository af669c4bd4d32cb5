package dev.conch.processors.filter;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

import java.util.Arrays;

/**
 * Removes from {@code in} whatever is correlated with {@code reference} (mains hum, given the mains), by an LMS
 * adaptive FIR filter of {@code taps} coefficients w (Widrow and Hoff's steepest descent), as CLAM's AdaptativeNotch:
 * with r the last {@code taps} reference samples (oldest first) and L = taps - 1,
 * e[n] = in[n - L] - w·r, then w += step · e[n] · r; the output is e. The input is delayed by L samples, as in CLAM.
 * A larger step adapts faster and less stably (it must stay below 2 / (taps · reference power)); a filter that
 * diverges all the same (its error beyond {@value #DIVERGED}, or not a number) is set back to zero and adapts again
 * from there, so the output stays finite where CLAM's went to infinity.
 */
@ProcessorInfo(name = "AdaptiveNotch", category = "Filters",
        description = "Cancels the part of a signal correlated with a reference input (LMS adaptive filter).")
public final class AdaptiveNotch extends Processor {
    /** An error this large (60 dB over full scale) means the adaptation has diverged. */
    static final double DIVERGED = 1000;

    private final Input in = audioIn("in", "signal with the interference");
    private final Input reference = audioIn("reference", "the interference as measured elsewhere");
    private final Output out = audioOut("out", "the signal with the interference removed, delayed taps-1 samples");
    private final Param taps = param(ParamSpec.integer("taps", "", 1, 256, 5).asStructural()
            .describe("length of the adaptive filter"));
    private final Param step = param(ParamSpec.number("step", "", 0, 1, 0.01).perSample()
            .describe("adaptation rate mu: faster convergence, but too large diverges"));
    private double[] w, refs, ins;
    private int pos;

    @Override
    public void prepare(ProcessContext ctx) {
        int m = taps.intValue();
        w = new double[m];
        refs = new double[m];
        ins = new double[m];
        pos = 0;
    }

    /** Unadapted, with no history: as prepared (a network rendered again starts from here). */
    @Override
    public void reset() {
        Arrays.fill(w, 0);
        Arrays.fill(refs, 0);
        Arrays.fill(ins, 0);
        pos = 0;
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), r = reference.buffer(), y = out.buffer();
        int m = w.length;
        for (int i = 0; i < frames; i++) {
            refs[pos] = r[i];
            ins[pos] = x[i];
            pos = pos + 1 == m ? 0 : pos + 1; // pos is now the oldest sample: in[n - L] and the start of the window
            double estimate = 0;
            for (int j = 0, k = pos; j < m; j++, k = k + 1 == m ? 0 : k + 1) estimate += w[j] * refs[k];
            double e = ins[pos] - estimate;
            if (!(Math.abs(e) < DIVERGED)) { // also true for NaN
                Arrays.fill(w, 0);
                e = ins[pos];
            }
            double mu = step.next();
            for (int j = 0, k = pos; j < m; j++, k = k + 1 == m ? 0 : k + 1) w[j] += mu * e * refs[k];
            y[i] = (float) e;
        }
    }
}
