package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code conch process --runner flink --jobmanager HOST:PORT}: the job goes to a running cluster through its REST
 * API, with the jar shipped, as it would to a remote JobManager (here a MiniCluster's REST endpoint, parallelism 2),
 * and gives the files and manifests of the local runner bit for bit.
 */
class FlinkRemoteSubmitTest {
    /** Started by hand, not through MiniClusterExtension, which would install itself as the job's environment. */
    private static MiniCluster flink;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        flink.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        flink.close();
    }

    private static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));

    @TempDir
    Path dir;

    private static int conch(StringWriter err, String... args) {
        CommandLine cmd = Conch.commandLine(args);
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aJobSubmittedToTheJobManagersRestAddressEqualsTheLocalRun() throws Exception {
        URI rest = flink.getRestAddress().get();
        String jobManager = rest.getHost() + ":" + rest.getPort();
        String[] common = {"process", NETWORKS.resolve("bench/p1-drone.xml").toString(), "--seconds", "0.3",
                "--vary", "saw.frequency=uniform(40,400)", "--count", "4", "--seed", "5", "--quiet", "-o"};
        Path local = dir.resolve("local");
        Path remote = dir.resolve("remote");
        StringWriter err = new StringWriter();
        assertEquals(0, conch(err, concat(common, local.toString())), err.toString());
        assertEquals(0, conch(err, concat(common, remote.toString(), "--runner", "flink", "--jobmanager", jobManager)),
                err.toString());
        List<String> files = names(local);
        assertEquals(4 + 2, files.size(), files.toString());
        assertEquals(files, names(remote));
        for (String n : files) {
            assertArrayEquals(Files.readAllBytes(local.resolve(n)), Files.readAllBytes(remote.resolve(n)), n);
        }
    }

    @Test
    void anAddressWhereNothingAnswersIsToldAtOnceInOneSentence() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exit = conch(err, "process", NETWORKS.resolve("bench/p1-drone.xml").toString(), "--seconds", "0.3", "--quiet",
                "-o", dir.resolve("out").toString(), "--runner", "flink", "--jobmanager", "localhost:" + closed);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("nothing answers at localhost:" + closed), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        // Flink's own client retried for 83 s here before it said "Connection refused"
        assertTrue(seconds < 20, seconds + " s");
        assertTrue(!Files.exists(dir.resolve("out")) || names(dir.resolve("out")).isEmpty(), "nothing written");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
