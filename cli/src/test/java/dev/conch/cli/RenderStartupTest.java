package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a short render must not spend its start-up on (issue 21's start-up target; each was measured in
 * benchmarks/README, "Start-up of a short render"). A child JVM renders P1 (an oscillator, a waveshaper, a biquad,
 * a gain) for 0.1 s with its class loading logged; each test reads one cost off that log.
 */
class RenderStartupTest {
    @TempDir
    static Path dir;
    /** Every class the render loaded, by name. */
    private static Set<String> loaded;
    /** Every class whose initialisation started (an instance's class, among others), by name. */
    private static Set<String> initialized;

    @BeforeAll
    static void renderP1() throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Path p1 = Path.of(System.getProperty("conch.networks", "../networks"), "bench", "p1-drone.xml");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info,class+init=info:file=" + log, "-cp", System.getProperty("java.class.path"), Conch.class.getName(),
                "render", p1.toString(), "--seconds", "0.1", "-q", "-o", dir.resolve("o.wav").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        loaded = new TreeSet<>();
        initialized = new TreeSet<>();
        for (String line : Files.readAllLines(log)) {
            // "[0.123s][info][class,load] dev.conch.Name source: ..."
            int at = line.indexOf("[class,load");
            if (at >= 0) {
                int start = line.indexOf("] ", at) + 2;
                int end = line.indexOf(' ', start);
                if (end > start) loaded.add(line.substring(start, end));
            }
            // "[0.430s][info][class,init] 809 Initializing 'dev/conch/engine/runtime/AudioOutput'(no method) (0x...)"
            int init = line.indexOf("Initializing '");
            if (init >= 0) {
                int start = init + "Initializing '".length();
                initialized.add(line.substring(start, line.indexOf('\'', start)).replace('/', '.'));
            }
        }
        assertTrue(loaded.contains("dev.conch.engine.io.WavWriter"), "the log misses the render");
    }

    /**
     * Only the network's own types are made, of the ~50 the service files list (making them all was ~40 ms cold).
     * (A few more are loaded, not made: the render's {@code instanceof} checks name AudioInput, Print and
     * AudioFileWriter.)
     */
    @Test
    void onlyTheNetworksProcessorTypesAreMade() throws IOException {
        Set<String> types = new TreeSet<>();
        Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/services/dev.conch.engine.runtime.Processor");
        while (files.hasMoreElements()) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(types::add);
            }
        }
        assertTrue(types.size() >= 50, "only " + types.size() + " types listed");
        assertTrue(initialized.contains("dev.conch.cli.Conch"), "the log shows no initialisation");
        types.retainAll(initialized);
        assertEquals(Set.of("dev.conch.engine.runtime.AudioOutput", "dev.conch.processors.filter.Biquad",
                "dev.conch.processors.mix.Gain", "dev.conch.processors.shape.Waveshaper",
                "dev.conch.processors.source.Oscillator"), types);
    }

    /**
     * No annotation is read: the registry's index names the types (the first annotation read spins a proxy class and
     * its method handles). Every annotation object is a proxy over AnnotationInvocationHandler.
     */
    @Test
    void noAnnotationIsRead() {
        List<String> proxies = loaded.stream().filter(c -> c.contains("$Proxy") || c.equals(
                "sun.reflect.annotation.AnnotationInvocationHandler")).toList();
        assertTrue(proxies.isEmpty(), proxies::toString);
    }

    /** No record's equals or hashCode is bootstrapped (ObjectMethods spins method handles no class cache keeps). */
    @Test
    void noRecordMethodIsBootstrapped() {
        assertTrue(!loaded.contains("java.lang.runtime.ObjectMethods"), "a record's equals, hashCode or toString ran");
    }

    /** The XML parser is made directly, not looked up through the class path by the JDK's factory finder. */
    @Test
    void theXmlParserIsNotLookedUp() {
        List<String> lookUps = loaded.stream().filter(c -> c.equals("javax.xml.stream.FactoryFinder")
                || c.startsWith("com.fasterxml.jackson.")).toList();
        assertTrue(lookUps.isEmpty(), lookUps::toString);
        assertTrue(loaded.contains("com.ctc.wstx.stax.WstxInputFactory"), "the network was read by another parser");
    }

    /** A render line PlainRender reads compiles at once on the main thread: a warm-up thread would do it twice. */
    @Test
    void aPlainRenderStartsNoWarmUpThread() {
        assertTrue(!loaded.contains("dev.conch.cli.Warmup"), "the warm-up thread was started");
    }

    /**
     * Nothing a 0.1 s render never uses is set up: the management classes (an automatic render times its nodes only
     * 2.7 s in), nor a JDK comparator whose serializable lambda no class-data cache keeps.
     */
    @Test
    void nothingALongerRenderNeedsIsSetUp() {
        List<String> unused = loaded.stream().filter(c -> c.equals("java.lang.management.ManagementFactory")
                || c.startsWith("java.util.Comparator$$Lambda")).toList();
        assertTrue(unused.isEmpty(), unused::toString);
    }
}
