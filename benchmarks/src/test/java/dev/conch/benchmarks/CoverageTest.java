package dev.conch.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

/**
 * The rule that every registered processor type comes with a benchmark and a reference test, checked in
 * {@code mvn verify}: a new processor without either fails the build, naming it.
 */
class CoverageTest {
    /** Where the reference tests live: the engine's and the processors' test sources. */
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..");
    private static final List<Path> TEST_SOURCES = List.of(ROOT.resolve("engine/src/test/java"),
            ROOT.resolve("processors/src/test/java"));

    /** Types whose reference test is not named {@code <Type>Test}: one test class checks several types. */
    private static final Map<String, String> SHARED_TESTS = Map.ofEntries(
            Map.entry("STFT", "StftIdentityTest"),
            Map.entry("ISTFT", "StftIdentityTest"),
            Map.entry("SpectralGain", "SpectralGainFreezeTest"),
            Map.entry("SpectralFreeze", "SpectralGainFreezeTest"),
            Map.entry("AudioOutput", "ScheduleTest"),
            Map.entry("Inlet", "SubNetworkTest"),
            Map.entry("Outlet", "SubNetworkTest"),
            Map.entry("Sum", "SubNetworkTest"),
            Map.entry("FFT", "ComplexSpectrumTest"),
            Map.entry("IFFT", "ComplexSpectrumTest"),
            Map.entry("SpectrumMixer", "ComplexSpectrumTest"),
            Map.entry("SpectrumProduct", "ComplexSpectrumTest"),
            Map.entry("SpectrumInverter", "ComplexSpectrumTest"));

    private static Set<String> registered() {
        Set<String> types = new TreeSet<>();
        for (ProcessorDescriptor d : ProcessorRegistry.load().descriptors()) types.add(d.type());
        return types;
    }

    @Test
    void everyRegisteredProcessorHasABenchmark() {
        Set<String> types = registered();
        assertTrue(types.size() >= 20 && types.contains("Oscillator") && types.contains("SpectralDelay"),
                "the registry was loaded from the processors module: " + types);
        assertEquals(Set.of(), Coverage.missing(), "processor types without a JMH benchmark (see Coverage)");
    }

    @Test
    void everyRegisteredProcessorHasAReferenceTest() throws IOException {
        for (Path dir : TEST_SOURCES) assertTrue(Files.isDirectory(dir), "no test sources at " + dir);
        Set<String> missing = new TreeSet<>();
        for (String type : registered()) {
            String test = SHARED_TESTS.getOrDefault(type, type + "Test");
            Path file = find(test + ".java");
            // the test must exercise the type by name, so a renamed or emptied test cannot keep the entry alive
            if (file == null || !Files.readString(file).matches("(?s).*\\b" + type + "\\b.*")) missing.add(type + " (" + test + ")");
        }
        assertFalse(registered().isEmpty());
        assertEquals(Set.of(), missing, "processor types without a reference test in engine or processors "
                + "src/test/java; name it <Type>Test or list it in CoverageTest.SHARED_TESTS");
    }

    private static Path find(String fileName) throws IOException {
        for (Path dir : TEST_SOURCES) {
            try (Stream<Path> s = Files.walk(dir)) {
                Path hit = s.filter(p -> p.getFileName().toString().equals(fileName)).findFirst().orElse(null);
                if (hit != null) return hit;
            }
        }
        return null;
    }
}
