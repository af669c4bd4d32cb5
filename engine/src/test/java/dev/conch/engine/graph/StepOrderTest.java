package dev.conch.engine.graph;

import dev.conch.engine.runtime.Schedule;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StepOrderTest {
    @Test
    void aLoopDelayEmitsBeforeTheLoopAndAbsorbsAfterIt() {
        StepOrder o = Passes.analyse(new Net().node("ramp", "TestRamp").node("s", "TestSum").node("d", "TestLoopDelay")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "s.a").connect("s.out", "d.in")
                .connect("d.out", "s.b").connect("s.out", "out.in1").spec()).steps();
        List<Step> steps = o.steps();
        assertEquals(List.of("ramp", "d", "s", "d", "out"), steps.stream().map(Step::node).toList());
        assertEquals(List.of(Schedule.Kind.PROCESS, Schedule.Kind.EMIT, Schedule.Kind.PROCESS, Schedule.Kind.ABSORB,
                Schedule.Kind.PROCESS), steps.stream().map(Step::kind).toList());
        assertSame(steps.get(1), o.producer("d"));
        assertSame(steps.get(3), o.consumer("d"));
        assertSame(steps.get(2), o.producer("s"));
        assertSame(o.producer("s"), o.consumer("s"));
    }

    @Test
    void stepsReadyTogetherRunInFileOrderAndEveryStepAfterWhatItReads() {
        // written consumer first: the order still puts each source before its reader, the sources in file order
        StepOrder o = Passes.analyse(new Net().node("out", "AudioOutput", "channels", "2").node("s", "TestSum")
                .node("b", "TestRamp").node("a", "TestRamp")
                .connect("b.out", "s.a").connect("a.out", "s.b").connect("s.out", "out.in1").connect("a.out", "out.in2")
                .spec()).steps();
        assertEquals(List.of("b", "a", "s", "out"), o.steps().stream().map(Step::name).toList());
    }
}
