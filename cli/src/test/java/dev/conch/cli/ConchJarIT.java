package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built conch.jar (run by Maven in the package phase, once the jar is shaded and ModernClassFiles has run): no
 * class file older than Java 6 is left in it, so JDK 25's AOT cache can hold every class a start links, picocli's too.
 */
class ConchJarIT {
    private static final Path JAR = Path.of(System.getProperty("conch.jar", "target/conch.jar"));
    private static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    @TempDir
    Path dir;

    @Test
    void noClassFileIsOlderThanJava6() throws IOException {
        List<String> old = new ArrayList<>();
        int classes = 0;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (!e.getName().endsWith(".class")) continue;
                try (DataInputStream in = new DataInputStream(zip.getInputStream(e))) {
                    assertEquals(0xcafebabe, in.readInt(), e.getName());
                    in.readUnsignedShort();
                    if (in.readUnsignedShort() < 50) old.add(e.getName());
                }
                classes++;
            }
            assertTrue(zip.getEntry("picocli/CommandLine.class") != null, "picocli is shaded in");
            assertTrue(zip.getEntry("javazoom/jl/decoder/Bitstream.class") != null, "JLayer is shaded in");
        }
        assertTrue(classes > 5000, "a whole jar: " + classes);
        assertEquals(0, old.size(), old.size() + " class files older than Java 6, as " + old.subList(0, Math.min(5, old.size())));
    }

    /**
     * The launcher's training (CacheTraining), then a picocli command and an ordinary render on its cache: picocli
     * comes from the cache, and so does every class of the jar the render and its report need (the report's
     * formatter was left out by a quiet training: 15-20 ms of a 1 s render).
     */
    @Test
    void anAotCacheTrainedOnTheJarHoldsPicocliAndAPlainRendersReport() throws IOException, InterruptedException {
        Optional<Path> java = jdk25();
        Assumptions.assumeTrue(java.isPresent(), "no JDK 25 or newer in /usr/lib/jvm");
        Path cache = dir.resolve("conch.aot");
        Path train = Files.createDirectories(dir.resolve("train"));
        String training = run(java.get(), "-XX:AOTCacheOutput=" + cache, "-Xlog:aot=warning", "-XX:+UseSerialGC",
                "-cp", JAR.toString(), "dev.conch.cli.CacheTraining", NETWORKS.resolve("glass-drone.xml").toString(),
                train.toString());
        assertTrue(Files.size(cache) > 0, training);
        assertFalse(training.contains("Old class has been linked"), training);

        String validate = run(java.get(), "-XX:AOTCache=" + cache, "-Xlog:class+load=info", "-XX:+UseSerialGC",
                "-cp", JAR.toString(), "dev.conch.cli.Conch", "validate", NETWORKS.resolve("glass-drone.xml").toString());
        assertTrue(validate.contains("picocli.CommandLine source: shared objects file"), validate);
        assertFalse(validate.lines().anyMatch(l -> l.contains(" picocli.") && l.contains("source: file:")), validate);

        String render = run(java.get(), "-XX:AOTCache=" + cache, "-Xlog:class+load=info", "-XX:+UseSerialGC",
                "-cp", JAR.toString(), "dev.conch.cli.Conch", "render", NETWORKS.resolve("bench/p1-drone.xml").toString(),
                "--seconds", "0.1", "-o", dir.resolve("p1.wav").toString());
        assertTrue(render.contains("wrote"), "the report is printed: " + render);
        assertTrue(render.contains("dev.conch.cli.Messages source: shared objects file"), render);
        assertEquals(List.of(), render.lines().filter(l -> l.contains("source: file:")).toList(),
                "every class of the jar from the cache");
    }

    /** Output and errors of a java that must exit 0. */
    private static String run(Path java, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    /** A JDK 25 or newer where the launcher looks for one (JAVA_VERSION in its release file). */
    private static Optional<Path> jdk25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> feature(home.resolve("release")) >= 25)
                    .map(home -> home.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }

    private static int feature(Path release) {
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String version = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(version.split("[.\"]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no release file, or one this does not read: not a JDK to use
        }
        return 0;
    }
}
