package dev.conch.processors.control;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

/**
 * A network's exposed knob: outputs {@code value}, one value per sample. Wire it to the params a listener should
 * reach and give it a telling node id; {@code --set knob.value=0.3} or a live change then moves them all, gliding
 * over 20 ms so the jump does not click.
 *
 * <p>{@code min} and {@code max} are the knob's range and {@code unit} its unit (informative only). They are fixed
 * when the network loads: {@code value} is declared with exactly that range and unit, so the file, {@code --set}
 * and live changes outside it are refused or clamped like any other param's, and {@code conch describe} shows the
 * range. The default value is 0, or the end of the range nearest to 0.
 */
@ProcessorInfo(name = "Constant", category = "Control",
        description = "A named value with a range and unit: a network's exposed knob, settable with --set.")
public final class Constant extends Processor {
    private static final double LIMIT = 1e9;

    private final Output out = controlOut("out", "the value");
    private final Param min = param(ParamSpec.number("min", "", -LIMIT, LIMIT, 0).asStructural()
            .describe("lowest value the knob takes"));
    private final Param max = param(ParamSpec.number("max", "", -LIMIT, LIMIT, 1).asStructural()
            .describe("highest value the knob takes"));
    private final Param unit = param(ParamSpec.text("unit", "")
            .describe("unit of the value, shown to the user (Hz, dB, ...)"));
    private Param value;

    @Override
    protected void configure() {
        double lo = min.value(), hi = max.value();
        if (lo > hi) {
            throw new IllegalArgumentException("min " + format(lo) + " is larger than max " + format(hi)
                    + ": the knob's range runs from min up to max");
        }
        double def = Math.max(lo, Math.min(hi, 0));
        String u = unit.text() == null ? "" : unit.text().trim();
        value = param(ParamSpec.number("value", u, lo, hi, def).smoothed(20)
                .describe("the knob's value, from min to max"));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int frames) {
        float[] y = out.buffer();
        if (value.steady()) {
            float v = (float) value.value();
            for (int i = 0; i < frames; i++) y[i] = v;
        } else {
            for (int i = 0; i < frames; i++) y[i] = (float) value.next();
        }
    }
}
