package dev.conch.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "did you mean" of every refusal: a near spelling, or the one name a short word begins. */
class TextTest {
    private static final List<String> BIQUAD = List.of("type", "frequency", "q", "gain");

    @Test
    void aMisspellingIsNearItsName() {
        assertEquals("frequency", Text.closest("frequnecy", BIQUAD));
        assertEquals("feedback", Text.closest("feedbak", List.of("time", "maxtime", "feedback", "dry", "wet")));
    }

    @Test
    void anAbbreviationNamesTheOneParamItBegins() {
        assertEquals("frequency", Text.closest("freq", BIQUAD));
        assertEquals("frequency", Text.closest("FREQ", BIQUAD));
    }

    @Test
    void nothingIsSuggestedWhenNothingIsNearOrTheBeginningIsShared() {
        assertNull(Text.closest("resonance", BIQUAD));
        assertNull(Text.closest("de", List.of("depth", "decay")));
    }
}
