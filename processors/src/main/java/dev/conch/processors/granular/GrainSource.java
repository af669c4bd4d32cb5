package dev.conch.processors.granular;

/**
 * What grains read: a loaded file (mono, at the network rate) or a ring holding the last seconds of the live input.
 * Both are stored the same padded way so the cubic interpolator never has to wrap an index: sample j of the
 * source sits at {@code data[j + 1]}, {@code data[0]} repeats the last sample and {@code data[length + 1 … + 3]}
 * repeat the first three. A read position p in [0, length) then needs data[floor(p) … floor(p) + 3] only.
 */
final class GrainSource {
    static final int PAD = 4;

    private final float[] data;
    private final int length;
    private final int mask;
    private int write;

    private GrainSource(float[] data, int length, int mask) {
        this.data = data;
        this.length = length;
        this.mask = mask;
    }

    /** A file's samples, looped: a grain reading past the end continues at the start. */
    static GrainSource of(float[] mono) {
        GrainSource s = new GrainSource(new float[mono.length + PAD], mono.length, -1);
        System.arraycopy(mono, 0, s.data, 1, mono.length);
        s.data[0] = mono[mono.length - 1];
        for (int j = 0; j < 3; j++) s.data[mono.length + 1 + j] = mono[j % mono.length];
        return s;
    }

    /** An empty ring of {@code length} samples, a power of two. */
    static GrainSource ring(int length) {
        if (Integer.bitCount(length) != 1) throw new IllegalArgumentException("ring length must be a power of two");
        return new GrainSource(new float[length + PAD], length, length - 1);
    }

    float[] data() {
        return data;
    }

    int length() {
        return length;
    }

    /** Ring only: index of the next sample to be written. */
    int writeIndex() {
        return write;
    }

    /** Ring only: appends {@code n} samples, keeping the guard copies in step. Audio thread: no allocation. */
    void write(float[] x, int n) {
        float[] d = data;
        int w = write;
        for (int i = 0; i < n; i++) {
            float v = x[i];
            d[w + 1] = v;
            if (w < 3) d[length + 1 + w] = v;
            if (w == length - 1) d[0] = v;
            w = (w + 1) & mask;
        }
        write = w;
    }

    /** Ring only: silence, write position back to 0. */
    void clear() {
        java.util.Arrays.fill(data, 0f);
        write = 0;
    }
}
