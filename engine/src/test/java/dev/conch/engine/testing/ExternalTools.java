package dev.conch.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Independent tools some tests check against (sox, jackd). On a developer's machine a missing tool skips the test;
 * under {@code CI=true} (set by .ci/run) it fails, so CI cannot stay green without the cross-checks it promises.
 */
public final class ExternalTools {
    /** True when the run must not skip for want of a tool: .ci/run exports CI=true, as most CI services do. */
    public static final boolean CI = "true".equals(System.getenv("CI"));

    private ExternalTools() {
    }

    /** Skips the calling test (or fails it under CI) unless {@code present}; {@code missing} says what is absent. */
    public static void require(boolean present, String missing) {
        if (present) return;
        if (CI) fail("CI=true but " + missing);
        Assumptions.assumeTrue(false, missing + " (skipped; under CI=true this fails)");
    }

    /** The executable {@code name} on the PATH, or null. */
    public static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Skips (or fails under CI) unless every named executable is on the PATH. */
    public static void requireOnPath(String... names) {
        for (String n : names) require(onPath(n) != null, n + " is not on the PATH");
    }
}
