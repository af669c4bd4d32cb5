package dev.conch.cli;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import dev.conch.engine.batch.BatchJob;

/**
 * The Flink runners of {@code process --runner}, from the cluster module's jar ({@code cluster/target/conch-cluster.jar},
 * or {@code CONCH_CLUSTER_JAR}), loaded only when one is asked for: conch.jar holds no Flink class, so neither its
 * size nor any other command's start-up pays for Flink.
 */
final class ClusterRunners {
    static final List<String> NAMES = List.of("flink-local", "flink");
    static final String JAR = "conch-cluster.jar";

    private ClusterRunners() {
    }

    static BatchJob.Runner find(String name) throws UserError {
        // on the class path already: the cluster jar run as a whole (flink run), or the cluster module's tests
        for (BatchJob.Runner r : ServiceLoader.load(BatchJob.Runner.class, ClusterRunners.class.getClassLoader())) {
            if (r.names().contains(name)) return r;
        }
        Path jar = jar();
        ClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClusterRunners.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new UserError("--runner " + name + ": cannot use " + jar + " (" + e.getMessage() + ")");
        }
        for (BatchJob.Runner r : ServiceLoader.load(BatchJob.Runner.class, loader)) {
            if (r.names().contains(name)) return r;
        }
        throw new UserError("--runner " + name + ": " + jar + " holds no runner of that name; rebuild it with "
                + "mvn -B -q -DskipTests package -pl cluster -am");
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
            Path self = Path.of(ClusterRunners.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/conch.jar, or cli/target/classes when run from the build
            Path target = Files.isDirectory(self) ? self.getParent() : self.getParent();
            return target.getParent().getParent().resolve("cluster").resolve("target").resolve(JAR);
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
