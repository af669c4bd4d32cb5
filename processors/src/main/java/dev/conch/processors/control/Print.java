package dev.conch.processors.control;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Prints its controls on the console when they change, one line with all of them and the time it happened
 * ({@code 0.012 s  counter: 1, 0, 0}), as Pd's [print] or CLAM's ControlPrinter. A control that moves faster than
 * {@code every} is printed at that pace, with its latest value; the first line is at 0 s.
 *
 * <p>The audio thread only copies a line of floats into a ring ({@link SpscAudioRing}, one frame per line: the
 * firing's index split in two exact floats, then the values); a printer thread started by {@link #open()} formats
 * and prints them, and {@link #close()} prints what is left. Live, a console that falls behind by the whole ring
 * loses lines (counted, and said at the end); an offline render waits instead ({@link #awaitCapacity()}). What is
 * printed depends only on the controls, never on the block size. A run that does not open it (validate, bench)
 * prints nothing.
 */
@ProcessorInfo(name = "Print", category = "Control",
        description = "Prints its controls on the console when they change, with the time (as Pd's print).")
public final class Print extends Processor {
    public static final int MAX_INPUTS = 16;
    private static final double LIMIT = 1e9;
    /** A firing index as two floats, each an integer below 2^24 and so exact: enough for 2^48 firings. */
    private static final int LOW_BITS = 24;

    private final Param label = param(ParamSpec.text("label", "print").describe("the word each line starts with"));
    private final Param inputs = param(ParamSpec.integer("inputs", "", 1, MAX_INPUTS, 1).asStructural()
            .describe("number of controls printed (params in1, in2, ...)"));
    private final Param every = param(ParamSpec.number("every", "ms", 1, 60000, 10).asStructural()
            .describe("least time between two lines: a control moving faster is printed at this pace, its latest value"));
    private Param[] ins;

    private double secondsPerFiring;
    private long holdFirings;
    private int linesPerCallback;
    /** Audio thread: the values last seen, whether one changed since the last line, and when the next may be. */
    private float[] last;
    private boolean changed;
    private long firing, nextLine;
    private float[][] line;
    private long lost;

    private volatile Consumer<String> sink = System.out::println;
    private SpscAudioRing ring;
    private Thread printer;
    private volatile boolean closing;

    @Override
    protected void configure() {
        int n = inputs.intValue();
        ins = new Param[n];
        for (int k = 0; k < n; k++) {
            ins[k] = param(ParamSpec.number("in" + (k + 1), "", -LIMIT, LIMIT, 0).perSample()
                    .describe("control " + (k + 1) + " (drive it with a control connection)"));
        }
    }

    /** Where the lines go (default: standard output); set before {@link #open()}, off the audio thread. */
    public void printTo(Consumer<String> lines) {
        sink = lines;
    }

    @Override
    public void prepare(ProcessContext ctx) {
        secondsPerFiring = ctx.secondsPerFiring();
        holdFirings = Math.max(1, Math.round(every.value() / 1000 / secondsPerFiring));
        linesPerCallback = (int) Math.min(Integer.MAX_VALUE / 4, Math.max(1, ctx.maxFirings()) / holdFirings + 2);
        last = new float[ins.length];
        line = new float[ins.length + 2][1];
        reset();
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(last, Float.NaN); // NaN equals nothing: the first firing prints every control
        changed = false;
        firing = 0;
        nextLine = 0;
    }

    @Override
    public void open() {
        if (printer != null) return;
        ring = new SpscAudioRing(ins.length + 2, Math.max(1024, 4 * linesPerCallback));
        lost = 0;
        closing = false;
        printer = new Thread(this::printLoop, "conch-print-" + label.text());
        printer.setDaemon(true);
        printer.start();
    }

    @Override
    public void process(int firings) {
        SpscAudioRing r = ring;
        if (r == null) return; // not opened: a validation or benchmark run prints nothing
        for (int i = 0; i < firings; i++, firing++) {
            for (int k = 0; k < ins.length; k++) {
                float v = (float) ins[k].next();
                if (v != last[k]) {
                    last[k] = v;
                    changed = true;
                }
            }
            if (changed && firing >= nextLine) {
                line[0][0] = firing >>> LOW_BITS;
                line[1][0] = firing & ((1 << LOW_BITS) - 1);
                for (int k = 0; k < ins.length; k++) line[k + 2][0] = last[k];
                if (!r.offer(line, 0, 1)) lost++; // the console is behind: the audio thread never waits for it
                changed = false;
                nextLine = firing + holdFirings;
            }
        }
    }

    @Override
    public void awaitCapacity() throws InterruptedException {
        SpscAudioRing r = ring;
        while (r != null && r.freeFrames() < linesPerCallback) {
            if (Thread.interrupted()) throw new InterruptedException();
            LockSupport.parkNanos(200_000);
        }
    }

    /** Stops the printer thread once it has printed every line queued, then says how many were lost, if any. */
    @Override
    public void close() {
        Thread t = printer;
        if (t == null) return;
        closing = true;
        LockSupport.unpark(t);
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true; // the lines already queued are printed all the same
            }
        }
        printer = null;
        ring = null;
        if (lost > 0) sink.accept(label.text() + ": " + lost + " lines not printed (the console fell behind)");
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void printLoop() {
        float[][] lines = new float[ins.length + 2][256];
        StringBuilder sb = new StringBuilder();
        while (true) {
            boolean last = closing; // read before polling: a line offered before close is polled after this
            int n = ring.poll(lines, 256);
            for (int i = 0; i < n; i++) sink.accept(format(lines, i, sb));
            if (n == 0 && last) return;
            if (n == 0) LockSupport.parkNanos(5_000_000);
        }
    }

    private String format(float[][] lines, int i, StringBuilder sb) {
        long at = ((long) lines[0][i] << LOW_BITS) | (long) lines[1][i];
        sb.setLength(0);
        sb.append(String.format(Locale.ROOT, "%.3f s  ", at * secondsPerFiring)).append(label.text()).append(':');
        for (int k = 2; k < lines.length; k++) sb.append(k == 2 ? " " : ", ").append(value(lines[k][i]));
        return sb.toString();
    }

    /** A value as people write it: 1 and -3 without a point, 0.25 as the shortest float that reads back. */
    static String value(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        return Float.toString(v);
    }
}
