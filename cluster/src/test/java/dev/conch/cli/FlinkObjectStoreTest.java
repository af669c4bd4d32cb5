package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch process} on Flink with its inputs and outputs in a file system other than the local disk
 * ({@link ObjectStoreForTests}, plugged in as S3's and HDFS's are): a folder URI and a glob URI list through it, the
 * inputs are read and the outputs and manifests written through it, and the audio equals the local run's bit for bit.
 */
class FlinkObjectStoreTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    private static final Path BUCKET = ObjectStoreForTests.ROOT.resolve("bucket");

    @TempDir
    Path dir;

    @BeforeAll
    static void takesInTheBucket() throws Exception {
        Path takes = BUCKET.resolve("takes");
        Files.createDirectories(takes);
        for (int t = 0; t < 3; t++) {
            float[][] x = new float[2][9000 + 4000 * t];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < x[c].length; i++) x[c][i] = (float) (0.4 * Math.sin(2 * Math.PI * (150 + 90 * t + c) * i / 48000));
            }
            try (WavWriter w = WavWriter.open(takes.resolve((char) ('a' + t) + ".wav"), 2, 48000, SampleFormat.PCM24)) {
                w.write(x, 0, x[0].length);
                w.commit();
            }
        }
        Files.writeString(takes.resolve("notes.txt"), "not a sound");
    }



    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderInTheStoreIsProcessedIntoTheStoreAsTheLocalRunnerDoesOnDisk() throws Exception {
        String network = NETWORKS.resolve("glass-shaper.xml").toString();
        ClusterRun local = ClusterRun.of("process", network, BUCKET.resolve("takes").toString(), "-o", dir.resolve("local").toString(),
                "--vary", "shape1.drive=2,5", "--quiet");
        assertEquals(0, local.exit(), local.err());
        ClusterRun stored = ClusterRun.of("process", network, "objectfs://bucket/takes/", "-o", "objectfs://bucket/shaped/",
                "--vary", "shape1.drive=2,5", "--runner", "flink-local", "--quiet");
        assertEquals(0, stored.exit(), stored.err());
        Path shaped = BUCKET.resolve("shaped");
        List<String> names = names(dir.resolve("local"));
        assertEquals(3 * 2 + 2, names.size(), "3 takes x 2 drives (notes.txt is not a sound) and the manifests: " + names);
        assertEquals(names, names(shaped));
        for (String n : names) {
            if (n.startsWith("manifest")) continue; // they name the inputs, by path here and by URI there
            assertArrayEquals(Files.readAllBytes(dir.resolve("local").resolve(n)), Files.readAllBytes(shaped.resolve(n)), n);
        }
        String manifest = Files.readString(shaped.resolve("manifest.csv"));
        assertTrue(manifest.contains("objectfs://bucket/takes/b.wav"), manifest);
        assertEquals(List.of(), names(shaped).stream().filter(n -> n.contains(".part")).toList(), "no temporary file left");
    }

    @Test
    void aGlobInTheStoreTakesTheFilesItMatches() throws Exception {
        ClusterRun r = ClusterRun.of("process", NETWORKS.resolve("glass-shaper.xml").toString(), "objectfs://bucket/takes/[ab].wav",
                "-o", "objectfs://bucket/globbed/", "--runner", "flink-local", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("a.wav", "b.wav", "manifest.csv", "manifest.json"), names(BUCKET.resolve("globbed")));
    }

    @Test
    void whatTheStoreDoesNotHoldIsToldBeforeAnythingRuns() {
        String network = NETWORKS.resolve("glass-shaper.xml").toString();
        ClusterRun folder = ClusterRun.of("process", network, "objectfs://bucket/nothing/", "-o", "objectfs://bucket/x/", "--runner", "flink-local");
        assertEquals(2, folder.exit(), folder.err());
        assertTrue(folder.err().contains("objectfs://bucket/nothing/: no such folder"), folder.err());
        ClusterRun glob = ClusterRun.of("process", network, "objectfs://bucket/takes/*.flac", "-o", "objectfs://bucket/x/", "--runner", "flink-local");
        assertTrue(glob.err().contains("objectfs://bucket/takes/*.flac: no file matches this pattern"), glob.err());
        ClusterRun local = ClusterRun.of("process", network, "objectfs://bucket/takes/a.wav", "-o", dir.resolve("y").toString());
        assertTrue(local.err().contains("a URI is read through Flink's file systems: give --runner flink-local or flink"), local.err());
        assertTrue(!Files.exists(BUCKET.resolve("x")) && !Files.exists(dir.resolve("y")), "nothing written");
    }
}
