package dev.conch.engine.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpscAudioRingTest {

    @Test
    void offerIsAllOrNothingAndPollWrapsAround() {
        SpscAudioRing r = new SpscAudioRing(2, 10);
        float[][] block = {{1, 2, 3, 4, 5, 6, 7}, {-1, -2, -3, -4, -5, -6, -7}};
        assertTrue(r.offer(block, 0, 7));
        assertEquals(3, r.freeFrames());
        assertFalse(r.offer(block, 0, 4), "4 frames do not fit in 3");
        assertEquals(7, r.availableFrames(), "a refused offer writes nothing");
        float[][] out = new float[2][10];
        assertEquals(5, r.poll(out, 5));
        assertEquals(5f, out[0][4]);
        // 2 left at slots 5..6; the next 7 wrap from slot 7 to slot 3
        assertTrue(r.offer(block, 0, 7));
        assertEquals(1, r.freeFrames());
        assertEquals(9, r.poll(out, 10));
        float[] expected = {6, 7, 1, 2, 3, 4, 5, 6, 7};
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], out[0][i], "left " + i);
            assertEquals(-expected[i], out[1][i], "right " + i);
        }
        assertEquals(0, r.poll(out, 10));
        assertEquals(10, r.freeFrames());
    }

    @Test
    void offerReadsFromTheGivenOffset() {
        SpscAudioRing r = new SpscAudioRing(1, 4);
        assertTrue(r.offer(new float[][] {{9, 9, 1, 2}}, 2, 2));
        float[][] out = new float[1][4];
        assertEquals(2, r.poll(out, 4));
        assertEquals(1f, out[0][0]);
        assertEquals(2f, out[0][1]);
    }

    /**
     * One producer and one consumer thread, both spinning, for about two seconds with random block sizes. Every
     * sample encodes its frame number and channel, so the consumer can check that each frame arrives exactly
     * once, in order, with all its channels as written. A consumer that saw a published index before the samples
     * written before it (a missing release/acquire) would read the previous lap's values, which differ: the
     * capacity (1000) is not a multiple of the 2^20 code period.
     */
    @Test
    void stressEveryFrameArrivesOnceInOrderUnchanged() throws Exception {
        final int channels = 3;
        final int capacity = 1000;
        final int maxBlock = 300;
        final long runNanos = TimeUnit.SECONDS.toNanos(2);
        SpscAudioRing ring = new SpscAudioRing(channels, capacity);
        AtomicReference<String> failure = new AtomicReference<>();
        long[] produced = new long[1];
        long[] refused = new long[1];
        long[] received = new long[1];
        AtomicBoolean producerDone = new AtomicBoolean();
        AtomicBoolean consumerDone = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            SplittableRandom rnd = new SplittableRandom(1);
            float[][] block = new float[channels][maxBlock + 7];
            long next = 0;
            long end = System.nanoTime() + runNanos;
            while (System.nanoTime() < end) {
                int n = 1 + rnd.nextInt(maxBlock);
                int off = rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) block[c][off + i] = code(next + i, c);
                }
                while (!ring.offer(block, off, n)) {
                    if (consumerDone.get()) { // the consumer stopped on a failure: don't spin forever
                        produced[0] = next;
                        producerDone.set(true);
                        return;
                    }
                    refused[0]++;
                    Thread.onSpinWait();
                }
                next += n;
                if (rnd.nextInt(4) == 0) {
                    // now and then let the consumer drain the ring and spin on an empty one: it then polls the
                    // moment the next block is published, which is when a missing release/acquire would show
                    long until = System.nanoTime() + rnd.nextInt(20_000);
                    while (System.nanoTime() < until) Thread.onSpinWait();
                }
            }
            produced[0] = next;
            producerDone.set(true); // after the last offer
        }, "ring-producer");
        Thread consumer = new Thread(() -> {
            SplittableRandom rnd = new SplittableRandom(2);
            float[][] out = new float[channels][capacity];
            long expected = 0;
            while (true) {
                int n = ring.poll(out, 1 + rnd.nextInt(capacity));
                if (n == 0) {
                    // producerDone is set after the last offer, so empty after seeing it means all arrived
                    if (producerDone.get() && ring.availableFrames() == 0) break;
                    Thread.onSpinWait();
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        if (out[c][i] != code(expected + i, c)) {
                            failure.compareAndSet(null, "frame " + (expected + i) + " channel " + c + ": got "
                                    + out[c][i] + ", expected " + code(expected + i, c));
                            consumerDone.set(true);
                            return;
                        }
                    }
                }
                expected += n;
            }
            received[0] = expected;
            consumerDone.set(true);
        }, "ring-consumer");
        consumer.start();
        producer.start();
        producer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(producer.isAlive(), "producer did not finish");
        consumer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(consumer.isAlive(), "consumer did not finish");
        assertEquals(null, failure.get());
        assertEquals(produced[0], received[0], "frames received == frames sent");
        assertTrue(produced[0] > 10_000, "the test moved too little to mean anything: " + produced[0]);
        System.out.printf("SpscAudioRing stress: %d frames x %d ch, producer found the ring full %d times%n",
                produced[0], channels, refused[0]);
    }

    /** Exact in float: below 2^24. Channel-dependent so crossed channels are caught too. */
    private static float code(long frame, int channel) {
        return (float) (((frame * 3 + channel * 101) & 0xFFFFF) + 1);
    }
}
