package dev.conch.editor.monitor;

import dev.conch.processors.spectral.Fft;
import dev.conch.processors.spectral.Window;

/**
 * The numbers behind a monitor, without JavaFX: the last {@link #SIZE} samples of a port, their Hann-windowed
 * spectrum in dB, and peak / RMS levels. Fed and read on one thread (the monitor's animation timer); the
 * audio thread only ever writes the tap ring, never this.
 */
public final class MonitorModel implements Spectrum {
    /** Samples kept and FFT size: 8192 at 48 kHz is 5.9 Hz a bin, fine enough to tell 55 Hz from its neighbours. */
    public static final int SIZE = 8192;
    private static final double FLOOR_DB = -120;

    private final double sampleRate;
    private final float[] history = new float[SIZE];
    private final float[] window;
    private final float[] work = new float[SIZE];
    private final float[] spectrum = new float[SIZE + 2];
    private final double[] db = new double[SIZE / 2 + 1];
    private final Fft fft = new Fft(SIZE);
    private final double windowGain;
    private int write;
    private long received;
    private float peakSinceRead;

    public MonitorModel(double sampleRate) {
        this.sampleRate = sampleRate;
        double[] w = Window.HANN.samples(SIZE, 0);
        window = new float[SIZE];
        double sum = 0;
        for (int i = 0; i < SIZE; i++) {
            window[i] = (float) w[i];
            sum += w[i];
        }
        windowGain = sum; // a full-scale sine's bin reads amplitude * sum / 2: scaled so it shows as 0 dB
    }

    @Override
    public double sampleRate() {
        return sampleRate;
    }

    /** Appends {@code n} new samples (oldest first). */
    public void feed(float[] samples, int n) {
        for (int i = 0; i < n; i++) {
            float s = samples[i];
            history[write] = s;
            write = (write + 1) & (SIZE - 1);
            float a = Math.abs(s);
            if (a > peakSinceRead) peakSinceRead = a;
        }
        received += n;
    }

    /** Samples seen since the monitor opened. */
    public long received() {
        return received;
    }

    /** The last {@code dst.length} (at most {@link #SIZE}) samples, oldest first. */
    public float[] latest(float[] dst) {
        int n = Math.min(dst.length, SIZE);
        int start = (write - n) & (SIZE - 1);
        for (int i = 0; i < n; i++) dst[i] = history[(start + i) & (SIZE - 1)];
        return dst;
    }

    /** Recomputes the spectrum of the last {@link #SIZE} samples; returns dB per bin (0 dB = a full-scale sine). */
    @Override
    public double[] spectrumDb() {
        latest(work);
        for (int i = 0; i < SIZE; i++) work[i] *= window[i];
        fft.forward(work, spectrum, 0);
        for (int k = 0; k <= SIZE / 2; k++) {
            double re = spectrum[2 * k], im = spectrum[2 * k + 1];
            double amplitude = 2 * Math.sqrt(re * re + im * im) / windowGain;
            db[k] = amplitude > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(amplitude)) : FLOOR_DB;
        }
        return db;
    }

    @Override
    public double binHz() {
        return sampleRate / SIZE;
    }

    /** The loudest bin of the last {@link #spectrumDb()} (DC excluded). */
    @Override
    public int peakBin() {
        int best = 1;
        for (int k = 2; k < db.length; k++) if (db[k] > db[best]) best = k;
        return best;
    }


    /** RMS of the last {@code n} samples. */
    public double rms(int n) {
        int m = Math.min(n, SIZE);
        double sum = 0;
        for (int i = 1; i <= m; i++) {
            float s = history[(write - i) & (SIZE - 1)];
            sum += s * s;
        }
        return Math.sqrt(sum / m);
    }

    /** The largest |sample| since the last call. */
    public float drainPeak() {
        float p = peakSinceRead;
        peakSinceRead = 0;
        return p;
    }
}
