package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyPlanTest {
    private static LatencyPlan plan(Passes.Analysed a) {
        return LatencyPlan.plan(a.bound(), a.steps(), a.rates(), a.findings());
    }

    private static Link link(BoundGraph g, String description) {
        return g.links().stream().filter(l -> l.describe().equals(description)).findFirst().orElseThrow();
    }

    @Test
    void twoBranchesOf30And100SamplesMeetWithThe30BranchDelayed70() {
        Passes.Analysed a = Passes.analyse(new Net().node("ramp", "TestRamp").node("short", "TestLatent", "samples", "30")
                .node("long", "TestLatent", "samples", "100").node("s", "TestSum").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "short.in").connect("ramp.out", "long.in").connect("short.out", "s.a")
                .connect("long.out", "s.b").connect("s.out", "out.in1").spec());
        LatencyPlan p = plan(a);
        assertEquals(70, p.padding(link(a.bound(), "short.out -> s.a")));
        assertEquals(0, p.padding(link(a.bound(), "long.out -> s.b")));
        assertEquals(0, p.padding(link(a.bound(), "ramp.out -> short.in")));
        assertEquals(List.of("short.out -> s.a: 70 samples"), p.compensations());
        assertEquals(Map.of("ramp", 0, "short", 30, "long", 100, "s", 100, "out", 100), p.nodeLatency());
        assertEquals(100, p.total());
        assertEquals(List.of(), a.findings().warnings());
    }

    @Test
    void aLoopDelaysEmitStartsAFreshPath() {
        // the Latent inside the loop adds 10 to s's input through d, but what d emits was absorbed a loop earlier
        Passes.Analysed a = Passes.analyse(new Net().node("ramp", "TestRamp").node("s", "TestSum")
                .node("late", "TestLatent", "samples", "10").node("d", "TestLoopDelay", "samples", "200")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "s.a").connect("s.out", "late.in")
                .connect("late.out", "d.in").connect("d.out", "s.b").connect("s.out", "out.in1").spec());
        LatencyPlan p = plan(a);
        assertEquals(List.of(), p.compensations());
        assertEquals(0, p.total());
        assertEquals(10, p.nodeLatency().get("late"));
        assertEquals(0, p.nodeLatency().get("d"));
    }

    @Test
    void anEarlyInputOnAMultiRateConnectionIsAWarningNotADelay() {
        // up (3:5) meets a 10-sample Latent at s: its 5-token firings cannot be shifted by whole samples
        Passes.Analysed a = Passes.analyse(new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive")
                .node("ramp2", "TestRamp").node("late", "TestLatent", "samples", "10").node("s", "TestSum")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "up.in").connect("up.out", "s.a")
                .connect("ramp2.out", "late.in").connect("late.out", "s.b").connect("s.out", "out.in1").spec());
        LatencyPlan p = plan(a);
        assertEquals(List.of(), p.compensations());
        List<Problem> w = a.findings().warnings();
        assertEquals(1, w.size(), w.toString());
        assertEquals("arrives 10 samples earlier than the other inputs and cannot be aligned on a multi-rate connection",
                w.get(0).message());
        assertEquals("s", w.get(0).node());
        assertEquals("a", w.get(0).port());
    }
}
