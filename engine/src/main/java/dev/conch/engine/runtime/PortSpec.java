package dev.conch.engine.runtime;

/**
 * The declaration of one port.
 *
 * @param name        the name used in connections ({@code node.port})
 * @param kind        audio, spectrum or control
 * @param rate        tokens consumed or produced per firing (1 for ordinary audio processors)
 * @param width       floats per token: 1 for audio and control, {@code fftSize+2} for a spectrum
 * @param optional    an input that may stay unconnected (it then reads silence)
 * @param description one line for {@code conch describe} and the editor
 */
public record PortSpec(String name, PortKind kind, int rate, int width, boolean optional, String description) {

    public PortSpec {
        if (rate < 1) throw new IllegalArgumentException("port " + name + ": rate must be >= 1");
        if (width < 1) throw new IllegalArgumentException("port " + name + ": width must be >= 1");
    }

    public static PortSpec audio(String name, String description) {
        return new PortSpec(name, PortKind.AUDIO, 1, 1, false, description);
    }

    public static PortSpec control(String name, String description) {
        return new PortSpec(name, PortKind.CONTROL, 1, 1, false, description);
    }

    /** A spectrum port carrying frames of an FFT of {@code fftSize} points. */
    public static PortSpec spectrum(String name, int fftSize, String description) {
        return new PortSpec(name, PortKind.SPECTRUM, 1, fftSize + 2, false, description);
    }

    public PortSpec withRate(int tokensPerFiring) {
        return new PortSpec(name, kind, tokensPerFiring, width, optional, description);
    }

    public PortSpec asOptional() {
        return new PortSpec(name, kind, rate, width, true, description);
    }

    /** For a spectrum port: the FFT size its frames come from. */
    public int fftSize() {
        return kind == PortKind.SPECTRUM ? width - 2 : 0;
    }

    /** "audio", "control", "spectrum(1024)", with "×3" when a firing moves several tokens. */
    public String typeLabel() {
        String base = kind == PortKind.SPECTRUM ? "spectrum(" + fftSize() + ")" : kind.label();
        return rate == 1 ? base : base + " x" + rate;
    }
}
