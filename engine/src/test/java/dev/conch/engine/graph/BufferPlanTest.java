package dev.conch.engine.graph;

import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Most firings per segment, worked out by hand from the sinks back. */
class BufferPlanTest {
    private static int firings(Passes.Analysed a, BufferPlan b, String id) {
        return b.maxFirings(a.bound().processor(id));
    }

    @Test
    void aChainOfTwoThreeToOneDecimatorsAsksNineSegmentsOfItsSource() {
        Passes.Analysed a = Passes.analyse(new Net().node("ramp", "TestRamp").node("d1", "TestThreeToOne")
                .node("d2", "TestThreeToOne").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "d1.in").connect("d1.out", "d2.in").connect("d2.out", "out.in1").spec());
        BufferPlan b = BufferPlan.plan(a.bound(), a.steps(), a.rates(), 64);
        assertEquals(64, firings(a, b, "out"));
        assertEquals(64, firings(a, b, "d2"));
        assertEquals(192, firings(a, b, "d1"));
        assertEquals(576, firings(a, b, "ramp"));
        // a stream holds at least one segment's production, so no firing ever waits for room
        assertTrue(b.capacity(a.bound().processor("ramp").outputs().get(0)) >= 576);
    }

    @Test
    void aBranchNothingReadsFiresByItsOwnRate() {
        // up (3:5) has no reader: it runs at its rate, a third per frame, so ceil(64 / 3) = 22 firings, 66 tokens in
        Passes.Analysed a = Passes.analyse(new Net().node("ramp", "TestRamp").node("src", "TestRamp")
                .node("up", "TestThreeToFive").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "out.in1").connect("src.out", "up.in").spec());
        BufferPlan b = BufferPlan.plan(a.bound(), a.steps(), a.rates(), 64);
        assertEquals(22, firings(a, b, "up"));
        assertEquals(66, firings(a, b, "src"));
        assertEquals(64, firings(a, b, "ramp"));
    }

    @Test
    void aCompensationDelayFiresAsOftenAsTheNodeItFeeds() {
        Passes.Analysed a = Passes.analyse(new Net().node("ramp", "TestRamp").node("late", "TestLatent", "samples", "5")
                .node("s", "TestSum").node("out", "AudioOutput", "channels", "1").connect("ramp.out", "late.in")
                .connect("late.out", "s.a").connect("ramp.out", "s.b").connect("s.out", "out.in1").spec());
        BufferPlan b = BufferPlan.plan(a.bound(), a.steps(), a.rates(), 100);
        Link early = a.bound().linksInto("s").get(1);
        assertEquals(100, b.compensationFirings(early));
        assertTrue(b.compensationCapacity(early) >= 100);
    }
}
