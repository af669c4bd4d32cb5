package dev.conch.editor.monitor;

/** What a spectrum plot or spectrogram draws: dB per bin (0 dB = a full-scale sine), and the bins' spacing. */
interface Spectrum {
    /** dB per bin, 0 to Nyquist. */
    double[] spectrumDb();

    double binHz();

    double sampleRate();

    /** The loudest bin of the last {@link #spectrumDb()} (DC excluded). */
    int peakBin();

    default double peakHz() {
        return peakBin() * binHz();
    }
}
