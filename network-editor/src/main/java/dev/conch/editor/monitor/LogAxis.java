package dev.conch.editor.monitor;

/**
 * Maps FFT bins onto cells spaced evenly in log frequency (pixels across a spectrum plot, rows up a spectrogram).
 * Each cell shows the loudest bin it covers, so a narrow peak is never lost between two cells; at the low end,
 * where a cell is narrower than a bin, a cell shows the bin its centre falls in.
 */
public final class LogAxis {
    private LogAxis() {
    }

    /** Fills {@code cells} (length = number of cells) from {@code db} (bins 0..n/2) for lowHz..highHz. */
    public static void cells(double[] db, double binHz, double lowHz, double highHz, double[] cells) {
        int n = cells.length;
        double span = Math.log(highHz / lowHz);
        for (int c = 0; c < n; c++) {
            double f0 = lowHz * Math.exp(span * c / n), f1 = lowHz * Math.exp(span * (c + 1) / n);
            int k0 = (int) Math.ceil(f0 / binHz), k1 = (int) Math.floor(f1 / binHz);
            if (k1 < k0) k0 = k1 = (int) Math.round(Math.sqrt(f0 * f1) / binHz); // narrower than a bin
            k0 = Math.max(1, Math.min(k0, db.length - 1));
            k1 = Math.max(k0, Math.min(k1, db.length - 1));
            double top = Double.NEGATIVE_INFINITY;
            for (int k = k0; k <= k1; k++) top = Math.max(top, db[k]);
            cells[c] = top;
        }
    }

    /** The cell (0..n-1) that frequency {@code hz} falls in. */
    public static int cellOf(double hz, double lowHz, double highHz, int n) {
        return (int) Math.floor(n * Math.log(hz / lowHz) / Math.log(highHz / lowHz));
    }
}
