package dev.conch.engine.testing;

import dev.conch.engine.driver.AudioCallback;
import dev.conch.engine.driver.LiveSession;

/**
 * A driver callback that passes a live session's blocks through and keeps the first {@code frames} of every
 * channel, so a test can compare what a network plays live with what it renders offline. It asks the driver to
 * stop once it holds them all. Read {@link #kept()} and {@link #filled()} after the driver has stopped.
 */
public final class LiveCapture implements AudioCallback {
    private final LiveSession session;
    private final float[][] kept;
    private int filled;

    public LiveCapture(LiveSession session, int channels, int frames) {
        this.session = session;
        this.kept = new float[channels][frames];
    }

    @Override
    public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
        session.configure(sampleRate, inputs, channels, maxBlock);
    }

    @Override
    public boolean process(float[][] in, float[][] out, int frames) {
        session.process(in, out, frames);
        int n = Math.min(frames, kept[0].length - filled);
        for (int c = 0; c < kept.length; c++) System.arraycopy(out[c], 0, kept[c], filled, n);
        filled += n;
        return filled < kept[0].length;
    }

    @Override
    public void shutdown() {
        session.shutdown();
    }

    /** The samples kept, one array per channel. */
    public float[][] kept() {
        return kept;
    }

    /** How many frames of each channel are kept so far. */
    public int filled() {
        return filled;
    }
}
