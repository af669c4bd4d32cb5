package dev.conch.processors.random;

/**
 * Steele, Lea and Flood's SplitMix64: a 64-bit counter through a mixing function. One long of state in a field
 * (nothing allocated on the audio thread), statistically sound for audio randomness, and the sequence is fixed by
 * the seed alone: the same seed gives the same grains, noise or sample-and-hold values on every machine and at every
 * block size. The one generator every seeded processor uses.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        state = seed;
    }

    public void seed(long seed) {
        state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-1, 1). */
    public double nextSigned() {
        return 2 * nextDouble() - 1;
    }
}
