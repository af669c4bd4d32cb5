package dev.conch.processors.time;

import dev.conch.engine.runtime.FeedbackBreaker;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;

import java.util.Arrays;

/**
 * A feedback delay line: with d = time · sr / 1000 samples (at least 1, at most maxtime), per sample
 * delayed = line(now - d) by linear interpolation between the two neighbouring samples,
 * y = dry · x + wet · delayed, and x + feedback · delayed is written into the line.
 *
 * <p>As a {@link FeedbackBreaker} it can close a feedback cycle: {@link #emit} writes wet · delayed from samples
 * already absorbed (the delay is then held at the loop's lead or more, a constant of the compiled network, so it
 * never reads a sample the loop has not computed yet, whatever the block size), and {@link #absorb} writes the
 * loop's input plus feedback into the line. Both count samples from the start, so the loop's other nodes may make
 * emit run ahead of absorb (an STFT chain works a hop at a time). Every param is read in emit. With dry = 0 and a
 * delay of at least the lead this gives exactly what {@link #process} gives.
 */
@ProcessorInfo(name = "Delay", category = "Time",
        description = "Delay line with feedback; can close a feedback loop (its delay must outlast the loop's lead).")
public final class Delay extends Processor implements FeedbackBreaker {
    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "dry plus delayed signal");
    private final Param time = param(ParamSpec.number("time", "ms", 0, 60000, 250).perSample().smoothed(50)
            .describe("delay time (at least one sample, at most maxtime)"));
    private final Param maxtime = param(ParamSpec.number("maxtime", "ms", 1, 60000, 2000).asStructural()
            .describe("longest delay the line can hold (memory: maxtime at the sample rate)"));
    private final Param feedback = param(ParamSpec.number("feedback", "", 0, 0.99, 0).perSample().smoothed(20)
            .describe("part of the delayed signal fed back into the line"));
    private final Param dry = param(ParamSpec.number("dry", "", 0, 1, 0).perSample().smoothed(20)
            .describe("level of the input in the output (must be 0 inside a feedback loop)"));
    private final Param wet = param(ParamSpec.number("wet", "", 0, 1, 1).perSample().smoothed(20)
            .describe("level of the delayed signal in the output"));

    private double sampleRate;
    private double samplesPerMs;
    private double maxDelay;
    private float[] line;
    private int mask;
    private int write;
    /** In a loop: the least delay, in samples (the most emit may run ahead of absorb); 1 off a loop. */
    private int lead = 1;
    /** Samples emitted and absorbed since the start: absorb may trail emit by up to {@code lead}. */
    private long emitted, absorbed;
    /** feedback · delayed for each emitted sample, by sample number, until absorb writes it into the line */
    private double[] pending;
    private int pendingMask;

    @Override
    protected void configure() {
        if (time.value() > maxtime.value()) {
            throw new IllegalArgumentException("time " + fmt(time.value()) + " ms is longer than maxtime "
                    + fmt(maxtime.value()) + " ms: raise maxtime or shorten time");
        }
    }

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        samplesPerMs = sampleRate / 1000;
        maxDelay = Math.max(1, maxtime.value() * samplesPerMs);
        // the line holds maxDelay + 1 past samples (interpolation neighbour) and what emit may read ahead of absorb
        int needed = (int) Math.ceil(Math.max(maxDelay, lead)) + 2 + lead + ctx.maxFirings();
        line = new float[powerOfTwoAtLeast(needed)];
        mask = line.length - 1;
        pending = new double[powerOfTwoAtLeast(lead + ctx.maxFirings())];
        pendingMask = pending.length - 1;
        reset();
    }

    @Override
    public void reset() {
        Arrays.fill(line, 0f);
        write = 0;
        emitted = 0;
        absorbed = 0;
    }

    private static int powerOfTwoAtLeast(int n) {
        return Integer.highestOneBit(Math.max(1, n - 1)) << 1;
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        for (int i = 0; i < frames; i++) {
            double delayed = read(write, delaySamples(time.next(), 1));
            double xi = x[i];
            y[i] = (float) (dry.next() * xi + wet.next() * delayed);
            store(xi + feedback.next() * delayed);
        }
    }

    /**
     * Called by the compiler before {@link #prepare}, when this node closes a loop: works from the params and the
     * given sample rate, and holds the delay at {@code lead} samples or more from then on.
     */
    @Override
    public String closeLoop(double sampleRate, int lead) {
        if (dry.value() > 0) {
            return "it mixes its dry input into the output, which a loop cannot compute: set dry to 0 and mix the dry"
                    + " signal with a Mixer";
        }
        double d = Math.max(1, Math.min(time.value(), maxtime.value()) * sampleRate / 1000);
        if ((long) d < lead) {
            return "its delay of " + fmt(time.value()) + " ms (" + fmt(Math.floor(d * 100) / 100)
                    + " samples) is shorter than the loop's lead of " + lead + " samples ("
                    + fmt(Math.ceil(lead * 1000 / sampleRate * 100) / 100) + " ms, what the loop's other nodes may"
                    + " compute ahead): raise time";
        }
        this.lead = lead;
        return null;
    }

    /** Writes wet · delayed, reading only samples absorbed already, and keeps feedback · delayed for absorb. */
    @Override
    public void emit(int frames) {
        float[] y = out.buffer();
        for (int i = 0; i < frames; i++) {
            // held at >= lead: sample e reads at most e - lead, which absorb has written (it trails by < lead)
            long e = emitted + i;
            double delayed = read((int) e & mask, delaySamples(time.next(), lead));
            pending[(int) e & pendingMask] = feedback.next() * delayed;
            dry.next();
            y[i] = (float) (wet.next() * delayed);
        }
        emitted += frames;
    }

    /** Writes the loop's input plus feedback · (what {@link #emit} read for the same sample) into the line. */
    @Override
    public void absorb(int frames) {
        float[] x = in.buffer();
        for (int i = 0; i < frames; i++) {
            store(x[i] + pending[(int) (absorbed + i) & pendingMask]);
        }
        absorbed += frames;
    }

    private double delaySamples(double ms, int least) {
        double d = ms * samplesPerMs;
        if (d > maxDelay) d = maxDelay;
        return d < least ? least : d;
    }

    /** The line's value {@code d} samples before position {@code at} (at least 1), linearly interpolated. */
    private double read(int at, double d) {
        int whole = (int) d;
        double frac = d - whole;
        float a = line[(at - whole) & mask];
        float b = line[(at - whole - 1) & mask];
        return a + frac * (b - a);
    }

    private void store(double v) {
        line[write] = Dsp.flush((float) v); // a decaying feedback tail
        write = (write + 1) & mask;
    }

    private static String fmt(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return Double.toString(v);
    }
}
