package dev.conch.engine.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.driver.AudioCallback;
import dev.conch.engine.driver.PacedNullDriver;
import dev.conch.engine.testing.Scheduling;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The policy is read back from /proc, not from the call under test; whether it should have been granted comes
 * from {@code chrt}. As root (CI) both say yes; as a normal user without an rtprio limit both say no.
 */
class RealtimePriorityTest {

    @Test
    void aThreadGetsFifoExactlyWhenTheSystemPermitsItAndOtherwiseASentence() throws Exception {
        boolean permitted = Scheduling.fifoPermitted();
        AtomicReference<RealtimePriority.Outcome> outcome = new AtomicReference<>();
        AtomicReference<List<Integer>> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            outcome.set(RealtimePriority.raiseCurrentThread(12));
            try {
                seen.set(Scheduling.policiesOf("rt-probe"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            RealtimePriority.lowerCurrentThread();
        }, "rt-probe");
        t.start();
        t.join();
        assertEquals(permitted, outcome.get().granted(), outcome.get().why());
        assertEquals(List.of(permitted ? Scheduling.FIFO : Scheduling.OTHER), seen.get());
        if (!permitted) {
            String why = outcome.get().why();
            assertTrue(why.contains("priority 12") && why.endsWith("(--driver jack)"), why);
        }
    }

    @Test
    void onlyTheCallingThreadChangesAndLoweringUndoesIt() throws Exception {
        Thread t = new Thread(() -> {
            RealtimePriority.raiseCurrentThread(12);
            RealtimePriority.lowerCurrentThread();
        }, "rt-undo");
        t.start();
        t.join();
        assertEquals(Scheduling.OTHER, RealtimePriority.currentPolicy(), "the test's own thread is untouched");
        AtomicReference<Integer> after = new AtomicReference<>();
        Thread u = new Thread(() -> {
            RealtimePriority.raiseCurrentThread(12);
            RealtimePriority.lowerCurrentThread();
            after.set(RealtimePriority.currentPolicy());
        }, "rt-lower");
        u.start();
        u.join();
        assertEquals(Scheduling.OTHER, after.get());
    }

    @Test
    void theNullDriversAudioThreadRunsAtThePriorityAskedFor() throws Exception {
        boolean permitted = Scheduling.fifoPermitted();
        PacedNullDriver driver = new PacedNullDriver(48000, 1, 256);
        driver.realtimePriority(13);
        AtomicInteger callbacks = new AtomicInteger();
        driver.start(new AudioCallback() {
            @Override
            public void configure(double sampleRate, int inputs, int outputs, int maxBlock) {
            }

            @Override
            public boolean process(float[][] in, float[][] out, int frames) {
                callbacks.incrementAndGet();
                return true;
            }

            @Override
            public void shutdown() {
            }
        });
        try {
            assertEquals(permitted, driver.realtime().granted(), driver.realtime().why());
            assertEquals(List.of(permitted ? Scheduling.FIFO : Scheduling.OTHER),
                    Scheduling.policiesOf("conch-audio-null"));
            long end = System.nanoTime() + 5_000_000_000L;
            while (callbacks.get() < 10 && System.nanoTime() < end) Thread.sleep(5);
            assertTrue(callbacks.get() >= 10, "callbacks at realtime priority: " + callbacks.get());
            assertThrows(IllegalStateException.class, () -> driver.realtimePriority(10), "only before start");
        } finally {
            driver.stop();
        }
    }

    @Test
    void aPriorityOutsideOneTo99IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RealtimePriority.raiseCurrentThread(0));
        assertThrows(IllegalArgumentException.class, () -> RealtimePriority.raiseCurrentThread(100));
        assertFalse(RealtimePriority.currentPolicy() == Scheduling.FIFO);
    }
}
