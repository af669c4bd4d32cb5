package dev.conch.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import dev.conch.engine.batch.BatchJob;

/**
 * The Flink runners of {@code process --runner}, which live in the cluster module's jar
 * ({@code cluster/target/conch-cluster.jar}, or {@code CONCH_CLUSTER_JAR}): conch.jar holds no Flink class, so neither
 * its size nor any other command's start-up pays for Flink. When the runner is not on this JVM's class path, the
 * command runs again in a JVM of its own on that jar (which holds the CLI too): Flink's MiniCluster loads a job's
 * classes through the system class loader, so a jar opened later in a class loader of its own would not do.
 */
final class ClusterRunners {
    static final List<String> NAMES = List.of("flink-local", "flink");
    static final String JAR = "conch-cluster.jar";

    private ClusterRunners() {
    }

    /** The runner named {@code name} on this JVM's class path (the cluster jar run as a whole, its tests), or null. */
    static BatchJob.Runner onClassPath(String name) {
        for (BatchJob.Runner r : ServiceLoader.load(BatchJob.Runner.class, ClusterRunners.class.getClassLoader())) {
            if (r.names().contains(name)) return r;
        }
        return null;
    }

    /**
     * Runs {@code conch args} on the cluster jar in a child JVM sharing this one's terminal, and returns its exit
     * code. Ctrl-C reaches both (the terminal signals the whole process group), so the child cleans up as it would
     * alone.
     */
    static int relaunch(List<String> args) throws UserError, IOException, InterruptedException {
        Path jar = jar();
        Path self = selfJar();
        // the cluster jar carries its own copy of the engine: an older one would render what the code no longer does
        if (self != null && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(self)) < 0) {
            throw new UserError("--runner: " + jar + " is older than " + self + ", so it would render with older code; "
                    + "rebuild it with mvn -B -q -DskipTests package -pl cluster -am");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), Conch.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).inheritIO().start();
        // a signal to this JVM alone (kill, a job control that signals one process) must not orphan the child: it
        // gets SIGTERM, cancels its job like Ctrl-C, and this JVM waits for it to clean up
        Thread stopChild = new Thread(() -> {
            p.destroy();
            try {
                p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "conch-stop-runner");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return p.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is stopping the child
            }
        }
    }

    /** CONCH_CLUSTER_JAR, else cluster/target beside the cli/target folder conch.jar was built in. */
    private static Path jar() throws UserError {
        String env = System.getenv("CONCH_CLUSTER_JAR");
        Path jar = env != null ? Path.of(env) : besideCli();
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new UserError("--runner needs the cluster module's jar" + (jar != null ? " (" + jar + " is missing)" : "")
                    + ": build it with mvn -B -q -DskipTests package -pl cluster -am, or set CONCH_CLUSTER_JAR to it");
        }
        return jar;
    }

    private static Path besideCli() {
        try {
            // cli/target/conch.jar, or cli/target/classes when run from the build: either way cli/target
            Path self = Path.of(ClusterRunners.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self.getParent().getParent().getParent().resolve("cluster").resolve("target").resolve(JAR);
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The jar this CLI runs from, or null when it runs from classes (a build, the tests). */
    private static Path selfJar() {
        try {
            Path self = Path.of(ClusterRunners.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(self) ? self : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
