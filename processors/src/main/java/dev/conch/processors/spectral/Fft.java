package dev.conch.processors.spectral;

import org.jtransforms.fft.FloatFFT_1D;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * A real FFT of a power-of-two size through JTransforms, converting between its packed layout and the spectrum
 * port layout: bins 0..n/2 interleaved re, im ({@code n + 2} floats, DC and Nyquist with im = 0).
 *
 * <p>Built off the audio thread. For power-of-two sizes JTransforms' realForward/realInverse allocate nothing;
 * from n = 8192 it would fork work to a thread pool (allocating futures per call), so we force one thread.
 */
public final class Fft {
    private final int n;
    private final FloatFFT_1D fft;

    public Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("FFT size " + n + " is not a power of two");
        this.n = n;
        // a process-wide setting: Conch never wants JTransforms' thread pool on the audio thread
        ConcurrencyUtils.setNumberOfThreads(1);
        this.fft = new FloatFFT_1D(n);
    }

    public int size() {
        return n;
    }

    /** Transforms {@code time} (n samples, overwritten) into {@code spec[at .. at + n + 2)}. */
    public void forward(float[] time, float[] spec, int at) {
        fft.realForward(time);
        spec[at] = time[0];
        spec[at + 1] = 0f;
        System.arraycopy(time, 2, spec, at + 2, n - 2);
        spec[at + n] = time[1];
        spec[at + n + 1] = 0f;
    }

    /** Inverse of {@link #forward}: {@code spec[at .. at + n + 2)} into {@code time} (n samples), scaled by 1/n. */
    public void inverse(float[] spec, int at, float[] time) {
        time[0] = spec[at];
        time[1] = spec[at + n];
        System.arraycopy(spec, at + 2, time, 2, n - 2);
        fft.realInverse(time, true);
    }
}
