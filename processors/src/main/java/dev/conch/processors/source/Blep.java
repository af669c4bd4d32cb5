package dev.conch.processors.source;

/**
 * Band-limited step (BLEP) and ramp (BLAMP) residuals for {@link Oscillator}, tabulated once.
 *
 * <p>The kernel is a Kaiser-windowed sinc (β = 7.86, about -80 dB) {@link #HALF_WIDTH} samples either side,
 * with its cutoff at 0.461 cycles per sample so its stopband starts at the Nyquist frequency: what the
 * corrected waveform keeps above Nyquist, the part that aliases, is about 80 dB down. Its passband reaches
 * about 0.42 × the sample rate (20 kHz at 48 kHz).
 *
 * <p>{@code step(τ)} is the integrated kernel minus the unit step, at τ samples from the discontinuity (zero for
 * |τ| ≥ HALF_WIDTH); adding h·step(m - t) to a naive waveform with a jump of h at time t band-limits the jump.
 * {@code ramp(τ)} is step integrated once: adding Δ·ramp(m - t) band-limits a change of slope of Δ per sample.
 * Tables hold {@link #PHASES} points per sample, read with linear interpolation.
 */
final class Blep {
    static final int HALF_WIDTH = 32;
    private static final int PHASES = 256;
    private static final double[] STEP, RAMP;

    static {
        int size = 2 * HALF_WIDTH * PHASES + 1;
        double cutoff = 0.4608, beta = 7.86;
        double[] kernel = new double[size];
        double i0b = besselI0(beta);
        for (int i = 0; i < size; i++) {
            double t = (i - HALF_WIDTH * PHASES) / (double) PHASES;
            double x = 2 * cutoff * t;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = t / HALF_WIDTH;
            kernel[i] = sinc * besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
        }
        // integrate (trapezoid), normalise the integral to exactly 1, integrate once more (in samples)
        double[] integral = new double[size];
        for (int i = 1; i < size; i++) integral[i] = integral[i - 1] + 0.5 * (kernel[i - 1] + kernel[i]);
        double total = integral[size - 1];
        STEP = new double[size];
        for (int i = 0; i < size; i++) STEP[i] = integral[i] / total;
        RAMP = new double[size];
        for (int i = 1; i < size; i++) RAMP[i] = RAMP[i - 1] + 0.5 * (STEP[i - 1] + STEP[i]) / PHASES;
        // by symmetry RAMP ends at exactly HALF_WIDTH; remove the rounding so ramp(HALF_WIDTH) is 0
        double drift = RAMP[size - 1] - HALF_WIDTH;
        for (int i = 0; i < size; i++) RAMP[i] -= drift * i / (size - 1);
    }

    private Blep() {
    }

    /** Integrated kernel minus the unit step (which is 1 from τ = 0 on). */
    static double step(double tau) {
        if (!(tau > -HALF_WIDTH) || tau >= HALF_WIDTH) return 0;
        return lookup(STEP, tau) - (tau >= 0 ? 1 : 0);
    }

    /** Twice-integrated kernel minus the unit ramp max(τ, 0). */
    static double ramp(double tau) {
        if (!(tau > -HALF_WIDTH) || tau >= HALF_WIDTH) return 0;
        return lookup(RAMP, tau) - (tau > 0 ? tau : 0);
    }

    /** The tables are smooth (the jump and the kink are subtracted analytically), so linear interpolation is accurate. */
    private static double lookup(double[] table, double tau) {
        double x = (tau + HALF_WIDTH) * PHASES;
        int i = (int) x;
        if (i >= table.length - 1) return table[table.length - 1];
        double f = x - i;
        return table[i] + f * (table[i + 1] - table[i]);
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 80; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
