package dev.conch.engine.runtime;

/**
 * The control source the compiler puts behind an automated param: it plays the param's {@link AutomationCurve}
 * as a control stream, one value per firing of the node it drives. The time of firing {@code k} is
 * {@code k × secondsPerFiring} from a counter, so the stream is the same at any block size.
 */
@ProcessorInfo(name = "Automation", category = "Internal", description = "Plays a param's automation timeline.")
public final class AutomationSource extends Processor {
    private final Output out = controlOut("out", "the automated value");
    private final AutomationCurve curve;
    private double secondsPerFiring;
    private long firings;

    /** The registry's describe pass only. */
    public AutomationSource() {
        this(new AutomationCurve(java.util.List.of(), 0));
    }

    public AutomationSource(AutomationCurve curve) {
        this.curve = curve;
    }

    public Output output() {
        return out;
    }

    @Override
    public void prepare(ProcessContext ctx) {
        secondsPerFiring = ctx.secondsPerFiring(); // a firing of the node it drives: a sample, or a hop
    }

    /** At the timeline's start again (a network rendered again plays its automation from the top). */
    @Override
    public void reset() {
        firings = 0;
        curve.rewind();
    }

    @Override
    public void process(int count) {
        float[] y = out.buffer();
        for (int i = 0; i < count; i++) y[i] = (float) curve.next((firings + i) * secondsPerFiring);
        firings += count;
    }
}
