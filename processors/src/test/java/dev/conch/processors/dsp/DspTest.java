package dev.conch.processors.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shared conversions against their definitions. */
class DspTest {
    @Test
    void dbToGainIsTenToTheDbOverTwentyAndGainToDbItsInverse() {
        for (double db = -120; db <= 24; db += 0.37) {
            double want = Math.pow(10, db / 20);
            assertEquals(want, Dsp.dbToGain(db), want * 1e-14, "dB " + db);
            assertEquals(db, Dsp.gainToDb(want), 1e-12, "gain " + want);
        }
        assertEquals(1.0, Dsp.dbToGain(0));
        assertEquals(Double.NEGATIVE_INFINITY, Dsp.gainToDb(0));
    }

    @Test
    void flushZeroesOnlyMagnitudesBelowTenToTheMinusThirty() {
        assertEquals(0.0, Dsp.flush(Double.MIN_VALUE));
        assertEquals(0.0, Dsp.flush(-9.99e-31));
        assertEquals(0.0, Dsp.flush(-0.0)); // silence is +0, whatever its sign was
        assertEquals(1.01e-30, Dsp.flush(1.01e-30));
        assertEquals(-0.5, Dsp.flush(-0.5));
        assertEquals(Double.NaN, Dsp.flush(Double.NaN)); // not a denormal: the engine's guard handles it
        assertEquals(0f, Dsp.flush(Float.MIN_NORMAL / 2));
        assertEquals(0f, Dsp.flush(-9.9e-31f));
        assertEquals(1.1e-30f, Dsp.flush(1.1e-30f));
        assertEquals(Float.NEGATIVE_INFINITY, Dsp.flush(Float.NEGATIVE_INFINITY));
    }
}
