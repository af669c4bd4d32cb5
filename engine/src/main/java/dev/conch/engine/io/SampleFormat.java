package dev.conch.engine.io;

import java.util.Locale;

/** How samples are stored in a file Conch writes: the {@code format} a sound designer picks ("16", "24", "32f"). */
public enum SampleFormat {
    /** 16-bit signed integer PCM. */
    PCM16("16", "16-bit PCM", 16),
    /** 24-bit signed integer PCM, packed in 3 bytes. */
    PCM24("24", "24-bit PCM", 24),
    /** 32-bit IEEE float, not clipped (keeps headroom above 0 dBFS). */
    FLOAT32("32f", "32-bit float", 32);

    private final String code;
    private final String label;
    private final int bits;
    /** 2^(bits-1), full scale in codes, and its inverse (exact: a power of two), for {@link #stored}. */
    private final double scale;
    private final float inverse;

    SampleFormat(String code, String label, int bits) {
        this.code = code;
        this.label = label;
        this.bits = bits;
        this.scale = 1L << (bits - 1);
        this.inverse = (float) (1 / scale);
    }

    /**
     * Reads the text a network file or the command line gives ("16", "24", "32f").
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SampleFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (SampleFormat f : values()) {
            if (f.code.equals(t)) return f;
        }
        throw new IllegalArgumentException("'" + text + "' is not a sample format: use 16 (16-bit PCM), "
                + "24 (24-bit PCM) or 32f (32-bit float)");
    }

    /** The text {@link #parse} accepts: "16", "24", "32f". */
    public String code() {
        return code;
    }

    /** For people: "24-bit PCM". */
    public String label() {
        return label;
    }

    public int bits() {
        return bits;
    }

    public int bytesPerSample() {
        return bits / 8;
    }

    public boolean isFloat() {
        return this == FLOAT32;
    }

    /**
     * {@code x} as a file in this format without dither stores it and a reader gives it back: unchanged for float;
     * for PCM the writers' code ({@link WavWriter#pcm}: nearest, ties to even, clipped, NaN 0) over 2^(bits-1), which
     * is exact in a float. So levels can be taken from the samples as they are written instead of reading the file.
     */
    public float stored(float x) {
        if (this == FLOAT32) return x;
        // times the inverse, not divided by the scale: the same float (a power of two), a fraction of the time
        return WavWriter.pcm(x, scale) * inverse;
    }
}
