package dev.conch.processors.control;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Maps a control from one range to another, sample by sample: with u = (in − inMin) / (inMax − inMin)
 * (held in [0, 1] when {@code clamp} is on),
 * <pre>
 *   linear:       out = outMin + (outMax − outMin) · u
 *   exponential:  out = outMin · (outMax / outMin)^u      (equal steps of u are equal ratios: 0…1 → 80…8000 Hz
 *                                                         rises a decade per half)
 * </pre>
 * Exponential needs outMin and outMax above 0, and inMin must differ from inMax: the network file is refused
 * otherwise. A live change that breaks either rule cannot be refused on the audio thread, so it is made harmless:
 * while inMin = inMax, u is 0; while outMin or outMax is ≤ 0, the exponential mode maps linearly.
 */
@ProcessorInfo(name = "Scale", category = "Control",
        description = "Maps a control from one range to another, linearly or exponentially (0..1 to 80..8000 Hz).")
public final class Scale extends Processor {
    private final Input in = controlIn("in", "the control to map");
    private final Output out = controlOut("out", "the mapped control");
    private final Param mode = param(ParamSpec.choice("mode", "linear", "linear", "exponential")
            .describe("linear, or exponential (equal input steps give equal output ratios)"));
    private final Param inMin = param(ParamSpec.number("inMin", "", -1e9, 1e9, 0).perSample()
            .describe("input value mapped to outMin"));
    private final Param inMax = param(ParamSpec.number("inMax", "", -1e9, 1e9, 1).perSample()
            .describe("input value mapped to outMax"));
    private final Param outMin = param(ParamSpec.number("outMin", "", -1e9, 1e9, 0).perSample()
            .describe("output for inMin"));
    private final Param outMax = param(ParamSpec.number("outMax", "", -1e9, 1e9, 1).perSample()
            .describe("output for inMax"));
    private final Param clamp = param(ParamSpec.bool("clamp", true)
            .describe("keep the output within outMin..outMax when the input leaves inMin..inMax"));

    @Override
    protected void configure() {
        if (inMin.value() == inMax.value()) {
            throw new IllegalArgumentException("inMin and inMax are both " + inMin.text()
                    + ": the input range needs two different ends");
        }
        if (mode.choice() == 1 && (outMin.value() <= 0 || outMax.value() <= 0)) {
            throw new IllegalArgumentException("mode exponential needs outMin and outMax above 0 (they are "
                    + outMin.text() + " and " + outMax.text() + "): an exponential never reaches 0 or changes sign;"
                    + " use mode linear for such a range");
        }
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        boolean exponential = mode.choice() == 1, limit = clamp.on();
        if (inMin.steady() && inMax.steady() && outMin.steady() && outMax.steady()) {
            double a = inMin.value(), b = inMax.value(), c = outMin.value(), d = outMax.value();
            double logRatio = Math.log(d / c);   // the log once per block, not per sample
            for (int i = 0; i < frames; i++) y[i] = (float) map(x[i], a, b, c, d, logRatio, exponential, limit);
        } else {
            for (int i = 0; i < frames; i++) {
                double c = outMin.next(), d = outMax.next();
                y[i] = (float) map(x[i], inMin.next(), inMax.next(), c, d, Math.log(d / c), exponential, limit);
            }
        }
    }

    /** The mapping, with logRatio = ln(d / c) (NaN or anything when c or d is not above 0: then unused). */
    static double map(double x, double a, double b, double c, double d, double logRatio, boolean exponential,
                      boolean limit) {
        double u = a == b ? 0 : (x - a) / (b - a);
        if (limit) u = u > 1 ? 1 : u > 0 ? u : 0;   // also turns a NaN input into 0
        if (exponential && c > 0 && d > 0) return c * Math.exp(u * logRatio);
        return c + (d - c) * u;
    }
}
