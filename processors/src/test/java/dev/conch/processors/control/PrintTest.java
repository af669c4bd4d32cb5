package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Print: the lines it prints, against lines made in the test from the definition (a line when a control changes, at
 * most one per {@code every}, with the latest values and the time of the sample), at several block sizes; exact
 * times past 2^24 samples; nothing printed unless opened, and every line printed by the time close returns.
 */
class PrintTest {
    private static final double SR = 1000; // one sample per millisecond: times are easy to read

    /**
     * The printed lines for {@code frames} samples of two controls given per sample, each change applied at its
     * sample, in blocks of at most {@code block}.
     */
    private static List<String> print(IntToDoubleFunction a, IntToDoubleFunction b, int frames, int block, String every) {
        ProcessorHarness h = ProcessorHarness.create(Print.class, Map.of("label", "p", "inputs", "2", "every", every), SR, block);
        Print print = (Print) h.processor();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        print.printTo(lines::add);
        print.open();
        for (int done = 0; done < frames; ) {
            // as the engine cuts a callback where a timed change is due: a run of equal values, at most a block long
            double va = a.applyAsDouble(done), vb = b.applyAsDouble(done);
            h.set("in1", va);
            h.set("in2", vb);
            int n = 1;
            while (n < block && done + n < frames && a.applyAsDouble(done + n) == va && b.applyAsDouble(done + n) == vb) n++;
            h.process(n);
            done += n;
        }
        print.close();
        return lines;
    }

    /** What the definition says: a line at each change, no sooner than {@code hold} samples after the last. */
    private static List<String> expected(IntToDoubleFunction a, IntToDoubleFunction b, int frames, int hold) {
        List<String> lines = new ArrayList<>();
        double la = Double.NaN, lb = Double.NaN;
        boolean changed = false;
        int next = 0;
        for (int t = 0; t < frames; t++) {
            double va = (float) a.applyAsDouble(t), vb = (float) b.applyAsDouble(t);
            if (va != la || vb != lb) changed = true;
            la = va;
            lb = vb;
            if (changed && t >= next) {
                lines.add(String.format(Locale.ROOT, "%.3f s  p: %s, %s", t / SR, Print.value((float) la), Print.value((float) lb)));
                changed = false;
                next = t + hold;
            }
        }
        return lines;
    }

    @Test
    void aLineAtEachChangeWithAllTheValuesAtAnyBlockSize() {
        IntToDoubleFunction step = t -> (t / 97) % 3; // 0, 1, 2, 0, ... changing every 97 ms
        IntToDoubleFunction slow = t -> t < 500 ? -0.25 : 1.5;
        List<String> want = expected(step, slow, 2000, 10);
        assertEquals("0.000 s  p: 0, -0.25", want.get(0));
        assertEquals("0.097 s  p: 1, -0.25", want.get(1));
        assertTrue(want.contains("0.500 s  p: 2, 1.5"), want::toString);
        assertEquals(2000 / 97 + 2, want.size(), "a line at 0, at each of the 20 steps and at 500 ms: " + want);
        for (int block : new int[] {1, 7, 64, 1000}) assertEquals(want, print(step, slow, 2000, block, "10"), "block " + block);
    }

    @Test
    void aControlMovingFasterThanEveryPrintsAtThatPaceItsLatestValue() {
        IntToDoubleFunction ramp = t -> t; // a new value every sample
        IntToDoubleFunction still = t -> 3;
        List<String> got = print(ramp, still, 1000, 64, "25");
        assertEquals(expected(ramp, still, 1000, 25), got);
        assertEquals(40, got.size(), "one line per 25 ms over a second");
        assertEquals("0.025 s  p: 25, 3", got.get(1), "the value at the line's own sample");
    }

    @Test
    void timesStayExactPastTwoToThe24Samples() {
        int block = 4096;
        ProcessorHarness h = ProcessorHarness.create(Print.class, Map.of("label", "late"), 48000, block);
        Print print = (Print) h.processor();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        print.printTo(lines::add);
        print.open();
        long change = (1L << 24) + 4096L * 7; // a block boundary past what one float counts exactly
        for (long done = 0; done < change; done += block) h.process(block);
        h.set("in1", 1);
        h.process(block);
        print.close();
        assertEquals(List.of("0.000 s  late: 0", String.format(Locale.ROOT, "%.3f s  late: 1", change / 48000.0)), lines);
    }

    @Test
    void printsNothingUnlessOpenedAndEverythingByTheTimeCloseReturns() throws InterruptedException {
        ProcessorHarness h = ProcessorHarness.create(Print.class, Map.of(), SR, 64);
        Print print = (Print) h.processor();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        print.printTo(lines::add);
        h.process(64); // validate and bench never open it
        assertTrue(lines.isEmpty(), lines::toString);
        print.open();
        for (int i = 0; i < 5000; i++) {
            h.set("in1", i);
            print.awaitCapacity(); // as an offline render waits between callbacks: 5000 lines overflow the ring else
            h.process(64); // each block a new value, 64 ms apart: every one is a line
        }
        print.close();
        assertEquals(5000, lines.size());
        assertEquals("319.936 s  print: 4999", lines.get(4999));
    }
}
