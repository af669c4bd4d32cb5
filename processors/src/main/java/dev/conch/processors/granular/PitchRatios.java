package dev.conch.processors.granular;

import java.util.Arrays;

/**
 * The allowed pitch ratios of a grain, from text such as {@code "1 1.5 2"}: each grain's ratio (from transpose and
 * pitch jitter) snaps to the nearest allowed one, nearest in pitch (log scale), so jitter picks among them and a
 * cloud plays a chord instead of a smear. An empty text allows every ratio.
 */
final class PitchRatios {
    static final double MIN = 1.0 / 16, MAX = 16;

    /** log2 of the allowed ratios, ascending; empty: no snapping. */
    private final double[] octaves;

    private PitchRatios(double[] octaves) {
        this.octaves = octaves;
    }

    /** @throws IllegalArgumentException with a sentence naming the bad entry */
    static PitchRatios parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return new PitchRatios(new double[0]);
        String[] parts = t.split("[\\s,]+");
        double[] o = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            double r;
            try {
                r = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ratios: '" + parts[i] + "' is not a number; list pitch ratios "
                        + "separated by spaces, such as 1 1.5 2");
            }
            if (!(r >= MIN && r <= MAX)) {
                throw new IllegalArgumentException("ratios: " + parts[i] + " is not a usable pitch ratio; each must lie "
                        + "between 0.0625 and 16 (0.5 is an octave down, 2 an octave up)");
            }
            o[i] = Math.log(r) / Math.log(2);
        }
        Arrays.sort(o);
        return new PitchRatios(o);
    }

    boolean any() {
        return octaves.length > 0;
    }

    /** The allowed ratio nearest in pitch to 2^{@code octaves}, as log2; unchanged when every ratio is allowed. */
    double snap(double octave) {
        if (octaves.length == 0) return octave;
        double best = octaves[0];
        for (int i = 1; i < octaves.length; i++) {
            if (Math.abs(octaves[i] - octave) < Math.abs(best - octave)) best = octaves[i];
        }
        return best;
    }
}
