package dev.conch.engine.runtime;

/**
 * The tokens one output has produced and its readers have not all read yet: one producer appends, each reader (a
 * connected input, or a param a control drives) takes from its own position. At the start of every segment
 * {@link #compact} drops what every reader has read and moves the rest to the front, so a producer writing into an
 * empty stream and a reader at position 0 share the stream's own array (no copy), and the array never wraps.
 *
 * <p>Counts are in floats: a token is {@link #width} floats (a spectrum frame is many). Audio thread: no method
 * here allocates, except {@link #addReader}, which the schedule's builder calls.
 */
final class TokenStream {
    final int width;
    /** Grown only by {@link #reserve}, before the schedule first runs. */
    float[] data;
    /** Floats written and not yet dropped. */
    private int size;
    private Reader[] readers = new Reader[0];
    /** Set once a producer wrote more than the capacity the compiler worked out (a compiler bug, never a crash). */
    private boolean overflowed;

    TokenStream(int width, int capacityFloats) {
        this.width = width;
        this.data = new float[capacityFloats];
    }

    /** Room for {@code tokens} tokens more than the stream was made with. Off the audio thread, before any run. */
    void reserve(int tokens) {
        data = java.util.Arrays.copyOf(data, data.length + tokens * width);
    }

    /** A new reader taking {@code rate} tokens per firing of its node. Off the audio thread. */
    Reader addReader(int rate) {
        Reader r = new Reader(this, rate);
        Reader[] more = java.util.Arrays.copyOf(readers, readers.length + 1);
        more[readers.length] = r;
        readers = more;
        return r;
    }

    /** The readers, for analyses that replay the schedule on counts ({@link InputLookahead}); not to be changed. */
    Reader[] readers() {
        return readers;
    }

    boolean isRead() {
        return readers.length > 0;
    }

    int size() {
        return size;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** Drops the floats every reader has read, keeping the rest in order at the front. */
    void compact() {
        int min = size;
        for (Reader r : readers) min = Math.min(min, r.pos);
        if (min == 0) return;
        int keep = size - min;
        if (keep > 0) System.arraycopy(data, min, data, 0, keep);
        size = keep;
        for (Reader r : readers) r.pos -= min;
    }

    /**
     * Firings of a producer making {@code tokensPerFiring} tokens each that meet every reader's demand with what
     * the stream already holds: the most any one reader still misses.
     */
    int firingsWanted(int tokensPerFiring) {
        int f = 0;
        for (Reader r : readers) {
            int missing = r.demand - (size - r.pos) / width;
            if (missing > 0) f = Math.max(f, (missing + tokensPerFiring - 1) / tokensPerFiring);
        }
        return f;
    }

    /** Where a producer should write its next tokens: straight into the stream when it is empty, else {@code scratch}. */
    float[] writeTarget(float[] scratch) {
        return size == 0 ? data : scratch;
    }

    /**
     * Appends {@code floats} floats the producer wrote into {@code written} (the array {@link #writeTarget} gave).
     * What does not fit is dropped and the stream marked overflowed.
     */
    void append(float[] written, int floats) {
        int count = floats;
        if (size + count > data.length) {
            overflowed = true;
            count = data.length - size;
        }
        if (written != data) System.arraycopy(written, 0, data, size, count);
        size += count;
    }

    /** Empty, every reader at the start (between renders, never while running). */
    void reset() {
        size = 0;
        for (Reader r : readers) r.pos = 0;
    }

    /** One reader's position in a stream, and how many tokens its node asks for this segment. */
    static final class Reader {
        final TokenStream stream;
        /** Tokens per firing of the reading node (for a strided control: the stride). */
        final int rate;
        /** Floats already read. */
        private int pos;
        /** Tokens wanted this segment. */
        private int demand;

        private Reader(TokenStream stream, int rate) {
            this.stream = stream;
            this.rate = rate;
        }

        /** The reading node fires {@code firings} times this segment. */
        void demandFor(int firings) {
            demand = firings * rate;
        }

        int position() {
            return pos;
        }

        /**
         * The next {@code tokens} tokens, from index 0 of the array returned: the stream's own when this reader is
         * at its start, else a copy in {@code scratch}.
         */
        float[] take(int tokens, float[] scratch) {
            int count = tokens * stream.width;
            float[] result;
            if (pos == 0) {
                result = stream.data;
            } else {
                System.arraycopy(stream.data, pos, scratch, 0, count);
                result = scratch;
            }
            pos += count;
            return result;
        }

        /**
         * Moves the next {@code tokens} tokens to the end of {@code to} (a pipeline's lane), as {@link #take} would
         * have taken them: what does not fit there is dropped and {@code to} marked overflowed.
         */
        void moveTo(TokenStream to, int tokens) {
            int count = tokens * stream.width;
            int fits = Math.min(count, to.data.length - to.size);
            if (fits < count) to.overflowed = true;
            System.arraycopy(stream.data, pos, to.data, to.size, fits);
            to.size += fits;
            pos += count;
        }

        /**
         * The first of every {@link #rate} values for {@code firings} firings, into {@code scratch}: a control read
         * by a node firing {@code rate} times slower than its source (a spectral node's param driven by an LFO that
         * also drives an oscillator) takes the value at the start of each firing's frames.
         */
        float[] takeEvery(int firings, float[] scratch) {
            float[] d = stream.data;
            for (int i = 0, at = pos; i < firings; i++, at += rate) scratch[i] = d[at];
            pos += firings * rate;
            return scratch;
        }
    }
}
