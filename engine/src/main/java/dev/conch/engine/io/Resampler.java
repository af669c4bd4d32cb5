package dev.conch.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc, for audio read off the audio thread (a file
 * at 44.1 kHz played in a 48 kHz network): whole, with {@link #resample}, or as a stream read block by block from a
 * {@link Source}, holding only the kernel's reach of input (what {@code conch process} does with a long file). Both
 * give the same samples bit for bit: the whole-file form is the stream read at once. Creating one allocates; reading
 * a stream does not.
 *
 * <p>Stated response, relative to the <b>lower</b> of the two rates (fs_low):
 * <ul>
 *   <li>passband ripple below 0.1 dB from DC to {@value #PASSBAND} · fs_low;</li>
 *   <li>rejection above 80 dB from {@value #STOPBAND} · fs_low up (images when upsampling, aliases when
 *       downsampling).</li>
 * </ul>
 * At 44.1 kHz that is flat to 20.07 kHz and rejecting from 22.05 kHz: the whole audio band survives a
 * 44.1 ↔ 48 kHz conversion. The cutoff sits at 0.477 · fs_low. The kernel spans {@value #ZEROS} periods of fs_low
 * either side, Kaiser β = {@value #BETA} (side lobes near -100 dB), so the transition from pass to stop takes about
 * 0.033 · fs_low ([0.460, 0.494]) and both edges keep a margin. {@code ResamplerTest} measures both;
 * {@code ResamplerSweepTest} measures the 44.1 → 48 kHz sweep quoted in the README.
 *
 * <p>Time alignment: output sample m is the band-limited input evaluated at time m / toRate, so sample 0 of
 * both coincide and there is no delay. Outside the input the signal is taken as zero (the edges fade over the
 * kernel's half-width, {@value #ZEROS} periods of fs_low).
 */
public final class Resampler {
    /** Upper edge of the flat passband, as a fraction of the lower rate. */
    public static final double PASSBAND = 0.455;
    /** Lower edge of the stopband, as a fraction of the lower rate. */
    public static final double STOPBAND = 0.5;

    private static final double CUTOFF = 0.477;
    private static final int ZEROS = 96;
    private static final double BETA = 10;
    /** Kernel table points per period of the lower rate; linear interpolation between them stays below -120 dB. */
    private static final int TABLE_STEPS = 1024;
    /** Input frames read from the source at a time. */
    private static final int CHUNK = 4096;

    /** The input, read forwards: like a file stream, it fills {@code dst} from {@code offset} and says how much. */
    @FunctionalInterface
    public interface Source {
        int read(float[][] dst, int offset, int frames) throws IOException;
    }

    private final Source source;
    private final long inLength;
    private final long outLength;
    private final double scale;
    private final double reach;
    private final double step;
    private final double[] table = Kernel.TABLE;
    /** Input frames windowStart .. windowStart + windowFill - 1, the reach of the next outputs. */
    private final float[][] window;
    private long windowStart;
    private int windowFill;
    private long produced;

    /**
     * A stream of {@code inLength} frames from {@code source}, at {@code fromRate}, resampled to {@code toRate}:
     * {@link #length()} = ceil(inLength · to / from) frames.
     */
    public Resampler(int channels, long inLength, double fromRate, double toRate, Source source) {
        if (!(fromRate > 0) || !(toRate > 0) || Double.isInfinite(fromRate) || Double.isInfinite(toRate)) {
            throw new IllegalArgumentException("cannot resample from " + fromRate + " Hz to " + toRate
                    + " Hz: both rates must be positive");
        }
        this.source = source;
        this.inLength = inLength;
        this.outLength = lengthOf(inLength, fromRate, toRate);
        // u: time in periods of the lower rate; scale converts input samples to u
        this.scale = Math.min(1, toRate / fromRate);
        this.reach = ZEROS / scale;             // kernel half-width in input samples
        this.step = fromRate / toRate;          // input samples per output sample
        this.window = new float[channels][(int) Math.ceil(2 * reach) + 2 + CHUNK];
    }

    /** Frames that {@code inLength} input frames become: ceil(inLength · to / from). */
    public static long lengthOf(long inLength, double fromRate, double toRate) {
        // the small allowance keeps 44100 samples at 44.1 -> 48 kHz from becoming 48001 through rounding
        return (long) Math.ceil((double) inLength * toRate / fromRate - 1e-9);
    }

    /** Frames the stream gives in all. */
    public long length() {
        return outLength;
    }

    /**
     * The next frames, up to {@code frames}, into {@code dst} from {@code offset}; fewer only at the end.
     *
     * @return frames written, 0 at the end
     */
    public int read(float[][] dst, int offset, int frames) throws IOException {
        int n = (int) Math.min(frames, outLength - produced);
        for (int j = 0; j < n; j++, produced++) {
            double t = produced * step;
            long first = Math.max(0, (long) Math.ceil(t - reach));
            long last = Math.min(inLength - 1, (long) Math.floor(t + reach));
            bufferThrough(first, last);
            for (int c = 0; c < window.length; c++) {
                float[] x = window[c];
                double sum = 0;
                for (long k = first; k <= last; k++) {
                    double pos = Math.abs(t - k) * scale * TABLE_STEPS;
                    int i = (int) pos;
                    double f = pos - i;
                    sum += x[(int) (k - windowStart)] * (table[i] + f * (table[i + 1] - table[i]));
                }
                dst[c][offset + j] = (float) (sum * scale);
            }
        }
        return n;
    }

    /** Makes input frames first .. last present in the window, dropping what no later output reaches. */
    private void bufferThrough(long first, long last) throws IOException {
        if (last < windowStart + windowFill) return;
        int drop = (int) Math.min(first - windowStart, windowFill);
        if (drop > 0) {
            for (float[] x : window) System.arraycopy(x, drop, x, 0, windowFill - drop);
            windowStart += drop;
            windowFill -= drop;
        }
        while (windowStart + windowFill <= last) {
            int want = (int) Math.min(window[0].length - windowFill, inLength - windowStart - windowFill);
            int got = source.read(window, windowFill, want);
            if (got <= 0) {
                // a source that ends before its announced length reads as silence, as outside the input
                for (float[] x : window) java.util.Arrays.fill(x, windowFill, windowFill + want, 0f);
                got = want;
            }
            windowFill += got;
        }
    }

    /**
     * The signal {@code x}, sampled at {@code fromRate}, resampled to {@code toRate}: ceil(length · to / from)
     * samples. Equal rates return a copy.
     */
    public static float[] resample(float[] x, double fromRate, double toRate) {
        if (fromRate == toRate && fromRate > 0 && !Double.isInfinite(fromRate)) return x.clone();
        int[] at = {0};
        Resampler r = new Resampler(1, x.length, fromRate, toRate, (dst, offset, frames) -> {
            int n = Math.min(frames, x.length - at[0]);
            System.arraycopy(x, at[0], dst[0], offset, n);
            at[0] += n;
            return n;
        });
        if (r.length() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampling " + x.length + " samples from " + fromRate + " Hz to "
                    + toRate + " Hz would give " + r.length() + " samples, more than an array holds");
        }
        float[][] y = new float[1][(int) r.length()];
        try {
            r.read(y, 0, y[0].length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an array cannot fail", e);
        }
        return y[0];
    }

    /** The kernel, computed once: every stream reads the same table. */
    private static final class Kernel {
        static final double[] TABLE = kernelTable();
    }

    /** g(u) = 2c · sinc(2c·u) · kaiser(u / ZEROS) for u = 0 … ZEROS in steps of 1/TABLE_STEPS, c = CUTOFF. */
    private static double[] kernelTable() {
        int size = ZEROS * TABLE_STEPS + 2;
        double[] g = new double[size];
        double i0Beta = besselI0(BETA);
        for (int j = 0; j < size; j++) {
            double u = (double) j / TABLE_STEPS;
            double r = u / ZEROS;
            if (r >= 1) {
                g[j] = 0;
                continue;
            }
            double arg = 2 * CUTOFF * u;
            double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            g[j] = 2 * CUTOFF * sinc * besselI0(BETA * Math.sqrt(1 - r * r)) / i0Beta;
        }
        return g;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x ≤ 20). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
