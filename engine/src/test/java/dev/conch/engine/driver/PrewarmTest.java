package dev.conch.engine.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

/** The warm-up before a device starts runs long enough for the JIT, and no longer than its budget. */
class PrewarmTest {
    private static CompiledNetwork ramp() throws NetworkException {
        return NetworkCompiler.compile(new Net().node("ramp", "TestRamp", "scale", "0.5")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "out.in1").spec(), TestProcessors.registry(), 256);
    }

    /**
     * A small network settles: the copy runs past HotSpot's tier-4 thresholds (2 s at block 64, the fixed length
     * before, is 1 500 callbacks, too few for a method called once a callback to reach C2) and then stops on its own
     * once the JIT's clock stands still, long before the budget.
     */
    @Test
    void runsPastTheCompileThresholdsThenStopsWhenTheJitIsQuiet() throws NetworkException {
        Prewarm.Result r = Prewarm.run(ramp(), 64, 30);
        assertTrue(r.callbacks() >= Prewarm.MIN_CALLBACKS, r::toString);
        assertTrue(r.settled(), r::toString);
        assertTrue(r.seconds() < 30, r::toString);
    }

    /**
     * The budget ends the warm-up, not the thresholds: with none the copy does not run at all. (A budget of a
     * millisecond is not a test of it: on JDK 25 this network ran its 10 000 callbacks and settled within 1.2 ms.)
     */
    @Test
    void theBudgetBoundsIt() throws NetworkException {
        Prewarm.Result r = Prewarm.run(ramp(), 1, 0);
        assertFalse(r.settled(), r::toString);
        assertEquals(0, r.callbacks(), r::toString);
    }
}
