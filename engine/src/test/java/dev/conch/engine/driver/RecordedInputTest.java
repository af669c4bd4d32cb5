package dev.conch.engine.driver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The -i files and the null driver's --input: channels in file order, each padded with silence or looped alone. */
class RecordedInputTest {
    private static final float[][] MONO = {{1, 2, 3}};
    private static final float[][] STEREO = {{10, 20, 30, 40, 50}, {-10, -20, -30, -40, -50}};

    /** Reads {@code frames} frames in blocks of {@code block}: the order of blocks must not matter. */
    private static float[][] read(RecordedInput in, int frames, int block) {
        float[][] all = new float[in.channels()][frames];
        float[][] buf = new float[in.channels()][block];
        for (int done = 0; done < frames; done += block) {
            int n = Math.min(block, frames - done);
            in.fill(buf, n);
            for (int c = 0; c < all.length; c++) System.arraycopy(buf[c], 0, all[c], done, n);
        }
        return all;
    }

    @Test
    void filesFillTheChannelsInOrderAndShorterOnesPadWithSilence() {
        RecordedInput in = RecordedInput.of(List.of(MONO, STEREO), false);
        assertEquals(3, in.channels());
        assertEquals(5, in.frames(), "the longest input");
        for (int block : new int[] {1, 2, 7}) {
            in.rewind();
            float[][] y = read(in, 7, block);
            assertArrayEquals(new float[] {1, 2, 3, 0, 0, 0, 0}, y[0], "block " + block);
            assertArrayEquals(new float[] {10, 20, 30, 40, 50, 0, 0}, y[1], "block " + block);
            assertArrayEquals(new float[] {-10, -20, -30, -40, -50, 0, 0}, y[2], "block " + block);
        }
    }

    @Test
    void loopingInputsEachStartAgainAtTheirOwnEnd() {
        RecordedInput in = RecordedInput.of(List.of(MONO, STEREO), true);
        for (int block : new int[] {1, 4, 11}) {
            in.rewind();
            float[][] y = read(in, 11, block);
            assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2}, y[0], "block " + block);
            assertArrayEquals(new float[] {10, 20, 30, 40, 50, 10, 20, 30, 40, 50, 10}, y[1], "block " + block);
        }
    }

    @Test
    void aDriverWithMoreChannelsThanTheRecordingGetsSilenceOnTheRest() {
        RecordedInput in = new RecordedInput(MONO, true);
        float[][] buf = {{9, 9}, {9, 9}};
        in.fill(buf, 2);
        assertArrayEquals(new float[] {1, 2}, buf[0]);
        assertArrayEquals(new float[] {0, 0}, buf[1]);
    }
}
