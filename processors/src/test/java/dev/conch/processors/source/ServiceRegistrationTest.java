package dev.conch.processors.source;

import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services file registers every standard processor, so ServiceLoader (and so the CLI and compiler) finds them. */
class ServiceRegistrationTest {
    @Test
    void allSevenStandardProcessorsAreFoundByServiceLoader() {
        ProcessorRegistry registry = ProcessorRegistry.load();
        for (String type : new String[]{"Oscillator", "Noise", "Biquad", "Waveshaper", "Gain", "Mixer", "Delay"}) {
            assertTrue(registry.has(type), type + " is not registered in META-INF/services");
            ProcessorDescriptor d = registry.descriptor(type);
            assertFalse(d.description().isBlank(), type);
            assertEquals(1, d.outputs().size(), type + " has one output");
        }
        assertTrue(registry.descriptor("Delay").breaksFeedback());
        assertFalse(registry.descriptor("Biquad").breaksFeedback());
    }
}
