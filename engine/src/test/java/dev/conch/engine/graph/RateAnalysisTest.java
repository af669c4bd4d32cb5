package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Firing rates from the balance equations, worked out by hand for each network. */
class RateAnalysisTest {
    private record Solved(BoundGraph g, RateAnalysis.Rates rates, Findings findings) {
        Rational of(String id) {
            return rates.of(g.processor(id));
        }
    }

    private static Solved solve(Net net) {
        BoundGraph g = Passes.bind(net.spec());
        Findings f = new Findings();
        return new Solved(g, RateAnalysis.solve(g, f), f);
    }

    @Test
    void aChainOfTwoThreeToOneDecimatorsFiresThreeAndNineTimesPerFrameUpstream() {
        Solved s = solve(new Net().node("ramp", "TestRamp").node("d1", "TestThreeToOne").node("d2", "TestThreeToOne")
                .node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "d1.in").connect("d1.out", "d2.in").connect("d2.out", "out.in1"));
        assertEquals(List.of(), s.findings().problems());
        assertEquals(new Rational(1, 1), s.of("out"));
        assertEquals(new Rational(1, 1), s.of("d2"));
        assertEquals(new Rational(3, 1), s.of("d1"));
        assertEquals(new Rational(9, 1), s.of("ramp"));
    }

    @Test
    void threeToFiveFiresAFifthAndItsSourceThreeFifths() {
        Solved s = solve(new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "up.in").connect("up.out", "out.in1"));
        assertEquals(new Rational(1, 5), s.of("up"));
        assertEquals(new Rational(3, 5), s.of("ramp"));
    }

    @Test
    void aControlRunsAtTheFastestRateItDrivesAndASlowerParamTakesEveryKthValue() {
        // c drives fast.scale (fast fires 3 times per frame, behind a 3:1) and slow.scale (once per frame)
        Solved s = solve(new Net().node("fast", "TestRamp").node("d", "TestThreeToOne").node("slow", "TestRamp")
                .node("s", "TestSum").node("c", "TestControlRamp").node("out", "AudioOutput", "channels", "1")
                .connect("fast.out", "d.in").connect("d.out", "s.a").connect("slow.out", "s.b").connect("s.out", "out.in1")
                .control("c.out", "fast.scale").control("c.out", "slow.scale"));
        assertEquals(List.of(), s.findings().problems());
        assertEquals(new Rational(3, 1), s.of("c"));
        List<ControlLink> drives = s.g().controlsFrom("c");
        assertEquals(1, s.rates().stride(drives.get(0), s.g()), "fast takes every value");
        assertEquals(3, s.rates().stride(drives.get(1), s.g()), "slow takes every third");
    }

    @Test
    void pathsThatDisagreeAreOneProblemNotOnePerNodeDownstream() {
        // ramp feeds the output directly (1 per frame) and through a 3:1 (3 per frame)
        Solved s = solve(new Net().node("ramp", "TestRamp").node("d", "TestThreeToOne").node("s", "TestSum")
                .node("out", "AudioOutput", "channels", "2").connect("ramp.out", "d.in").connect("d.out", "s.a")
                .connect("ramp.out", "s.b").connect("s.out", "out.in1").connect("ramp.out", "out.in2"));
        List<Problem> ps = s.findings().problems();
        assertEquals(1, ps.size(), ps.toString());
        assertTrue(ps.get(0).message().startsWith("the token rates of the paths through this node do not agree: "
                + "one path needs it to fire "), ps.get(0).describe());
    }

    @Test
    void aNodeNothingHearsRunsOncePerFrameAndIsWarnedOf() {
        Solved s = solve(new Net().node("ramp", "TestRamp").node("lost", "TestRamp").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "out.in1"));
        assertEquals(List.of(), s.findings().problems());
        assertEquals(new Rational(1, 1), s.of("lost"));
        List<Problem> w = s.findings().warnings();
        assertEquals(1, w.size(), w.toString());
        assertEquals("lost", w.get(0).node());
        assertEquals("reaches no output or file writer: it runs (a monitor can show it) but is not heard", w.get(0).message());
    }
}
