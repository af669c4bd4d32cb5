package dev.conch.engine.io;

/**
 * What writing to 16 or 24-bit integers cut off: the samples beyond full scale (|x| &gt; 1, which the
 * {@link Quantizer} clamps) and the largest magnitude that was written. A float file clips nothing.
 */
public record Clipping(long samples, double peak) implements java.io.Serializable {
    public static final Clipping NONE = new Clipping(0, 0);

    public boolean any() {
        return samples > 0;
    }

    /** The peak in decibels relative to full scale: +19.1 for a peak of 9. */
    public double peakDbfs() {
        return 20 * Math.log10(peak);
    }
}
