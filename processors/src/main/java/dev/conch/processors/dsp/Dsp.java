package dev.conch.processors.dsp;

/** The conversions and guards several processors share: decibels and gains, and the denormal flush. */
public final class Dsp {
    private static final double NEPERS_PER_DB = Math.log(10) / 20;
    /** Below this a decaying state is noise-free silence; flushing it keeps the arithmetic out of subnormals. */
    private static final double TINY = 1e-30;
    private static final float TINY_F = 1e-30f;

    private Dsp() {
    }

    /**
     * 10^(dB/20), as e^(dB·ln10/20): {@code Math.exp} is a HotSpot intrinsic and {@code Math.pow} is not, and a
     * fade or an automated gain converts once per sample (a few ulps from pow, far below anything audible).
     */
    public static double dbToGain(double db) {
        return Math.exp(db * NEPERS_PER_DB);
    }

    /** 20·log10(gain): the inverse of {@link #dbToGain}, -∞ for 0. */
    public static double gainToDb(double gain) {
        return 20 * Math.log10(gain);
    }

    /**
     * 0 for |x| below 1e-30, else x. A decaying feedback or filter state would otherwise end in subnormal numbers,
     * whose arithmetic is many times slower, for a signal far below anything audible.
     */
    public static double flush(double x) {
        return Math.abs(x) < TINY ? 0 : x;
    }

    /** {@link #flush(double)} for a float state. */
    public static float flush(float x) {
        return Math.abs(x) < TINY_F ? 0f : x;
    }
}
