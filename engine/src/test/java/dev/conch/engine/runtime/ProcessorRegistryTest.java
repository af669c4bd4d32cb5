package dev.conch.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry finds what the service files list, with or without an index beside them, and makes a type only when
 * it is used: loading it for a render of a few types must not instantiate the rest (that was ~40 ms of start-up).
 */
class ProcessorRegistryTest {
    static final AtomicInteger MADE = new AtomicInteger();

    /** Counts its instances; what a third party's processor looks like. */
    @ProcessorInfo(name = "Counted", category = "Test", description = "Counts how often it is made.")
    public static final class Counted extends Processor {
        private final Output out = audioOut("out", "silence");

        public Counted() {
            MADE.incrementAndGet();
        }

        @Override
        public void prepare(ProcessContext ctx) {
        }

        @Override
        public void process(int frames) {
        }
    }

    /** A class folder holding only a service file naming {@link Counted} and, when {@code index}, its index. */
    private static ClassLoader jarOfCounted(Path dir, boolean index) throws IOException {
        Path services = dir.resolve(ProcessorRegistry.SERVICES);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# a comment, then the class\n  " + Counted.class.getName() + "  # trailing\n");
        if (index) {
            Path file = dir.resolve(ProcessorIndex.RESOURCE);
            Files.createDirectories(file.getParent());
            String c = Counted.class.getName();
            Files.writeString(file, c + ".name=Counted\n" + c + ".category=Test\n" + c
                    + ".description=Counts how often it is made.\n");
        }
        // the test's own loader finds the class; the folder adds the files, and only the folder's are read
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ProcessorRegistryTest.class.getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                return findResources(name);
            }
        };
    }

    @Test
    void anIndexedTypeIsMadeOnlyWhenUsed(@TempDir Path dir) throws IOException {
        ProcessorRegistry registry = ProcessorRegistry.load(jarOfCounted(dir, true));
        MADE.set(0);
        assertTrue(registry.has("Counted"));
        assertEquals("Counted", registry.closest("Countd"));
        assertEquals(0, MADE.get(), "loading the registry made a processor");
        ProcessorDescriptor d = registry.descriptor("Counted");
        assertEquals(new ProcessorDescriptor("Counted", "Test", "Counts how often it is made.",
                List.of(), List.of(PortSpec.audio("out", "silence")), List.of(), false), d);
        registry.descriptor("Counted");
        assertEquals(1, MADE.get(), "the descriptor is made once");
        registry.create("Counted", Map.of());
        assertEquals(2, MADE.get());
    }

    /** A third party's jar has a service file and no index: its types are read from their annotations, as always. */
    @Test
    void aTypeNoIndexNamesIsReadFromItsAnnotation(@TempDir Path dir) throws IOException {
        ProcessorRegistry indexed = ProcessorRegistry.load(jarOfCounted(dir.resolve("a"), true));
        ProcessorRegistry plain = ProcessorRegistry.load(jarOfCounted(dir.resolve("b"), false));
        assertTrue(plain.has("Counted"));
        assertEquals(List.copyOf(indexed.descriptors()), List.copyOf(plain.descriptors()));
        assertEquals(ProcessorRegistry.of(Counted.class).descriptor("Counted"), plain.descriptor("Counted"));
        assertFalse(plain.has("Oscillator"));
    }

    /** The engine's own types come from the index the build wrote, and describe themselves as their annotations say. */
    @Test
    void theEnginesIndexAgreesWithTheAnnotations() {
        ProcessorRegistry registry = ProcessorRegistry.load();
        for (Class<? extends Processor> type : List.of(AudioInput.class, AudioOutput.class, Inlet.class, Outlet.class,
                Sum.class)) {
            String name = type.getAnnotation(ProcessorInfo.class).name();
            assertEquals(ProcessorRegistry.of(type).descriptor(name), registry.descriptor(name), name);
        }
        assertTrue(ProcessorRegistryTest.class.getClassLoader().getResource(ProcessorIndex.RESOURCE) != null,
                "the build wrote no index, so this test compared the annotations with themselves");
    }
}
