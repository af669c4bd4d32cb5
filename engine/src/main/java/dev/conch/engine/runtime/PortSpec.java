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
 * @param format      for a spectrum port: how its frames were cut (null for audio and control)
 */
public record PortSpec(String name, PortKind kind, int rate, int width, boolean optional, String description,
                       SpectrumFormat format) {

    public PortSpec {
        if (rate < 1) throw new IllegalArgumentException("port " + name + ": rate must be >= 1");
        if (width < 1) throw new IllegalArgumentException("port " + name + ": width must be >= 1");
        if (format != null && width != format.width()) {
            throw new IllegalArgumentException("port " + name + ": width " + width + " is not its format's " + format.width());
        }
    }

    public PortSpec(String name, PortKind kind, int rate, int width, boolean optional, String description) {
        this(name, kind, rate, width, optional, description, null);
    }

    public static PortSpec audio(String name, String description) {
        return new PortSpec(name, PortKind.AUDIO, 1, 1, false, description);
    }

    public static PortSpec control(String name, String description) {
        return new PortSpec(name, PortKind.CONTROL, 1, 1, false, description);
    }

    /** A spectrum port carrying frames cut as {@code format} says. */
    public static PortSpec spectrum(String name, SpectrumFormat format, String description) {
        return new PortSpec(name, PortKind.SPECTRUM, 1, format.width(), false, description, format);
    }

    public PortSpec withRate(int tokensPerFiring) {
        return new PortSpec(name, kind, tokensPerFiring, width, optional, description, format);
    }

    public PortSpec asOptional() {
        return new PortSpec(name, kind, rate, width, true, description, format);
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
