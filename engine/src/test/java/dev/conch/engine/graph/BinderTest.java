package dev.conch.engine.graph;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binder's graph: each node's neighbours, in file order, without scanning; automation sources known as such. */
class BinderTest {
    private static List<String> described(List<Link> links) {
        return links.stream().map(Link::describe).toList();
    }

    /** ramp feeds a Latent and a Sum; the Sum's inputs are written b before a. */
    private static final NetworkSpec DIAMOND = new Net().node("ramp", "TestRamp").node("late", "TestLatent")
            .node("s", "TestSum").node("c", "TestControlRamp").node("out", "AudioOutput", "channels", "1")
            .connect("ramp.out", "late.in").connect("ramp.out", "s.b").connect("late.out", "s.a")
            .connect("s.out", "out.in1").control("c.out", "ramp.scale").spec();

    @Test
    void eachNodeKnowsItsLinksInAndOutInFileOrder() {
        BoundGraph g = Passes.bind(DIAMOND);
        assertEquals(List.of("ramp.out -> late.in", "ramp.out -> s.b"), described(g.linksFrom("ramp")));
        assertEquals(List.of("ramp.out -> s.b", "late.out -> s.a"), described(g.linksInto("s")));
        assertEquals(List.of("ramp.out -> s.b", "late.out -> s.a", "s.out -> out.in1"), described(g.linksTouching("s")));
        assertEquals(List.of(), g.linksInto("ramp"));
        assertEquals(List.of(), g.linksFrom("out"));
        assertEquals(1, g.controlsFrom("c").size());
        assertSame(g.controlsFrom("c").get(0), g.controlsInto("ramp").get(0));
        assertEquals("scale", g.controlsInto("ramp").get(0).to().name());
        assertSame(g.processor("ramp").param("scale"), g.controlsInto("ramp").get(0).to(), "bound to the param itself");
        assertEquals(List.of("ramp", "late", "s", "c", "out"), List.copyOf(g.processors().keySet()));
    }

    @Test
    void aLoopOfOneNodeTouchesItOnce() {
        BoundGraph g = Passes.bind(new Net().node("ramp", "TestRamp").node("d", "TestLoopDelay")
                .node("out", "AudioOutput", "channels", "1").connect("d.out", "d.in").connect("ramp.out", "out.in1").spec());
        assertEquals(List.of("d.out -> d.in"), described(g.linksTouching("d")));
    }

    @Test
    void anAutomationTimelineBecomesAControlSourceTheGraphKnows() {
        Location at = new Location(7, 5);
        NetworkSpec spec = new Net().node("ramp", "TestRamp").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "out.in1").spec()
                .withAutomation("ramp", new Automation("scale", List.of(AutomationEvent.linear(3, 0.5)), at));
        BoundGraph g = Passes.bind(spec);
        ControlLink drive = g.controlsInto("ramp").get(0);
        assertTrue(g.isAutomation(drive.fromNode()));
        assertFalse(g.isAutomation("ramp"));
        assertFalse(g.isAutomation("out"));
        assertEquals(at, g.location(drive.fromNode()), "reported where the timeline is written");
        assertEquals(3, g.processors().size(), "the source runs like a node, after the file's nodes");
    }

    @Test
    void theGraphCannotBeChanged() {
        BoundGraph g = Passes.bind(DIAMOND);
        assertThrows(UnsupportedOperationException.class, () -> g.processors().remove("ramp"));
        assertThrows(UnsupportedOperationException.class, () -> g.links().clear());
        assertThrows(UnsupportedOperationException.class, () -> g.linksInto("s").clear());
        assertThrows(UnsupportedOperationException.class, () -> g.controlsFrom("c").clear());
    }
}
