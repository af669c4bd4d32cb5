package dev.conch.processors.control;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * A control computed from up to eight controls by an {@link Expression}: a bare one over a to h ({@code (a + b) - c})
 * or CLAM's ControlExpression program ({@code float main(a, b, c) { return (a + b) - c; }}), whose inputs become the
 * params a, b, c, ... It is parsed once, when the network is loaded, and evaluated only when an input changes: the
 * output holds the last value meanwhile, as CLAM's sent a value only when it ran.
 */
@ProcessorInfo(name = "ControlExpression", category = "Control",
        description = "A control computed from up to 8 controls (a, b, ...) by an expression or CLAM's C-like function.")
public final class ControlExpression extends Processor {
    private static final double LIMIT = 1e9;

    private final Param expression = param(ParamSpec.text("expression", "a")
            .describe("a formula over the inputs a to h, such as (a + b) * 0.5, or a C-like program with "
                    + "float main(a, b) { ... } (if, else, while, return, float locals; abs min max floor sqrt pow exp "
                    + "log sin cos tanh)"));
    private final Output out = controlOut("out", "the expression's value (NaN when a loop ran 10000 steps)");
    private Expression program;
    private Param[] ins;
    private double[] args, last;
    private float value;
    private boolean evaluated;

    @Override
    protected void configure() {
        program = Expression.parse(expression.text());
        ins = new Param[program.arity()];
        for (int k = 0; k < ins.length; k++) {
            String name = Character.toString((char) ('a' + k));
            ins[k] = param(ParamSpec.number(name, "", -LIMIT, LIMIT, 0).perSample()
                    .describe("input " + name + " (drive it with a control connection)"));
        }
    }

    @Override
    public void prepare(ProcessContext ctx) {
        args = new double[ins.length];
        last = new double[ins.length];
        reset();
    }

    @Override
    public void reset() {
        evaluated = false;
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        for (int i = 0; i < frames; i++) {
            boolean changed = !evaluated;
            for (int k = 0; k < ins.length; k++) {
                double v = ins[k].next();
                args[k] = v;
                if (v != last[k]) changed = true;
            }
            if (changed) {
                System.arraycopy(args, 0, last, 0, args.length);
                value = (float) program.evaluate(args);
                evaluated = true;
            }
            y[i] = value;
        }
    }
}
