package dev.conch.engine.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The ring that hands retired networks to the janitor, under contention: a producer and a consumer spin on a small
 * ring. Each element is a fresh object whose field is written before the hand-over; seeing it unwritten, twice,
 * out of order, or missing fails.
 */
class SpscRefRingStressTest {

    static final class Box {
        long value; // plain field: visible to the consumer only through the ring's release/acquire
    }

    @Test
    void everyElementArrivesOnceInOrderWithItsContents() throws Exception {
        SpscRefRing<Box> ring = new SpscRefRing<>(4);
        final long count = 2_000_000;
        AtomicReference<String> error = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            long expected = 0;
            while (expected < count) {
                Box b = ring.poll();
                if (b == null) {
                    Thread.onSpinWait();
                    continue;
                }
                if (b.value != expected * 3 + 1) {
                    error.compareAndSet(null, "element " + expected + " arrived holding " + b.value);
                    return;
                }
                expected++;
            }
        }, "consumer");
        consumer.start();
        for (long i = 0; i < count; ) {
            Box b = new Box();
            b.value = i * 3 + 1;
            while (!ring.offer(b)) Thread.onSpinWait();
            i++;
        }
        consumer.join(60_000);
        assertFalse(consumer.isAlive(), "consumer did not finish");
        assertNull(error.get());
        assertNull(ring.poll());
    }

    @Test
    void offerRefusesWhenFull() {
        SpscRefRing<String> ring = new SpscRefRing<>(2);
        ring.offer("a");
        ring.offer("b");
        assertFalse(ring.offer("c"));
        assertEquals("a", ring.poll());
    }
}
