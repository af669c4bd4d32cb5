package dev.conch.editor.monitor;

import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.processors.spectral.Framing;

/**
 * The numbers behind a monitor on a spectrum stream, without JavaFX: the tap gives the stream's frames as floats
 * (re, im per bin, {@code fftSize + 2} a frame, whole frames only: a full ring drops a callback's frames, never part
 * of one), and this keeps the magnitude of the latest whole frame in dB, in the stream's own framing (its FFT size
 * and hop, not the audio monitor's). 0 dB is a full-scale sine before any spectral processing: |X| scaled by
 * 2 / Σ window, the analysis window the frames were cut with.
 */
public final class SpectrumFrames implements Spectrum {
    private static final double FLOOR_DB = -120;
    private final SpectrumFormat format;
    private final double sampleRate;
    private final double scale;
    private final float[] frame;
    private final double[] db;
    private int filled;
    private long frames;

    public SpectrumFrames(SpectrumFormat format, double sampleRate) {
        this.format = format;
        this.sampleRate = sampleRate;
        double sum = 0;
        for (double w : Framing.of(format).analysisWindow()) sum += w;
        this.scale = 2 / sum;
        this.frame = new float[format.width()];
        this.db = new double[format.fftSize() / 2 + 1];
        java.util.Arrays.fill(db, FLOOR_DB);
    }

    public SpectrumFormat format() {
        return format;
    }

    /** Appends {@code n} floats of the stream; each frame completed replaces the magnitudes shown. */
    public void feed(float[] floats, int n) {
        int i = 0;
        while (i < n) {
            int take = Math.min(n - i, frame.length - filled);
            System.arraycopy(floats, i, frame, filled, take);
            filled += take;
            i += take;
            if (filled == frame.length) {
                for (int k = 0; k < db.length; k++) {
                    double re = frame[2 * k], im = frame[2 * k + 1];
                    double amplitude = Math.sqrt(re * re + im * im) * scale;
                    db[k] = amplitude > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(amplitude)) : FLOOR_DB;
                }
                filled = 0;
                frames++;
            }
        }
    }

    /** Whole frames seen since the monitor opened. */
    public long frames() {
        return frames;
    }

    @Override
    public double[] spectrumDb() {
        return db;
    }

    @Override
    public double binHz() {
        return sampleRate / format.fftSize();
    }

    @Override
    public double sampleRate() {
        return sampleRate;
    }

    @Override
    public int peakBin() {
        int best = 1;
        for (int k = 2; k < db.length; k++) if (db[k] > db[best]) best = k;
        return best;
    }

    /**
     * Floats a tap's ring holds for this stream: at least 16 frames, and 4 callbacks' worth of frames at the largest
     * block (an offer that cannot fit whole is dropped, so one callback's frames must always fit).
     */
    public static int ringFloats(SpectrumFormat format, int maxBlock) {
        int perCallback = maxBlock / format.hop() + 1;
        return format.width() * Math.max(16, 4 * perCallback);
    }
}
