package dev.conch.engine.graph;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Schedule;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ScheduleAssemblerTest {
    /** ramp reaches s through a 30-sample and a 100-sample Latent. */
    private static final NetworkSpec BRANCHES = new Net().node("ramp", "TestRamp")
            .node("short", "TestLatent", "samples", "30").node("long", "TestLatent", "samples", "100")
            .node("s", "TestSum").node("out", "AudioOutput", "channels", "1")
            .connect("ramp.out", "short.in").connect("ramp.out", "long.in").connect("short.out", "s.a")
            .connect("long.out", "s.b").connect("s.out", "out.in1").spec();

    @Test
    void aCompensationDelayRunsRightAfterItsProducer() {
        Passes.Analysed a = Passes.analyse(BRANCHES);
        LatencyPlan latency = LatencyPlan.plan(a.bound(), a.steps(), a.rates(), a.findings());
        BufferPlan buffers = BufferPlan.plan(a.bound(), a.steps(), a.rates(), 64);
        Schedule s = ScheduleAssembler.assemble(a.bound(), a.steps(), a.rates(), latency, buffers, 48000, 64,
                a.findings()).schedule();
        assertEquals(List.of(), a.findings().problems());
        assertEquals(List.of("ramp", "short", "short.out+70", "long", "s", "out"), s.stepNames());
    }

    @Test
    void theCompiledNetworkSaysWhatEachScheduledNodeComputes() throws Exception {
        // the automation source drives ramp, so it runs first; the compensation delay right after short
        CompiledNetwork net = NetworkCompiler.compile(BRANCHES.withAutomation("ramp",
                new Automation("scale", List.of(AutomationEvent.linear(2, 1)))), Passes.REGISTRY, 64);
        assertEquals(List.of("Automation", "TestRamp", "TestLatent", "latency compensation", "TestLatent", "TestSum",
                "AudioOutput"), net.order().stream().map(net::typeOf).toList());
        assertNull(net.typeOf("nope"));
    }

    @Test
    void theAssembledBranchesArriveAligned() throws Exception {
        // both branches carry ramp 100 samples late: out[n] = 2 (n - 100), and silence before
        float[] out = Render.channel0(BRANCHES, Passes.REGISTRY, 64, 1000);
        for (int n = 0; n < out.length; n++) assertEquals(n < 100 ? 0f : 2f * (n - 100), out[n], "frame " + n);
    }
}
