package dev.conch.processors.spectral;

/**
 * Analysis window shapes, all periodic (the DFT-even form: sample W of a symmetric window of length W + 1 is
 * dropped), which is the form whose shifted copies sum to a constant at the textbook overlaps.
 */
public enum Window {
    HANN("hann"), HAMMING("hamming"), BLACKMAN("blackman"), BLACKMANHARRIS("blackmanharris"), KAISER("kaiser"),
    RECTANGULAR("rectangular");

    private final String label;

    Window(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The names as the network file writes them, in declaration order (the choice param's order). */
    public static String[] labels() {
        Window[] all = values();
        String[] s = new String[all.length];
        for (int i = 0; i < all.length; i++) s[i] = all[i].label;
        return s;
    }

    /** {@code length} samples of this window; {@code beta} is Kaiser's shape parameter (ignored by the others). */
    public double[] samples(int length, double beta) {
        double[] w = new double[length];
        for (int m = 0; m < length; m++) {
            double x = 2 * Math.PI * m / length;
            w[m] = switch (this) {
                case HANN -> 0.5 - 0.5 * Math.cos(x);
                case HAMMING -> 0.54 - 0.46 * Math.cos(x);
                case BLACKMAN -> 0.42 - 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
                case BLACKMANHARRIS -> 0.35875 - 0.48829 * Math.cos(x) + 0.14128 * Math.cos(2 * x) - 0.01168 * Math.cos(3 * x);
                case KAISER -> {
                    double r = 2.0 * m / length - 1;
                    yield besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
                }
                case RECTANGULAR -> 1;
            };
        }
        return w;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
