package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code conch process --runner flink-local}: SIGINT to a real JVM whose MiniCluster renders two files
 * over earlier outputs. The job is cancelled, every task's render aborts, and the targets hold what they held, with no
 * temporary file beside them (before the runner cancelled its job on shutdown, the JVM ended with the renders in
 * flight and their temporary files stayed).
 */
class FlinkInterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigintCancelsTheJobAndLeavesEveryTargetAsItWas() throws Exception {
        List<String> names = List.of("sine-v0001.wav", "sine-v0002.wav");
        for (String n : names) Files.writeString(dir.resolve(n), "the user's earlier " + n);
        Path network = Path.of(System.getProperty("conch.networks", "../networks")).resolve("bench/p1-drone.xml");
        Path log = Files.createTempFile("flink-interrupt", ".log");
        // env --default-signal=INT: see RenderInterruptTest; 24 hours of audio each, still rendering when it comes
        Process p = new ProcessBuilder("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Conch.class.getName(),
                "process", network.toString(), "-o", dir.toString(), "--seconds", "86400", "--vary",
                "saw.frequency=100,200", "--force", "--runner", "flink-local")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitTemporaryFile(p, log);
            Thread.sleep(500);
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor());
            boolean exited = p.waitFor(30, TimeUnit.SECONDS);
            String output = Files.readString(log);
            assertTrue(exited, "still running 30 s after SIGINT\n" + output);
            assertTrue(output.contains("interrupted: the files being rendered were left as they were"), output);
            List<String> left = list().stream().filter(n -> !n.startsWith("sine-v")).toList();
            assertEquals(List.of(), left, "temporary files or a manifest were left\n" + output);
            for (String n : names) {
                assertArrayEquals(("the user's earlier " + n).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve(n)), n);
            }
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private List<String> list() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private void awaitTemporaryFile(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (list().stream().anyMatch(n -> n.contains(".part-"))) return;
            if (!p.isAlive()) throw new AssertionError("the batch ended before it was interrupted\n" + Files.readString(log));
            Thread.sleep(50);
        }
        throw new AssertionError("no temporary file within 120 s: " + list() + "\n" + Files.readString(log));
    }
}
