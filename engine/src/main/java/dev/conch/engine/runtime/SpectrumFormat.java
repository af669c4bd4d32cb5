package dev.conch.engine.runtime;

import java.util.List;
import java.util.Locale;

/**
 * How the frames of a spectrum stream were cut: what an STFT's output carries so that every spectral node after it,
 * down to the ISTFT that inverts it, works on the same framing without being told it again. Since network format
 * version 2 the consumers have no framing params: the compiler gives each one the format of its input (see
 * {@link Processor#inputFormat(String)}).
 *
 * @param fftSize      FFT points; a frame is {@code fftSize / 2 + 1} complex bins, {@code fftSize + 2} floats
 * @param windowLength analysis window length in samples (already resolved: never 0)
 * @param window       the window shape's name as the network file writes it ("hann", "kaiser", ...)
 * @param beta         Kaiser's shape parameter (carried for every window; only a Kaiser window depends on it)
 * @param overlap      frames per window length
 */
public record SpectrumFormat(int fftSize, int windowLength, String window, double beta, int overlap) {
    /** What an STFT with no params set produces; what a spectral node assumes before it is connected. */
    public static final SpectrumFormat DEFAULT = new SpectrumFormat(1024, 1024, "hann", 8, 4);

    /** The params version-1 files repeated on spectral consumers, which now come from the input. */
    public static final List<String> PARAMS = List.of("fftSize", "windowLength", "window", "beta", "overlap", "hop");

    public SpectrumFormat {
        if (fftSize < 2 || windowLength < 1 || overlap < 1 || windowLength < overlap || window == null) {
            throw new IllegalArgumentException("not a spectrum format: fftSize " + fftSize + ", windowLength "
                    + windowLength + ", window " + window + ", overlap " + overlap);
        }
    }

    /** Samples between frames: one frame per hop. */
    public int hop() {
        return windowLength / overlap;
    }

    /** Floats per frame (a token of the stream). */
    public int width() {
        return fftSize + 2;
    }

    /**
     * This format's value of one of {@link #PARAMS}, as the network file would write it, or null for another
     * name; windowLength is the resolved length.
     */
    public String paramText(String name) {
        return switch (name) {
            case "fftSize" -> Integer.toString(fftSize);
            case "windowLength" -> Integer.toString(windowLength);
            case "window" -> window;
            case "beta" -> number(beta);
            case "overlap" -> Integer.toString(overlap);
            case "hop" -> Integer.toString(hop());
            default -> null;
        };
    }

    /**
     * Whether {@code text}, a value a version-1 file gave {@code name} on a consumer, describes this format: as its
     * own STFT would have read it (windowLength 0 is the FFT size; beta matters only to a Kaiser window).
     */
    public boolean agrees(String name, String text) {
        String t = text.trim();
        if (name.equals("window")) return t.equalsIgnoreCase(window);
        if (name.equals("beta") && !window.equals("kaiser")) return true;
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return false;
        }
        if (name.equals("windowLength") && v == 0) v = fftSize;
        return switch (name) {
            case "fftSize" -> v == fftSize;
            case "windowLength" -> v == windowLength;
            case "beta" -> v == beta;
            case "overlap" -> v == overlap;
            case "hop" -> v == hop();
            default -> false;
        };
    }

    /** "fftSize 1024, window hann of 1024 samples, overlap 4 (hop 256)", for messages and the inspector. */
    public String label() {
        return "fftSize " + fftSize + ", window " + window + (window.equals("kaiser") ? " (beta " + number(beta) + ")" : "")
                + " of " + windowLength + " samples, overlap " + overlap + " (hop " + hop() + ")";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
