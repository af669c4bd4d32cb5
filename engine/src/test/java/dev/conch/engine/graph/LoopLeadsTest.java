package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lead each loop's delay must cover, worked out by hand from its definition (see {@link LoopLeads}). */
class LoopLeadsTest {
    private static List<Problem> close(Net net, int segment) {
        Passes.Analysed a = Passes.analyse(net.spec());
        BufferPlan buffers = BufferPlan.plan(a.bound(), a.steps(), a.rates(), segment);
        LoopLeads.close(a.bound(), a.loops(), a.rates(), buffers, 48000, a.findings());
        return a.findings().problems();
    }

    private static Net evenLoop(int delay) {
        return new Net().node("ramp", "TestRamp").node("s", "TestSum").node("d", "TestLoopDelay", "samples", "" + delay)
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "s.a").connect("s.out", "d.in")
                .connect("d.out", "s.b").connect("s.out", "out.in1");
    }

    @Test
    void aLoopMovingOneTokenPerFrameLeadsByOneSegment() {
        assertEquals(List.of(), close(evenLoop(64), 64));
        assertEquals(List.of("closes a feedback loop, but its delay of 63 samples is shorter than the loop's lead (64 samples)"),
                close(evenLoop(63), 64).stream().map(Problem::message).toList());
        assertEquals(List.of("closes a feedback loop, but its delay of 99 samples is shorter than the loop's lead (100 samples)"),
                close(evenLoop(99), 100).stream().map(Problem::message).toList());
    }

    @Test
    void aLoopThroughMultiRateNodesAddsWhatItsStreamsMayCarryOver() {
        // s -> up (3:5) -> down (5:3) -> d -> s. Per 64-frame segment, from the output back: out 64; d's absorb 64;
        // down feeds d 3 per firing, ceil(64 / 3) = 22; up feeds down 5 per firing, 22; s feeds up 3 per firing
        // and out 1, 66; so d's emit, which s reads, 66 too. Every node on the loop is upstream of a multi-rate
        // port, so each loop stream may carry over a segment of its producer, in network samples: s 66, up 22 x 3,
        // down 22 x 3, d 66; plus d's own 66 firings: 330.
        assertEquals(List.of(), close(multiRateLoop(330), 64));
        assertEquals(List.of("closes a feedback loop, but its delay of 329 samples is shorter than the loop's lead (330 samples)"),
                close(multiRateLoop(329), 64).stream().map(Problem::message).toList());
    }

    private static Net multiRateLoop(int delay) {
        return new Net().node("ramp", "TestRamp").node("s", "TestSum").node("up", "TestThreeToFive")
                .node("down", "TestFiveToThree").node("d", "TestLoopDelay", "samples", "" + delay)
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "s.a").connect("s.out", "up.in")
                .connect("up.out", "down.in").connect("down.out", "d.in").connect("d.out", "s.b").connect("s.out", "out.in1");
    }
}
