package dev.conch.processors.granular;

import dev.conch.processors.random.SplitMix64;

/**
 * When grains start: an exact sample clock with a fractional part. The onset after one at time t is at t +
 * max(sampleRate / density · (1 + jitter·u), 0.5) samples, u uniform in [-1, 1) drawn from the generator when that
 * onset is scheduled, so the mean rate stays exactly the density. An onset at time t is due at sample ceil(t),
 * {@link #late()} samples after its exact time.
 *
 * <p>The generator is the grains' own: the clock draws one number per onset, after the grain's draws, so the
 * sequence of draws (and the grains) is fixed by the seed alone.
 */
final class OnsetClock {
    /** The shortest interval between onsets, in samples: at most two grains start per sample. */
    private static final double SHORTEST = 0.5;

    private final SplitMix64 random;
    private double sampleRate;
    /** Samples from the current sample to the next onset; at or below 0 that onset is due. */
    private double untilOnset;

    OnsetClock(SplitMix64 random) {
        this.random = random;
    }

    void prepare(double sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** The first onset due at the current sample. */
    void reset() {
        untilOnset = 0;
    }

    /** True while an onset is due at the current sample. */
    boolean due() {
        return untilOnset <= 0;
    }

    /** How many samples (0 up to 1) before the current sample the due onset's exact time was. */
    double late() {
        return -untilOnset;
    }

    /** Schedules the onset after the due one, {@code density} per second on average, spread by {@code jitter}. */
    void next(double density, double jitter) {
        double interval = sampleRate / density * (1 + jitter * random.nextSigned());
        untilOnset += Math.max(interval, SHORTEST);
    }

    /** Moves one sample on. */
    void tick() {
        untilOnset -= 1;
    }

    /**
     * Moves up to {@code most} samples on, stopping at the sample of the next onset; returns how many. After the
     * onsets due at a sample the clock is positive, the next falls ceil(clock) samples later, and subtracting k at
     * once gives the bits k {@link #tick()}s give (each of those is exact while the clock stays at or above 0, and
     * the last rounds the same exact difference): the same onsets as sample by sample, at any block size.
     */
    int skip(int most) {
        int k = (int) Math.min(most, Math.ceil(untilOnset));
        untilOnset -= k;
        return k;
    }
}
