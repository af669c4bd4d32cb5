package dev.conch.engine.runtime;

import dev.conch.engine.concurrent.SpscAudioRing;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The monitor's hook on a port, on its own: copies while attached, drops when the ring is full, stops on detach. */
class MonitorTapTest {

    private static float[] polled(SpscAudioRing ring) {
        float[][] into = new float[1][ring.capacity()];
        int n = ring.poll(into, ring.capacity());
        return java.util.Arrays.copyOf(into[0], n);
    }

    @Test
    void offersAreCopiedOnlyWhileARingIsAttached() {
        MonitorTap tap = new MonitorTap();
        tap.offer(new float[] {9, 9}, 2); // nobody listening: nothing to do, nothing thrown
        SpscAudioRing ring = new SpscAudioRing(1, 8);
        tap.attach(ring);
        tap.offer(new float[] {1, 2, 3, 99}, 3);
        tap.offer(new float[] {4}, 1);
        assertArrayEquals(new float[] {1, 2, 3, 4}, polled(ring), "the offered floats, from index 0, in order");
        tap.detach();
        tap.offer(new float[] {5}, 1);
        assertEquals(0, ring.availableFrames());
    }

    @Test
    void aFullRingDropsTheOfferInsteadOfWaiting() {
        MonitorTap tap = new MonitorTap();
        SpscAudioRing ring = new SpscAudioRing(1, 4);
        tap.attach(ring);
        tap.offer(new float[] {1, 2, 3}, 3);
        tap.offer(new float[] {4, 5}, 2); // does not fit: the monitor is behind
        tap.offer(new float[] {6}, 1);
        assertArrayEquals(new float[] {1, 2, 3, 6}, polled(ring));
    }
}
