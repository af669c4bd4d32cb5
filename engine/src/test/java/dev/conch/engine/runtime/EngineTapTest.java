package dev.conch.engine.runtime;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Monitors' view into a running network: port taps and per-node timing. */
class EngineTapTest {

    private static Engine engine() throws NetworkException {
        return new Engine(NetworkCompiler.compile(new Net().node("ramp", "TestRamp").node("up", "TestThreeToFive")
                .node("out", "AudioOutput", "channels", "1").connect("ramp.out", "up.in").connect("up.out", "out.in1")
                .spec(), TestProcessors.registry(), 256));
    }

    @Test
    void aTapSeesEveryTokenOfItsPortInOrder() throws NetworkException {
        Engine e = engine();
        SpscAudioRing ramp = e.tap("ramp", "out", 4096);
        float[][] out = new float[1][100];
        for (int i = 0; i < 10; i++) e.process(out, 100);
        float[][] seen = new float[1][4096];
        int n = ramp.poll(seen, 4096);
        assertTrue(n >= 600 && n <= 603, n + " ramp tokens for 1000 frames through a 3:5 node"); // 3 per 5 output frames
        for (int i = 0; i < n; i++) assertEquals(i, seen[0][i], "token " + i);
        e.untap("ramp", "out");
        e.process(out, 100);
        assertEquals(0, ramp.poll(seen, 4096), "untapped");
        assertThrows(IllegalArgumentException.class, () -> e.tap("ramp", "nope", 16));
    }

    @Test
    void aFullTapDropsInsteadOfWaitingAndAllocatesNothing() throws NetworkException {
        Engine e = engine();
        e.tap("up", "out", 64); // never read: full after the first callback
        e.measureNodes(true);
        float[][] out = new float[1][256];
        AllocationMeter.warmUp(() -> e.process(out, 256), 3000, 100_000);
        long bytes = AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < 10_000; i++) e.process(out, 256);
        });
        assertEquals(0, bytes);
        assertTrue(e.nodeNanos().get("ramp") > 0, e.nodeNanos().toString());
        assertTrue(e.nodeNanos().get("up") > 0, e.nodeNanos().toString());
    }

    @Test
    void timingIsOffUntilAsked() throws NetworkException {
        Engine e = engine();
        e.process(new float[1][256], 256);
        assertEquals(0L, e.nodeNanos().get("ramp"));
    }
}
