package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        ClusterRun l = ClusterRun.of(concat(common, local.toString()));
        assertEquals(0, l.exit(), l.err());
        ClusterRun r = ClusterRun.of(concat(common, remote.toString(), "--runner", "flink", "--jobmanager", jobManager));
        assertEquals(0, r.exit(), r.err());
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
        long start = System.nanoTime();
        ClusterRun r = ClusterRun.of("process", NETWORKS.resolve("bench/p1-drone.xml").toString(), "--seconds", "0.3", "--quiet",
                "-o", dir.resolve("out").toString(), "--runner", "flink", "--jobmanager", "localhost:" + closed);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("nothing answers at localhost:" + closed), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
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
