package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * BinaryCounter at 100 ticks a second and 48 kHz: bit b is a square wave of period 960 · 2^b samples starting low,
 * every bit is low again after 256 ticks (the count wraps), and the output is the same at any block size.
 */
class BinaryCounterTest {
    private static float[][] count(int frames, int block) {
        ProcessorHarness h = ControlTesting.harness(BinaryCounter.class, Map.of("rate", "100"), block);
        float[][] y = new float[8][frames];
        for (int done = 0; done < frames; done += block) {
            int n = Math.min(block, frames - done);
            h.process(n);
            for (int b = 0; b < 8; b++) System.arraycopy(h.out("bit" + b), 0, y[b], done, n);
        }
        return y;
    }

    @Test
    void eachBitIsASquareWaveOfTwiceThePeriodOfTheOneBelow() {
        int frames = 256 * 480 + 5000;
        float[][] y = count(frames, 512);
        for (int b = 0; b < 8; b++) {
            int half = 480 << b; // 480 samples a tick; bit b stays put for 2^b ticks
            for (int t = 0; t < frames; t++) {
                int phase = (t % (256 * 480)) / half; // wraps after 256 ticks
                assertEquals(phase % 2, y[b][t], 0, "bit " + b + " at sample " + t);
            }
        }
        for (int block : new int[] {1, 7, 4096}) {
            float[][] other = count(frames, block);
            for (int b = 0; b < 8; b++) org.junit.jupiter.api.Assertions.assertArrayEquals(y[b], other[b], "bit " + b + ", block " + block);
        }
    }
}
