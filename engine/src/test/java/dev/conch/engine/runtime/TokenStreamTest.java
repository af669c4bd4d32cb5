package dev.conch.engine.runtime;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bookkeeping between one producer and its readers, on its own: counts, positions, compaction. */
class TokenStreamTest {

    /** Appends the tokens {@code from, from + 1, ...} ({@code width} floats each, all equal to the token's number). */
    private static void produce(TokenStream st, int from, int tokens, float[] scratch) {
        float[] target = st.writeTarget(scratch);
        for (int t = 0; t < tokens; t++) {
            for (int k = 0; k < st.width; k++) target[t * st.width + k] = from + t;
        }
        st.append(target, tokens * st.width);
    }

    @Test
    void aProducerWritesIntoAnEmptyStreamAndAReaderAtTheStartReadsItWithoutACopy() {
        TokenStream st = new TokenStream(1, 16);
        TokenStream.Reader a = st.addReader(1), b = st.addReader(1);
        float[] scratch = new float[16];
        assertSame(st.data, st.writeTarget(scratch), "empty: the producer writes in place");
        produce(st, 0, 6, scratch);
        assertSame(scratch, st.writeTarget(scratch), "holding tokens: the producer writes aside, then appends");
        float[] readerScratch = new float[16];
        assertSame(st.data, a.take(4, readerScratch), "a reader at the start shares the stream's array");
        float[] rest = b.take(2, readerScratch);
        assertSame(st.data, rest);
        float[] more = a.take(2, readerScratch);
        assertSame(readerScratch, more, "a reader further on gets a copy from index 0");
        assertArrayEquals(new float[] {4, 5}, java.util.Arrays.copyOf(more, 2));
    }

    @Test
    void compactionDropsWhatTheSlowestReaderHasReadAndKeepsTheRestInOrderAtTheFront() {
        TokenStream st = new TokenStream(1, 16);
        TokenStream.Reader fast = st.addReader(1), slow = st.addReader(1);
        float[] scratch = new float[16];
        produce(st, 0, 10, scratch);
        fast.take(7, scratch);
        slow.take(3, scratch);
        st.compact();
        assertEquals(7, st.size(), "10 written, 3 read by both");
        assertEquals(4, fast.position());
        assertEquals(0, slow.position());
        for (int i = 0; i < 7; i++) assertEquals(3 + i, st.data[i], "float " + i);
        assertSame(st.data, slow.take(1, scratch), "the slow reader is back at the start: no copy");
    }

    @Test
    void whatNoReaderWillReadIsDroppedSoTheStreamNeverFills() {
        TokenStream st = new TokenStream(1, 8);
        float[] scratch = new float[8];
        for (int segment = 0; segment < 10; segment++) {
            st.compact();
            produce(st, 0, 5, scratch);
        }
        assertFalse(st.isRead());
        assertFalse(st.overflowed(), "50 tokens through a stream of 8");
    }

    @Test
    void firingsWantedMeetTheMostDemandingReaderWithWhatTheStreamHolds() {
        TokenStream st = new TokenStream(1, 64);
        TokenStream.Reader threes = st.addReader(3), fives = st.addReader(5);
        produce(st, 0, 4, new float[64]);
        threes.demandFor(2);  // wants 6, 4 held: misses 2
        fives.demandFor(3);   // wants 15, 4 held: misses 11
        assertEquals(4, st.firingsWanted(3), "ceil(11 / 3)");
        assertEquals(11, st.firingsWanted(1));
        threes.demandFor(1);
        fives.demandFor(0);
        assertEquals(0, st.firingsWanted(2), "3 wanted, 4 held");
    }

    @Test
    void wideTokensAreCountedInTokensAndStoredInFloats() {
        TokenStream st = new TokenStream(4, 40);
        TokenStream.Reader r = st.addReader(2);
        float[] scratch = new float[40];
        produce(st, 0, 3, scratch);
        assertEquals(12, st.size());
        r.demandFor(2); // 4 tokens, 3 held
        assertEquals(1, st.firingsWanted(1));
        float[] first = r.take(2, scratch);
        assertEquals(1f, first[4], "token 1 starts at float 4");
        assertEquals(8, r.position());
        st.compact();
        assertEquals(4, st.size(), "one token of 4 floats left");
        assertEquals(2f, st.data[0]);
    }

    @Test
    void takeEveryReadsTheFirstValueOfEachStride() {
        TokenStream st = new TokenStream(1, 32);
        TokenStream.Reader r = st.addReader(4);
        produce(st, 0, 20, new float[32]);
        float[] scratch = new float[8];
        r.take(1, new float[8]); // start off the stride grid
        float[] got = r.takeEvery(3, scratch);
        assertArrayEquals(new float[] {1, 5, 9}, java.util.Arrays.copyOf(got, 3));
        assertEquals(13, r.position());
    }

    @Test
    void tooManyTokensKeepWhatFitsAndMarkTheStreamInsteadOfThrowing() {
        TokenStream st = new TokenStream(1, 8);
        st.addReader(1);
        float[] scratch = new float[16];
        produce(st, 0, 5, scratch);
        assertFalse(st.overflowed());
        produce(st, 5, 6, scratch);
        assertTrue(st.overflowed());
        assertEquals(8, st.size());
        for (int i = 0; i < 8; i++) assertEquals(i, st.data[i]);
    }

    @Test
    void resetEmptiesTheStreamAndRewindsEveryReader() {
        TokenStream st = new TokenStream(1, 8);
        TokenStream.Reader r = st.addReader(1);
        produce(st, 0, 5, new float[8]);
        r.take(3, new float[8]);
        st.reset();
        assertEquals(0, st.size());
        assertEquals(0, r.position());
    }

    /**
     * Segment after segment, a producer makes what its readers ask for in chunks of its own rate and each reader
     * takes its own rate per firing, the way the schedule runs them: every reader sees the token numbers 0, 1, 2, ...
     * in order, none lost, none repeated, in a stream sized for one segment's shortfall and one chunk.
     */
    @Test
    void readersOfDifferentRatesSeeEveryTokenInOrderOverManySegments() {
        int produced = 3;
        int[] rates = {1, 5, 7};
        TokenStream st = new TokenStream(1, 64);
        TokenStream.Reader[] readers = new TokenStream.Reader[rates.length];
        for (int i = 0; i < rates.length; i++) readers[i] = st.addReader(rates[i]);
        int[] seen = new int[rates.length];
        int next = 0;
        float[] scratch = new float[64], readerScratch = new float[64];
        SplittableRandom random = new SplittableRandom(11);
        long frames = 0;
        for (int segment = 0; segment < 5000; segment++) {
            st.compact();
            int n = 1 + random.nextInt(16);
            int[] firings = new int[rates.length];
            for (int i = 0; i < rates.length; i++) { // each reader keeps pace with the frames, at its own rate
                firings[i] = (int) ((frames + n) / rates[i] - frames / rates[i]);
                readers[i].demandFor(firings[i]);
            }
            frames += n;
            int f = st.firingsWanted(produced);
            produce(st, next, f * produced, scratch);
            next += f * produced;
            for (int i = 0; i < rates.length; i++) {
                int tokens = firings[i] * rates[i];
                float[] got = readers[i].take(tokens, readerScratch);
                for (int t = 0; t < tokens; t++) assertEquals(seen[i] + t, got[t], "reader " + i + ", segment " + segment);
                seen[i] += tokens;
            }
            assertFalse(st.overflowed(), "segment " + segment);
        }
        for (int i = 0; i < rates.length; i++) assertTrue(seen[i] > 1000, "reader " + i + " read " + seen[i]);
    }
}
