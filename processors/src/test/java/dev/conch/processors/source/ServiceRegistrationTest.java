package dev.conch.processors.source;

import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorIndex;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

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

    /**
     * The index the build writes (names, categories and descriptions, so a render reads no annotation) says what the
     * annotations say, for every type: a registry that cannot see the index reads each annotation and must describe
     * every type the same.
     */
    @Test
    void theIndexDescribesEveryTypeAsItsAnnotationDoes() throws IOException {
        ClassLoader withoutIndex = new ClassLoader(ServiceRegistrationTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(ProcessorIndex.RESOURCE) ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };
        assertTrue(ServiceRegistrationTest.class.getClassLoader().getResources(ProcessorIndex.RESOURCE).hasMoreElements(),
                "the build wrote no index: this would compare the annotations with themselves");
        List<ProcessorDescriptor> indexed = List.copyOf(ProcessorRegistry.load().descriptors());
        List<ProcessorDescriptor> annotated = List.copyOf(ProcessorRegistry.load(withoutIndex).descriptors());
        assertTrue(indexed.size() >= 50, "only " + indexed.size() + " types");
        assertEquals(annotated, indexed);
    }
}
