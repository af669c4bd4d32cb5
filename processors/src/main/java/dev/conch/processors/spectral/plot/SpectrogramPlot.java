package dev.conch.processors.spectral.plot;

import dev.conch.engine.io.TempTarget;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.processors.dsp.Dsp;
import dev.conch.processors.spectral.STFT;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A picture of a render: the waveform over time on top, a spectrogram below (log frequency axis from 20 Hz to
 * Nyquist, colour = level in dB below the loudest bin, 0 to -100 dB, with a colour bar), computed with Conch's own
 * {@link STFT} (Hann, 2048 points, overlap 4) on the channels' average. Java2D + ImageIO, no display needed.
 */
public final class SpectrogramPlot {
    public static final int WIDTH = 1200, HEIGHT = 800;
    /** The plot areas, in pixels: both panels share the x range [PLOT_LEFT, PLOT_RIGHT). */
    public static final int PLOT_LEFT = 80, PLOT_RIGHT = 1080, WAVE_TOP = 40, WAVE_BOTTOM = 220,
            SPEC_TOP = 260, SPEC_BOTTOM = 740;
    public static final double MIN_HZ = 20, FLOOR_DB = -100;
    static final int FFT_SIZE = 2048, OVERLAP = 4;

    private SpectrogramPlot() {
    }

    /**
     * Writes the picture of {@code channels} (each the same length) at {@code sampleRate} to {@code png}, as every
     * file is written ({@link TempTarget#writeAtomically}): the folder must exist, and nothing else is touched.
     */
    public static void write(float[][] channels, double sampleRate, Path png) throws IOException {
        TempTarget.writeAtomically(png, png(channels, sampleRate));
    }

    /**
     * The PNG bytes of the picture. Encoded in memory: {@code ImageIO.write} to a file deletes whatever is at the
     * path first (an empty folder too) and prints a stack trace when it cannot open it.
     */
    public static byte[] png(float[][] channels, double sampleRate) throws IOException {
        if (channels.length == 0) throw new IllegalArgumentException("nothing to plot: no channels");
        System.setProperty("java.awt.headless", "true");
        int len = channels[0].length;
        float[] mono = new float[len];
        for (float[] c : channels) for (int i = 0; i < len; i++) mono[i] += c[i] / channels.length;

        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double seconds = len / sampleRate;

        drawWaveform(g, mono);
        drawSpectrogram(img, mono, sampleRate);
        drawAxes(g, seconds, sampleRate);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // a memory cache: ImageIO's default stream cache is a temporary file
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer is available in this Java");
        }
        return bytes.toByteArray();
    }

    /** Row of the spectrogram where {@code hz} lies (log axis: MIN_HZ at the bottom, Nyquist at the top). */
    public static double yOf(double hz, double sampleRate) {
        double nyquist = sampleRate / 2;
        double u = Math.log(hz / MIN_HZ) / Math.log(nyquist / MIN_HZ);
        return SPEC_BOTTOM - u * (SPEC_BOTTOM - SPEC_TOP);
    }

    private static void drawWaveform(Graphics2D g, float[] x) {
        int w = PLOT_RIGHT - PLOT_LEFT, mid = (WAVE_TOP + WAVE_BOTTOM) / 2, half = (WAVE_BOTTOM - WAVE_TOP) / 2;
        g.setColor(new Color(245, 245, 250));
        g.fillRect(PLOT_LEFT, WAVE_TOP, w, WAVE_BOTTOM - WAVE_TOP);
        g.setColor(new Color(200, 200, 210));
        g.drawLine(PLOT_LEFT, mid, PLOT_RIGHT - 1, mid);
        g.setColor(new Color(30, 70, 160));
        for (int px = 0; px < w; px++) {
            int from = (int) ((long) px * x.length / w), to = (int) ((long) (px + 1) * x.length / w);
            if (to <= from) to = Math.min(x.length, from + 1);
            float lo = 0, hi = 0;
            for (int i = from; i < to; i++) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            int y0 = mid - (int) Math.round(Math.max(-1, Math.min(1, hi)) * half);
            int y1 = mid - (int) Math.round(Math.max(-1, Math.min(1, lo)) * half);
            g.drawLine(PLOT_LEFT + px, y0, PLOT_LEFT + px, y1);
        }
    }

    /** Frames of dB levels: [frame][bin], relative to the loudest bin of the whole signal. */
    private static double[][] levels(float[] x, double sampleRate) {
        ProcessorHarness stft = ProcessorHarness.create(STFT.class,
                Map.of("fftSize", "" + FFT_SIZE, "window", "hann", "overlap", "" + OVERLAP), sampleRate, 1);
        int hop = FFT_SIZE / OVERLAP, bins = FFT_SIZE / 2 + 1;
        // enough frames that the last samples reach a window centre
        int frames = (x.length + FFT_SIZE / 2) / hop + 1;
        double[][] db = new double[frames][bins];
        double peak = 1e-30;
        float[] in = stft.in("in");
        for (int j = 0; j < frames; j++) {
            for (int i = 0; i < hop; i++) {
                int at = j * hop + i;
                in[i] = at < x.length ? x[at] : 0f;
            }
            stft.process(1);
            float[] s = stft.out("out");
            for (int k = 0; k < bins; k++) {
                double m = Math.hypot(s[2 * k], s[2 * k + 1]);
                db[j][k] = m;
                peak = Math.max(peak, m);
            }
        }
        for (double[] frame : db) {
            for (int k = 0; k < bins; k++) frame[k] = Math.max(FLOOR_DB, Dsp.gainToDb(frame[k] / peak + 1e-30));
        }
        return db;
    }

    private static void drawSpectrogram(BufferedImage img, float[] x, double sampleRate) {
        double[][] db = levels(x, sampleRate);
        int hop = FFT_SIZE / OVERLAP, bins = FFT_SIZE / 2 + 1, w = PLOT_RIGHT - PLOT_LEFT;
        double binHz = sampleRate / FFT_SIZE, nyquist = sampleRate / 2;
        for (int px = 0; px < w; px++) {
            // frame j is centred on sample (j+1)·hop − FFT_SIZE/2: the frames whose centres fall in this column
            double t0 = (double) px * x.length / w, t1 = (double) (px + 1) * x.length / w;
            int j0 = (int) Math.ceil((t0 + FFT_SIZE / 2.0) / hop - 1), j1 = (int) Math.ceil((t1 + FFT_SIZE / 2.0) / hop - 1);
            j0 = Math.max(0, Math.min(db.length - 1, j0));
            j1 = Math.max(j0 + 1, Math.min(db.length, j1));
            for (int py = SPEC_TOP; py < SPEC_BOTTOM; py++) {
                // the row covers frequencies between its lower and upper edge on the log axis
                double fHi = MIN_HZ * Math.pow(nyquist / MIN_HZ, (double) (SPEC_BOTTOM - py) / (SPEC_BOTTOM - SPEC_TOP));
                double fLo = MIN_HZ * Math.pow(nyquist / MIN_HZ, (double) (SPEC_BOTTOM - py - 1) / (SPEC_BOTTOM - SPEC_TOP));
                int k0 = (int) Math.round(fLo / binHz), k1 = Math.max(k0, (int) Math.round(fHi / binHz));
                k1 = Math.min(bins - 1, k1);
                double level = FLOOR_DB;
                for (int j = j0; j < j1; j++) for (int k = k0; k <= k1; k++) level = Math.max(level, db[j][k]);
                img.setRGB(PLOT_LEFT + px, py, colour(level));
            }
        }
        // colour bar
        int barX = PLOT_RIGHT + 30;
        for (int py = SPEC_TOP; py < SPEC_BOTTOM; py++) {
            double level = FLOOR_DB * (py - SPEC_TOP) / (double) (SPEC_BOTTOM - SPEC_TOP - 1);
            for (int px = barX; px < barX + 18; px++) img.setRGB(px, py, colour(level));
        }
    }

    /** Dark to bright (black, purple, red, orange, pale yellow): brightness rises with level. */
    static int colour(double db) {
        double u = Math.max(0, Math.min(1, (db - FLOOR_DB) / -FLOOR_DB));
        int[][] stops = {{0, 0, 4}, {60, 10, 100}, {190, 40, 60}, {250, 140, 20}, {252, 255, 164}};
        double pos = u * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) pos);
        double f = pos - i;
        int r = (int) Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0]));
        int gr = (int) Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1]));
        int b = (int) Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2]));
        return (r << 16) | (gr << 8) | b;
    }

    private static void drawAxes(Graphics2D g, double seconds, double sampleRate) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(PLOT_LEFT, WAVE_TOP, PLOT_RIGHT - PLOT_LEFT - 1, WAVE_BOTTOM - WAVE_TOP);
        g.drawRect(PLOT_LEFT - 1, SPEC_TOP - 1, PLOT_RIGHT - PLOT_LEFT + 1, SPEC_BOTTOM - SPEC_TOP + 1);
        FontMetrics fm = g.getFontMetrics();
        g.drawString("waveform (channel average)", PLOT_LEFT, WAVE_TOP - 8);
        g.drawString("spectrogram (STFT 2048, Hann, overlap 4)", PLOT_LEFT, SPEC_TOP - 8);
        for (double v : new double[]{1, 0, -1}) {
            int y = (int) Math.round((WAVE_TOP + WAVE_BOTTOM) / 2.0 - v * (WAVE_BOTTOM - WAVE_TOP) / 2.0);
            String s = v == 0 ? "0" : (v > 0 ? "+1" : "-1");
            g.drawString(s, PLOT_LEFT - 8 - fm.stringWidth(s), y + 4);
        }
        // time ticks under both panels: a 1-2-5 step giving at most ~12 ticks
        double step = niceStep(seconds / 12);
        for (double t = 0; t <= seconds + 1e-9; t += step) {
            int x = PLOT_LEFT + (int) Math.round(t / seconds * (PLOT_RIGHT - PLOT_LEFT - 1));
            g.drawLine(x, SPEC_BOTTOM + 1, x, SPEC_BOTTOM + 5);
            g.drawLine(x, WAVE_BOTTOM, x, WAVE_BOTTOM + 4);
            String s = format(t);
            g.drawString(s, x - fm.stringWidth(s) / 2, SPEC_BOTTOM + 18);
        }
        g.drawString("time (s)", (PLOT_LEFT + PLOT_RIGHT) / 2 - 20, SPEC_BOTTOM + 40);
        for (double f : new double[]{20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 40000}) {
            if (f > sampleRate / 2) break;
            int y = (int) Math.round(yOf(f, sampleRate));
            g.drawLine(PLOT_LEFT - 5, y, PLOT_LEFT - 1, y);
            String s = f >= 1000 ? format(f / 1000) + "k" : format(f);
            g.drawString(s, PLOT_LEFT - 8 - fm.stringWidth(s), y + 4);
        }
        g.rotate(-Math.PI / 2);
        g.drawString("frequency (Hz)", -(SPEC_TOP + SPEC_BOTTOM) / 2 - 40, 22);
        g.rotate(Math.PI / 2);
        int barX = PLOT_RIGHT + 30;
        g.drawRect(barX, SPEC_TOP, 18, SPEC_BOTTOM - SPEC_TOP - 1);
        for (int d = 0; d >= FLOOR_DB; d -= 20) {
            int y = SPEC_TOP + (int) Math.round(d / FLOOR_DB * (SPEC_BOTTOM - SPEC_TOP - 1));
            g.drawString(d + " dB", barX + 24, y + 4);
        }
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-6))));
        for (double m : new double[]{1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    private static String format(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) return Long.toString(Math.round(v));
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
