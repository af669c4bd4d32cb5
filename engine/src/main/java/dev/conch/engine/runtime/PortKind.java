package dev.conch.engine.runtime;

/** What flows through a port. Connections are legal only between ports of the same kind (and, for spectra, the same size). */
public enum PortKind {
    /** One channel of float samples, one token per sample. */
    AUDIO,
    /** Frames of {@code fftSize/2+1} complex bins, interleaved re/im: one token is {@code fftSize+2} floats. */
    SPECTRUM,
    /** A control signal: one float value per sample, so control is sample-accurate by construction. */
    CONTROL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
