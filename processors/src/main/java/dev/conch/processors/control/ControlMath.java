package dev.conch.processors.control;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * Arithmetic on two controls, sample by sample: {@code a} and {@code b} are params, so each is a fixed value or
 * follows a control wired to it ({@code <control to="math.a">}). With {@code integers}, both are first rounded to the
 * nearest whole number (halves away from zero).
 * <pre>
 *   add a + b    subtract a − b    multiply a · b    min    max
 *   round: a rounded (b unused)    equal: 1 when a = b, else 0    greater: 1 when a > b, else 0
 * </pre>
 */
@ProcessorInfo(name = "ControlMath", category = "Control",
        description = "Adds, multiplies, rounds or compares two controls (a and b), sample by sample.")
public final class ControlMath extends Processor {
    private static final double LIMIT = 1e9;
    private static final int ADD = 0, SUBTRACT = 1, MULTIPLY = 2, MIN = 3, MAX = 4, ROUND = 5, EQUAL = 6;

    private final Output out = controlOut("out", "the result");
    private final Param op = param(ParamSpec.choice("op", "add", "add", "subtract", "multiply", "min", "max", "round",
            "equal", "greater").describe("the operation: a+b, a-b, a*b, min, max, round(a), a=b (1 or 0), a>b (1 or 0)"));
    private final Param a = param(ParamSpec.number("a", "", -LIMIT, LIMIT, 0).perSample().describe("first operand"));
    private final Param b = param(ParamSpec.number("b", "", -LIMIT, LIMIT, 0).perSample().describe("second operand"));
    private final Param integers = param(ParamSpec.bool("integers", false)
            .describe("round a and b to whole numbers before the operation"));

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        int o = op.choice();
        boolean whole = integers.on();
        for (int i = 0; i < frames; i++) {
            double x = a.next(), z = b.next();
            if (whole) {
                x = round(x);
                z = round(z);
            }
            y[i] = (float) apply(o, x, z);
        }
    }

    private static double apply(int o, double x, double z) {
        return switch (o) {
            case ADD -> x + z;
            case SUBTRACT -> x - z;
            case MULTIPLY -> x * z;
            case MIN -> Math.min(x, z);
            case MAX -> Math.max(x, z);
            case ROUND -> round(x);
            case EQUAL -> x == z ? 1 : 0;
            default -> x > z ? 1 : 0;
        };
    }

    /** Halves away from zero, as C's round (CLAM's): -2.5 is -3. */
    private static double round(double v) {
        return Math.signum(v) * Math.floor(Math.abs(v) + 0.5) + 0.0; // + 0.0: no negative zero from -0.4
    }
}
