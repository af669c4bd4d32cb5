package dev.conch.engine.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 16 item 6: a param's scale, its valid values, and the precision a value is committed at. */
class ParamSpecTest {

    @Test
    void hzAndTimeAreLogByDefaultOtherUnitsLinear() {
        assertEquals(ParamSpec.Scale.LOG, ParamSpec.number("frequency", "Hz", 10, 20000, 1000).scale());
        assertEquals(ParamSpec.Scale.LOG, ParamSpec.number("decay", "s", 0.05, 60, 4).scale());
        assertEquals(ParamSpec.Scale.LOG, ParamSpec.number("time", "ms", 0, 60000, 250).scale());
        assertEquals(ParamSpec.Scale.LINEAR, ParamSpec.number("gain", "dB", -96, 24, 0).scale());
        assertEquals(ParamSpec.Scale.LINEAR, ParamSpec.number("mix", "", 0, 1, 0.5).scale());
        assertEquals(ParamSpec.Scale.LINEAR, ParamSpec.number("frequency", "Hz", 10, 20000, 1000)
                .scaled(ParamSpec.Scale.LINEAR).scale(), "and can be told otherwise");
    }

    @Test
    void onlyPowersOfTwoAreValidWhereSoDeclared() {
        ParamSpec fft = ParamSpec.integer("fftSize", "points", 64, 16384, 1024).onlyPowersOfTwo();
        for (int k = 6; k <= 14; k++) assertEquals(1 << k, fft.parse(Integer.toString(1 << k)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fft.parse("5520"));
        assertEquals("5520 is not a power of two: fftSize takes 64 to 16384 points, a power of two (try 4096 or 8192)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fft.parse("96"));
        assertThrows(IllegalArgumentException.class, () -> fft.parse("32768"), "still in range only");
    }

    @Test
    void aStepAllowsOnlyItsMultiplesFromTheMinimum() {
        ParamSpec semis = ParamSpec.number("pitch", "st", -24, 24, 0).step(0.5);
        assertEquals(-23.5, semis.parse("-23.5"));
        assertEquals(12, semis.parse("12"));
        assertThrows(IllegalArgumentException.class, () -> semis.parse("0.25"));
        assertEquals(0.5, semis.round(0.3));
    }

    /** Issue 16: a slider committed 17598.829787234044 Hz. */
    @Test
    void roundingKeepsFourSignificantDigitsATenthOfADbAndValidValues() {
        ParamSpec hz = ParamSpec.number("frequency", "Hz", 10, 20000, 1000);
        assertEquals(17600, hz.round(17598.829787234044));
        assertEquals(447.2, hz.round(Math.sqrt(10 * 20000.0)));
        assertEquals(10, hz.round(3), "clamped into range");
        assertEquals(0.07, ParamSpec.number("rate", "Hz", 0.001, 100, 1).round(0.0700012));
        assertEquals(-9.1, ParamSpec.number("gain", "dB", -96, 24, 0).round(-9.1234));
        assertEquals(3, ParamSpec.integer("oversample", "", 1, 8, 1).round(2.6));
        ParamSpec fft = ParamSpec.integer("fftSize", "points", 64, 16384, 1024).onlyPowersOfTwo();
        assertEquals(4096, fft.round(5520), "5520 is nearer 4096 than 8192 in octaves");
        assertEquals(8192, fft.round(6000));
        assertEquals(64, fft.round(10));
        // what round gives is always accepted
        for (double v = 1; v < 20000; v *= 1.37) {
            double r = hz.round(v);
            assertDoesNotThrow(() -> hz.parse(hz.textOf(r)));
        }
    }
}
