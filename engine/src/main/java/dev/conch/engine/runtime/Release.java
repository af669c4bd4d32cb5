package dev.conch.engine.runtime;

/**
 * A source's release (see {@link Processor#release}): full level up to sample {@code at} of the source's own
 * output, then a linear fade that reaches silence {@value #FADE_SECONDS} s later. It counts the source's samples,
 * not callbacks, so the fade falls on the same samples at any block size.
 *
 * <p>A source calls {@link #prepare} in prepare, {@link #reset} in reset, and after computing each block
 * {@link #apply} on every output buffer and then {@link #advance}. Before the release it costs one comparison.
 */
public final class Release {
    /** How long the fade takes: short enough to be a stop, long enough not to click. */
    public static final double FADE_SECONDS = 0.010;

    private long at = Long.MAX_VALUE;
    private int fade = 1;
    private long sample;

    public void prepare(double sampleRate) {
        fade = (int) Math.max(1, Math.round(FADE_SECONDS * sampleRate));
    }

    /** From sample {@code frame} of the output on, fade out. Off the audio thread, between callbacks. */
    public void at(long frame) {
        at = Math.max(0, frame);
    }

    /** Back to sample 0; the release point stays. */
    public void reset() {
        sample = 0;
    }

    /** True when some of the next {@code frames} samples are past the release point. */
    public boolean due(int frames) {
        return sample + frames > at;
    }

    /** True once the fade is over: everything from here on is silence, so a source may skip its work. */
    public boolean silent() {
        return at != Long.MAX_VALUE && sample >= at + fade;
    }

    /** The source's sample index where the release begins ({@code Long.MAX_VALUE}: never). */
    public long point() {
        return at;
    }

    /** Multiplies the next {@code frames} samples of {@code y} by the release envelope; does not advance. */
    public void apply(float[] y, int frames) {
        if (!due(frames)) return;
        for (int i = 0; i < frames; i++) {
            long past = sample + i - at;
            if (past < 0) continue;
            y[i] = past >= fade ? 0f : (float) (y[i] * ((double) (fade - past) / fade));
        }
    }

    public void advance(int frames) {
        sample += frames;
    }
}
