package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.testing.ExternalTools;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch process --runner flink-local} from and to a real S3 endpoint: a local S3 server (moto) and Flink's own
 * S3 file system (flink-s3-fs-hadoop), set up from a Flink {@code config.yaml} as a user's {@code FLINK_CONF_DIR}
 * would hold it. The takes are put in the bucket and the outputs read back with boto3, not through the file system
 * under test, and the audio must equal the local runner's bit for bit.
 */
class FlinkS3Test {
    private static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    private static final Path CLIENT = Path.of("src/test/resources/s3client.py").toAbsolutePath();

    private static Process server;
    private static String endpoint;

    @TempDir
    static Path dir;

    @BeforeAll
    static void aBucketWithThreeTakes() throws Exception {
        ExternalTools.requireOnPath("moto_server", "python3");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        server = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("moto.log").toFile()).start();
        awaitPort(port);
        s3("mb", "bucket");
        Path takes = Files.createDirectories(dir.resolve("takes"));
        for (int t = 0; t < 3; t++) {
            float[][] x = new float[2][9000 + 4000 * t];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < x[c].length; i++) x[c][i] = (float) (0.4 * Math.sin(2 * Math.PI * (150 + 90 * t + c) * i / 48000));
            }
            Path take = takes.resolve((char) ('a' + t) + ".wav");
            try (WavWriter w = WavWriter.open(take, 2, 48000, SampleFormat.PCM24)) {
                w.write(x, 0, x[0].length);
                w.commit();
            }
        }
        s3("put-all", takes.toString(), "bucket", "takes/");
        Path conf = Files.createDirectories(dir.resolve("flink-conf"));
        Files.writeString(conf.resolve("config.yaml"), """
                s3.endpoint: %s
                s3.endpoint.region: us-east-1
                s3.path.style.access: true
                s3.access-key: conch
                s3.secret-key: conch-secret
                """.formatted(endpoint));
        System.setProperty("conch.flink.conf", conf.toString());
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        System.clearProperty("conch.flink.conf");
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFolderInABucketIsProcessedIntoTheBucketAsTheLocalRunnerDoesOnDisk() throws Exception {
        String network = NETWORKS.resolve("glass-shaper.xml").toString();
        ClusterRun local = ClusterRun.of("process", network, dir.resolve("takes").toString(), "-o", dir.resolve("local").toString(),
                "--vary", "shape1.drive=2,5", "--quiet");
        assertEquals(0, local.exit(), local.err());
        ClusterRun stored = ClusterRun.of("process", network, "s3://bucket/takes/", "-o", "s3://bucket/shaped/",
                "--vary", "shape1.drive=2,5", "--runner", "flink-local", "--quiet");
        assertEquals(0, stored.exit(), stored.err());

        List<String> names;
        try (Stream<Path> s = Files.list(dir.resolve("local"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(3 * 2 + 2, names.size(), "3 takes x 2 drives and the manifests: " + names);
        Path back = Files.createDirectories(dir.resolve("back"));
        assertEquals(names.stream().map(n -> "shaped/" + n).toList(), s3("get-all", "bucket", "shaped/", back.toString()),
                "the same objects, and no temporary one left");
        for (String n : names) {
            if (n.startsWith("manifest")) continue; // they name the inputs, by path here and by URI there
            assertArrayEquals(Files.readAllBytes(dir.resolve("local").resolve(n)), Files.readAllBytes(back.resolve(n)), n);
        }
        String manifest = Files.readString(back.resolve("manifest.csv"));
        assertTrue(manifest.contains("s3://bucket/takes/b.wav"), manifest);
    }



    /** Runs the boto3 client; its output lines (the keys {@code get-all} fetched). */
    private static List<String> s3(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", CLIENT.toString(), endpoint));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ":\n" + out);
        return out.lines().toList();
    }

    private static void awaitPort(int port) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("moto_server did not open port " + port + " in 30 s");
    }
}
