package dev.conch.processors.spectral.plot;

import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The picture exists at its size, and a pure 1 kHz sine is brightest on the row where the log axis puts 1 kHz. */
class SpectrogramPlotTest {
    @TempDir
    Path dir;

    @Test
    void aSineIsBrightestAtItsFrequencyRow() throws Exception {
        double sr = 48000;
        float[] sine = Signals.sine(96000, 1000, sr, 0.5);
        Path png = dir.resolve("sub/plot.png");
        // the folder is the user's to make: a plot never creates one (nor replaces a folder at its path)
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> SpectrogramPlot.write(new float[][]{sine, sine}, sr, png));
        assertFalse(Files.exists(png.getParent()));
        Files.createDirectory(png.getParent());
        SpectrogramPlot.write(new float[][]{sine, sine}, sr, png);
        assertTrue(Files.size(png) > 1000);
        BufferedImage img = ImageIO.read(png.toFile()); // read back by ImageIO's own PNG reader
        assertEquals(SpectrogramPlot.WIDTH, img.getWidth());
        assertEquals(SpectrogramPlot.HEIGHT, img.getHeight());
        // a row is 1.5 % of frequency, an FFT bin about 1.5 rows here: the brightest rows form a short plateau
        double[] rows = new double[SpectrogramPlot.HEIGHT];
        double bestSum = -1;
        for (int y = SpectrogramPlot.SPEC_TOP; y < SpectrogramPlot.SPEC_BOTTOM; y++) {
            for (int x = SpectrogramPlot.PLOT_LEFT; x < SpectrogramPlot.PLOT_RIGHT; x++) {
                int rgb = img.getRGB(x, y);
                rows[y] += ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
            }
            bestSum = Math.max(bestSum, rows[y]);
        }
        int first = -1, last = -1;
        for (int y = SpectrogramPlot.SPEC_TOP; y < SpectrogramPlot.SPEC_BOTTOM; y++) {
            if (rows[y] == bestSum) {
                if (first < 0) first = y;
                last = y;
            }
        }
        assertTrue(last - first <= 3, "one plateau of brightest rows: " + first + ".." + last);
        double best = (first + last) / 2.0;
        // independent of the plot's code: 1 kHz on a log axis from 20 Hz (bottom) to 24 kHz (top)
        double u = Math.log(1000 / 20.0) / Math.log(24000 / 20.0);
        double expected = SpectrogramPlot.SPEC_BOTTOM - u * (SpectrogramPlot.SPEC_BOTTOM - SpectrogramPlot.SPEC_TOP);
        assertEquals(expected, best, 2.0, "brightest row");
        // and the waveform panel shows the sine reaching about ±0.5 of its half-height
        int mid = (SpectrogramPlot.WAVE_TOP + SpectrogramPlot.WAVE_BOTTOM) / 2;
        int quarter = (SpectrogramPlot.WAVE_BOTTOM - SpectrogramPlot.WAVE_TOP) / 4;
        int x = (SpectrogramPlot.PLOT_LEFT + SpectrogramPlot.PLOT_RIGHT) / 2;
        assertTrue(isBlue(img.getRGB(x, mid - quarter + 2)) && !isBlue(img.getRGB(x, mid - quarter - 6)));
    }

    private static boolean isBlue(int rgb) {
        return (rgb & 255) > 120 && ((rgb >> 16) & 255) < 80;
    }
}
