package dev.conch.editor.monitor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The monitor's numbers against analytic ones: a sine's spectrum peak and level, fed in uneven chunks. */
class MonitorModelTest {

    @Test
    void aSineShowsAtItsFrequencyAndLevel() {
        double sr = 48000, f = 1000;
        MonitorModel m = new MonitorModel(sr);
        float[] chunk = new float[777];
        long t = 0;
        while (t < 3 * MonitorModel.SIZE) {
            for (int i = 0; i < chunk.length; i++, t++) chunk[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * t / sr));
            m.feed(chunk, chunk.length);
        }
        double[] db = m.spectrumDb();
        assertEquals(f, m.peakHz(), m.binHz(), "peak bin " + m.peakBin());
        // 0.5 amplitude is -6.02 dB; a Hann window between bins loses at most 1.42 dB (scalloping)
        assertEquals(-6.02, db[m.peakBin()], 1.5);
        assertEquals(0.5 / Math.sqrt(2), m.rms(4800), 1e-3, "a sine's RMS is its amplitude over root 2");
        assertEquals(0.5, m.drainPeak(), 1e-3);
        assertEquals(0, m.drainPeak(), "the peak is drained by reading it");
        assertTrue(db[m.peakBin() + 40] < -80, "far from the tone the Hann skirt is low: " + db[m.peakBin() + 40]);
    }

    @Test
    void latestReturnsTheNewestSamplesOldestFirst() {
        MonitorModel m = new MonitorModel(48000);
        float[] in = new float[10000];
        for (int i = 0; i < in.length; i++) in[i] = i;
        m.feed(in, in.length);
        float[] out = m.latest(new float[5]);
        assertArrayEquals(new float[] {9995, 9996, 9997, 9998, 9999}, out);
        assertEquals(10000, m.received());
    }

    @Test
    void theLogAxisPutsATonesPeakInTheCellOfItsFrequency() {
        for (double f : new double[] {55, 1000, 9000}) {
            MonitorModel m = new MonitorModel(48000);
            float[] sine = new float[MonitorModel.SIZE];
            for (int i = 0; i < sine.length; i++) sine[i] = (float) Math.sin(2 * Math.PI * f * i / 48000);
            m.feed(sine, sine.length);
            double[] cells = new double[360];
            LogAxis.cells(m.spectrumDb(), m.binHz(), 20, 24000, cells);
            int best = 0;
            for (int c = 1; c < cells.length; c++) if (cells[c] > cells[best]) best = c;
            // the loudest cell's frequency range lies within one bin of the tone
            double lo = 20 * Math.pow(24000 / 20.0, best / 360.0), hi = 20 * Math.pow(24000 / 20.0, (best + 1) / 360.0);
            assertTrue(lo - m.binHz() <= f && f <= hi + m.binHz(), f + " Hz shown in cell " + best + " (" + lo + ".." + hi + " Hz)");
            if (f > 500) assertEquals(LogAxis.cellOf(f, 20, 24000, 360), best, 1, "cell of " + f + " Hz");
        }
    }
}
