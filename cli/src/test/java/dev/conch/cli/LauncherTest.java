package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code conch} launcher's choice of JVM options, read off a stand-in {@code java} (CONCH_JAVA) that writes down
 * its arguments and makes the files a cache training asks for, with CONCH_JAR naming a jar so nothing is built.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "conch").toAbsolutePath().normalize();
    @TempDir
    Path dir;
    private Path calls;

    @BeforeEach
    void standInJava() throws IOException {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9\"\n");
        calls = dir.resolve("calls.txt");
        Path java = home.resolve("bin").resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for a in "$@"; do
                  case "$a" in -XX:AOTCacheOutput=*) : > "${a#*=}" ;; esac
                done
                printf '%s\\n' "$*" >> "$CALLS"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("conch.jar"), "not a jar: the stand-in never reads it");
    }

    /** The arguments of the last java the launcher ran (the command itself; a training run comes before it). */
    private String launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CONCH_JAVA", dir.resolve("jdk/bin/java").toString());
        pb.environment().put("CONCH_JAR", dir.resolve("conch.jar").toString());
        pb.environment().put("CALLS", calls.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        List<String> lines = Files.readAllLines(calls);
        return lines.get(lines.size() - 1);
    }

    /** Under 10 s of render, C1 alone (C2's compiling cost more than it saved); longer or unknown, the full JIT. */
    @Test
    void aRenderUnderTenSecondsRunsOnC1Alone() throws IOException, InterruptedException {
        for (String seconds : List.of("1", "0.5", "9.99", ".5", "5.")) {
            assertTrue(launch("render", "net.xml", "--seconds", seconds, "-o", "o.wav").contains("-XX:TieredStopAtLevel=1"),
                    seconds);
        }
        assertTrue(launch("render", "net.xml", "--seconds=2", "-o", "o.wav").contains("-XX:TieredStopAtLevel=1"));
        for (String seconds : List.of("10", "60", "1e3", "600", "1.2.3", "x")) {
            assertFalse(launch("render", "net.xml", "--seconds", seconds, "-o", "o.wav").contains("TieredStopAtLevel"),
                    seconds);
        }
        assertFalse(launch("render", "net.xml", "-o", "o.wav").contains("TieredStopAtLevel"), "no --seconds");
        assertFalse(launch("bench", "net.xml", "--seconds", "1").contains("TieredStopAtLevel"), "bench");
    }

    /**
     * process has an AOT cache of its own, trained on a small batch (its classes and loops: a 200-file batch 0.15-0.3 s
     * sooner); the other commands keep the one trained on a render, which a batch's classes would make start later.
     */
    @Test
    void processHasACacheOfItsOwnTrainedOnABatch() throws IOException, InterruptedException {
        String call = launch("process", "net.xml", "in/", "-o", "out/");
        assertTrue(call.contains("-XX:AOTCache=" + dir.resolve("conch-process.aot") + " "), call);
        List<String> all = Files.readAllLines(calls);
        assertTrue(all.stream().anyMatch(c -> c.contains("-XX:AOTCacheOutput=") && c.contains(" process ")
                && c.contains("networks/glass-shaper.xml")), "trained on a batch: " + all);
        String render = launch("render", "net.xml", "--seconds", "1", "-o", "o.wav");
        assertTrue(render.contains("-XX:AOTCache=" + dir.resolve("conch.aot") + " "), render);
    }

    /** The jar goes on the class path (-jar would open it once more to read its manifest), with native access. */
    @Test
    void theJarIsOnTheClassPathWithNativeAccess() throws IOException, InterruptedException {
        String call = launch("render", "net.xml", "--seconds", "1", "-o", "o.wav");
        assertTrue(call.endsWith("-cp " + dir.resolve("conch.jar") + " --enable-native-access=ALL-UNNAMED "
                + "dev.conch.cli.Conch render net.xml --seconds 1 -o o.wav"), call);
        assertTrue(call.contains("-XX:AOTCache="), "the AOT cache the first call trained is used: " + call);
        assertTrue(Files.readAllLines(calls).get(0).contains("-cp " + dir.resolve("conch.jar")
                + " --enable-native-access=ALL-UNNAMED dev.conch.cli.CacheTraining "), "trained by CacheTraining");
    }
    /**
     * A TERM sent to the launcher while it trains a cache (a timeout, a process manager's stop) stops the training JVM
     * and removes its folder, and the launcher ends by that signal: the training went on for seconds after the
     * launcher had gone, and left its folder in the temporary directory each time.
     */
    @Test
    void aStoppedLauncherStopsItsTrainingAndLeavesNothingBehind() throws Exception {
        Path java = dir.resolve("jdk/bin/java");
        Path pids = dir.resolve("training.pid");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for a in "$@"; do
                  case "$a" in -XX:AOTCacheOutput=*) out="${a#*=}" ;; esac
                done
                if [ -n "${out:-}" ]; then
                  : > "$out"
                  printf '%s %s\\n' "$$" "${out%/*}" >> "$PIDS"
                  exec sleep 30
                fi
                """);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "render", "net.xml", "-o", "o.wav")
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.out").toFile());
        pb.environment().put("CONCH_JAVA", java.toString());
        pb.environment().put("CONCH_JAR", dir.resolve("conch.jar").toString());
        pb.environment().put("PIDS", pids.toString());
        pb.environment().put("TMPDIR", tmp.toString());
        Process launcher = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(pids) && !Files.readString(pids).isBlank()) && System.nanoTime() < deadline) Thread.sleep(20);
        String[] training = Files.readString(pids).trim().split(" ");
        ProcessHandle trainer = ProcessHandle.of(Long.parseLong(training[0])).orElseThrow();
        assertTrue(Files.isDirectory(Path.of(training[1])), "the training folder exists while it trains");

        new ProcessBuilder("kill", "-TERM", Long.toString(launcher.pid())).start().waitFor();
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS), "the launcher ends");
        assertEquals(128 + 15, launcher.exitValue(), "by the TERM it was sent");
        trainer.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(trainer.isAlive(), "the training JVM is stopped");
        assertFalse(Files.exists(Path.of(training[1])), "its folder is gone");
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "nothing left in the temporary directory");
        }
    }

    /**
     * A Flink runner needs cluster/target/conch-cluster.jar, which carries its own copy of the engine: the launcher
     * builds it when it is missing, older than conch.jar, or older than the module's sources, and not otherwise
     * (the command refused it and named the build to run). Read off a stand-in mvn, in a copy of the launcher in a
     * repository of its own.
     */
    @Test
    void aFlinkRunnerBuildsTheClusterJarWhenItIsMissingOrStale() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("cli/target"));
        Files.createDirectories(repo.resolve("cluster/src/main/java"));
        Files.writeString(repo.resolve("cluster/pom.xml"), "<project/>");
        Files.copy(LAUNCHER, repo.resolve("conch"));
        Path conchJar = Files.writeString(repo.resolve("cli/target/conch.jar"), "stand-in");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path builds = dir.resolve("builds.txt");
        Path mvn = Files.writeString(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                printf '%s\\n' "$*" >> "$BUILDS"
                touch cluster/target/conch-cluster.jar 2>/dev/null || { mkdir -p cluster/target && touch cluster/target/conch-cluster.jar; }
                """);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path clusterJar = repo.resolve("cluster/target/conch-cluster.jar");

        java.util.function.Supplier<List<String>> run = () -> {
            try {
                ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("conch").toString(), "process", "net.xml",
                        "in/", "-o", "out/", "--runner", "flink-local").redirectErrorStream(true);
                pb.environment().put("CONCH_JAVA", dir.resolve("jdk/bin/java").toString());
                pb.environment().put("CALLS", calls.toString());
                pb.environment().put("BUILDS", builds.toString());
                pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
                pb.environment().remove("CONCH_CLUSTER_JAR");
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), output);
                return Files.exists(builds) ? Files.readAllLines(builds) : List.of();
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        assertEquals(List.of("-B -q -DskipTests package -pl cluster -am"), run.get(), "missing: built");
        assertTrue(Files.exists(clusterJar));
        assertEquals(1, run.get().size(), "up to date: not built again");

        Files.setLastModifiedTime(conchJar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(clusterJar).toMillis() + 5000));
        assertEquals(2, run.get().size(), "older than conch.jar: built");
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(conchJar, java.nio.file.attribute.FileTime.fromMillis(now - 20_000));
        Files.setLastModifiedTime(clusterJar, java.nio.file.attribute.FileTime.fromMillis(now - 10_000));
        Path source = Files.writeString(repo.resolve("cluster/src/main/java/Job.java"), "class Job {}");
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(now - 5_000));
        assertEquals(3, run.get().size(), "older than its sources: built");
        assertEquals(3, run.get().size(), "and then not again");
    }
}
