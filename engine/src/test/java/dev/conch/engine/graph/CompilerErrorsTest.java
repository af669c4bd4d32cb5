package dev.conch.engine.graph;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per class of network error: each must name the right line, node and port, in words. */
class CompilerErrorsTest {

    private static List<Problem> problems(NetworkSpec spec) {
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(spec, TestProcessors.registry(), 256));
        return e.problems();
    }

    private static Problem only(NetworkSpec spec) {
        List<Problem> ps = problems(spec);
        assertEquals(1, ps.size(), ps.toString());
        return ps.get(0);
    }

    private static void assertProblem(Problem p, int line, String node, String port, String... words) {
        assertEquals(line, p.location().line(), p.describe());
        assertEquals(node, p.node(), p.describe());
        assertEquals(port, p.port(), p.describe());
        for (String w : words) assertTrue(p.message().contains(w), "'" + w + "' missing from: " + p.describe());
    }

    private static Net ramp() {
        return new Net().node("ramp", "TestRamp").node("out", "AudioOutput", "channels", "1");
    }

    @Test
    void unknownTypeSuggestsTheNearestName() {
        Problem p = only(new Net().node("r", "TestRmap").spec());
        assertProblem(p, 1, "r", null, "unknown processor type 'TestRmap'", "did you mean 'TestRamp'");
    }

    @Test
    void unknownParam() {
        Problem p = only(ramp().node("x", "TestRamp", "scael", "2").spec());
        assertProblem(p, 3, "x", "scael", "no parameter 'scael'", "did you mean 'scale'");
    }

    @Test
    void valueOutOfRange() {
        Problem p = only(ramp().node("x", "TestRamp", "scale", "1e9").spec());
        assertProblem(p, 3, "x", "scale", "out of range", "-1000000 to 1000000");
        assertEquals(20, p.location().column(), "the param's own position, not the node's");
    }

    @Test
    void valueOfTheWrongType() {
        Problem p = only(ramp().node("x", "TestRamp", "scale", "loud").spec());
        assertProblem(p, 3, "x", "scale", "'loud' is not a number");
        Problem q = only(ramp().node("y", "TestLatent", "samples", "2.5").connect("ramp.out", "y.in")
                .connect("y.out", "out.in1").spec());
        assertProblem(q, 3, "y", "samples", "not a whole number");
    }

    @Test
    void duplicateId() {
        Problem p = only(ramp().node("ramp", "TestRamp").spec());
        assertProblem(p, 3, "ramp", null, "used twice", "first at line 1");
    }

    @Test
    void everyRepeatOfAnIdIsReportedEvenWhenTheNodesAreAlike() {
        // the repeats are equal records (locations aside): each is still its own node with its own problem
        List<Problem> ps = problems(ramp().node("ramp", "TestRamp").node("ramp", "TestRamp").spec());
        assertEquals(2, ps.size(), ps.toString());
        assertProblem(ps.get(0), 3, "ramp", null, "used twice");
        assertProblem(ps.get(1), 4, "ramp", null, "used twice");
    }

    @Test
    void connectionToAMissingNode() {
        List<Problem> both = problems(ramp().connect("ramp.out", "out.in1").connect("rmp.out", "nowhere.in").spec());
        assertEquals(2, both.size(), both.toString());
        assertProblem(both.get(0), 4, "rmp", null, "'from' names node 'rmp'", "not in this network", "did you mean 'ramp'");
        assertProblem(both.get(1), 4, "nowhere", null, "'to' names node 'nowhere'");
    }

    @Test
    void connectionToAMissingPortListsTheRealOnes() {
        Problem p = only(ramp().connect("ramp.output", "out.in1").spec());
        assertProblem(p, 3, "ramp", "output", "has no output 'output'", "outputs are: out");
    }

    @Test
    void connectionFromAnInput() {
        Problem p = only(ramp().node("s", "TestSum").connect("ramp.out", "s.a").connect("s.a", "out.in1").spec());
        assertProblem(p, 5, "s", "a", "is an input", "from an output to an input");
    }

    @Test
    void portKindsMustMatch() {
        Problem p = only(ramp().node("c", "TestControlRamp").node("s", "TestSum").connect("ramp.out", "s.a")
                .connect("c.out", "s.b").connect("s.out", "out.in1").spec());
        assertProblem(p, 6, "s", "b", "control", "audio", "same kind");
    }

    @Test
    void anInputTakesOneSource() {
        Problem p = only(ramp().node("r2", "TestRamp").connect("ramp.out", "out.in1").connect("r2.out", "out.in1").spec());
        assertProblem(p, 5, "out", "in1", "already has a source", "ramp.out", "Mixer");
    }

    @Test
    void unconnectedRequiredInput() {
        Problem p = only(ramp().node("s", "TestSum").connect("ramp.out", "out.in1").spec());
        assertProblem(p, 3, "s", "a", "nothing is connected", "'a'");
    }

    @Test
    void cycleWithoutDelayNamesItsNodes() {
        Problem p = only(ramp().node("s1", "TestSum").node("s2", "TestSum")
                .connect("ramp.out", "s1.a").connect("s1.out", "s2.a").connect("s2.out", "s1.b")
                .connect("s2.out", "out.in1").spec());
        assertTrue(p.message().contains("feedback loop without a delay"), p.describe());
        assertTrue(p.message().contains("s1 -> s2 -> s1"), p.describe());
        assertEquals("s1", p.node());
    }

    @Test
    void loopDelayShorterThanTheLoopsLeadIsRefused() {
        // a loop runs in segments of 64 frames whatever the block, and this loop moves one token per frame
        // everywhere, so its delay's emit runs at most one segment ahead of its absorb
        Problem p = only(ramp().node("s", "TestSum").node("d", "TestLoopDelay", "samples", "63")
                .connect("ramp.out", "s.a").connect("s.out", "d.in").connect("d.out", "s.b").connect("s.out", "out.in1").spec());
        assertProblem(p, 4, "d", null, "closes a feedback loop", "shorter than the loop's lead (64 samples)");
    }

    @Test
    void controlConnectionProblems() {
        List<Problem> ps = problems(ramp().node("c", "TestControlRamp").node("l", "TestLatent")
                .connect("ramp.out", "l.in").connect("l.out", "out.in1")
                .control("ramp.out", "l.samples")       // audio source
                .control("c.out", "l.samples")          // structural param
                .control("c.out", "ramp.scael").spec()); // no such param
        assertEquals(3, ps.size(), ps.toString());
        assertTrue(ps.get(0).message().contains("only be driven by a control output"), ps.get(0).describe());
        assertTrue(ps.get(1).message().contains("fixed when the network is compiled"), ps.get(1).describe());
        assertTrue(ps.get(2).message().contains("did you mean 'scale'"), ps.get(2).describe());
    }

    @Test
    void multiRateImbalanceIsRefused() {
        // ramp feeds the output directly and through 3:5 into a Sum: the two paths disagree about ramp's rate
        Problem p = only(new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive").node("s", "TestSum")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "up.in").connect("up.out", "s.a")
                .connect("ramp.out", "s.b").connect("s.out", "out.in1").spec());
        assertTrue(p.message().contains("token rates"), p.describe());
    }

    @Test
    void twoOutputsAreRefused() {
        Problem p = only(ramp().node("out2", "AudioOutput").spec());
        assertProblem(p, 3, "out2", null, "a network has at most one AudioOutput, and node 'out' is one; give that one "
                + "more channels instead");
    }

    @Test
    void twoInputsAreRefused() {
        Problem p = only(ramp().node("in", "AudioInput").node("in2", "AudioInput").spec());
        assertProblem(p, 4, "in2", null, "a network has at most one AudioInput, and node 'in' is one; give that one "
                + "more channels instead");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<Problem> ps = problems(new Net().node("a", "Nope").node("b", "TestRamp", "scale", "x")
                .node("b", "TestRamp").node("out", "AudioOutput").connect("b.out", "out.in9").spec());
        assertEquals(4, ps.size(), ps.toString());
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(new Net().node("a", "Nope").spec(), TestProcessors.registry(), 64));
        assertTrue(e.getMessage().contains("test:1:3: node 'a'"), e.getMessage());
    }

    @Test
    void unreachableNodeIsAWarningNotAnError() throws NetworkException {
        CompiledNetwork net = NetworkCompiler.compile(ramp().node("idle", "TestRamp").connect("ramp.out", "out.in1").spec(),
                TestProcessors.registry(), 64);
        assertEquals(1, net.warnings().size());
        assertEquals("idle", net.warnings().get(0).node());
    }

    @Test
    void nodeIdsMayContainDotsButNotSpaces() throws NetworkException {
        NetworkCompiler.compile(new Net().node("tap.left", "TestRamp").node("out", "AudioOutput", "channels", "1")
                .connect("tap.left.out", "out.in1").spec(), TestProcessors.registry(), 64);
        Problem p = only(new Net().node("my osc", "TestRamp").spec());
        assertProblem(p, 1, "my osc", null, "no spaces");
    }
}
