package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopAnalysisTest {
    private static Net ramp() {
        return new Net().node("ramp", "TestRamp").node("out", "AudioOutput", "channels", "1");
    }

    private static LoopAnalysis.Loops loops(Net net, List<Problem> problems) {
        Findings f = new Findings();
        LoopAnalysis.Loops loops = LoopAnalysis.find(Passes.bind(net.spec()), f);
        problems.addAll(f.problems());
        return loops;
    }

    @Test
    void theDelayBreaksATwoNodeCycleThoughTheSumComesFirst() {
        List<Problem> problems = new java.util.ArrayList<>();
        LoopAnalysis.Loops l = loops(ramp().node("s", "TestSum").node("d", "TestLoopDelay")
                .connect("ramp.out", "s.a").connect("s.out", "d.in").connect("d.out", "s.b").connect("s.out", "out.in1"),
                problems);
        assertEquals(List.of(), problems);
        assertEquals(Set.of("d"), l.split());
        assertEquals(List.of(Set.of("s", "d")), l.cycles());
    }

    @Test
    void everyDelayOnALoopIsSplit() {
        List<Problem> problems = new java.util.ArrayList<>();
        LoopAnalysis.Loops l = loops(ramp().node("s", "TestSum").node("d1", "TestLoopDelay").node("d2", "TestLoopDelay")
                .connect("ramp.out", "s.a").connect("s.out", "d1.in").connect("d1.out", "d2.in")
                .connect("d2.out", "s.b").connect("s.out", "out.in1"), problems);
        assertEquals(List.of(), problems);
        assertEquals(Set.of("d1", "d2"), l.split());
    }

    @Test
    void aNetworkWithoutLoopsSplitsNothing() {
        LoopAnalysis.Loops l = loops(ramp().connect("ramp.out", "out.in1"), new java.util.ArrayList<>());
        assertEquals(Set.of(), l.split());
        assertEquals(List.of(), l.cycles());
    }

    @Test
    void aLoopInsideALoopThatAvoidsTheDelayIsOneProblemNamingItsCycle() {
        // s1 <-> s2 has no delay; s2 -> d -> s2 has one; together they are one strongly connected set holding d
        List<Problem> problems = new java.util.ArrayList<>();
        loops(ramp().node("s1", "TestSum").node("s2", "TestSum").node("d", "TestLoopDelay")
                .connect("ramp.out", "s1.a").connect("s1.out", "s2.a").connect("s2.out", "s1.b")
                .connect("s2.out", "d.in").connect("d.out", "s2.b").connect("s2.out", "out.in1"), problems);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("s1", problems.get(0).node());
        assertEquals("feedback loop without a delay: s1 -> s2 -> s1; a loop must pass through a node that delays by"
                + " at least one block (a Delay)", problems.get(0).message());
    }
}
