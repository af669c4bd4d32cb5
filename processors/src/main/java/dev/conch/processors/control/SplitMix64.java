package dev.conch.processors.control;

/**
 * Steele, Lea and Flood's SplitMix64: a 64-bit counter through a mixing function. One long of state in a field
 * (nothing allocated on the audio thread), and the sequence is fixed by the seed alone, so a sample-and-hold LFO
 * draws the same values on every machine and at every block size.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        state = seed;
    }

    void seed(long seed) {
        state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [-1, 1), from the top 53 bits. */
    double nextSigned() {
        return 2 * ((nextLong() >>> 11) * 0x1.0p-53) - 1;
    }
}
