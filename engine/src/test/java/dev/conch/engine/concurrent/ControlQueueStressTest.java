package dev.conch.engine.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Producer and consumer spin on a small ring so it is full and empty all the time. Every record's three fields
 * are derived from its sequence number: a slot read before its fields were published, read twice, skipped or
 * overwritten while being read shows as a mismatch.
 */
class ControlQueueStressTest {

    @Test
    void everyRecordArrivesOnceInOrderAndWhole() throws Exception {
        ControlQueue q = new ControlQueue(8);
        final long count = 3_000_000;
        AtomicReference<String> error = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            long expected = 0;
            while (expected < count) {
                if (q.isEmpty()) {
                    Thread.onSpinWait();
                    continue;
                }
                long t = q.peekTime();
                int target = q.peekTarget();
                double v = q.peekValue();
                q.pop();
                if (t != expected || target != (int) (expected * 31) || v != expected * 0.5) {
                    error.compareAndSet(null, "record " + expected + " arrived as (" + t + ", " + target + ", " + v + ")");
                    return;
                }
                expected++;
            }
        }, "consumer");
        consumer.start();
        for (long i = 0; i < count; ) {
            if (q.offer(i, (int) (i * 31), i * 0.5)) i++;
            else Thread.onSpinWait();
        }
        consumer.join(60_000);
        assertFalse(consumer.isAlive(), "consumer did not finish");
        assertNull(error.get());
        assertTrue(q.isEmpty());
    }

    @Test
    void offerRefusesWhenFullWithoutBlocking() {
        ControlQueue q = new ControlQueue(4);
        for (int i = 0; i < 4; i++) assertTrue(q.offer(i, i, i));
        assertFalse(q.offer(9, 9, 9));
        assertEquals(0, q.peekTime());
        q.pop();
        assertTrue(q.offer(9, 9, 9));
    }
}
