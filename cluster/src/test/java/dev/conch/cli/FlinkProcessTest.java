package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch process --runner flink-local} on flink-test-utils' MiniCluster with parallelism 2 (the environment
 * the runner finds, as it would under flink run) against the local runner on the same arguments: every output and
 * both manifests bit-identical, a corrupt input failing alone on both. (In the cli package to run the CLI in-process.)
 */
class FlinkProcessTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));

    @TempDir
    Path dir;



    private Path tone(String name, double seconds, double frequency, long seed) throws Exception {
        Path file = dir.resolve("takes").resolve(name);
        Files.createDirectories(file.getParent());
        int frames = (int) Math.round(48000 * seconds);
        float[][] x = new float[2][frames];
        SplittableRandom noise = new SplittableRandom(seed);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                x[c][i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * (c + 1) * i / 48000) + 0.05 * (noise.nextDouble() - 0.5));
            }
        }
        try (WavWriter w = WavWriter.open(file, 2, 48000, SampleFormat.FLOAT32)) {
            w.write(x, 0, frames);
            w.commit();
        }
        return file;
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertSameFolders(Path local, Path flink) throws Exception {
        List<String> names = names(local);
        assertEquals(names, names(flink));
        assertTrue(names.contains("manifest.csv") && names.contains("manifest.json"), names.toString());
        assertSameFiles(local, flink);
    }

    /** The same files, bit for bit, in the same tree. */
    private static void assertSameFiles(Path local, Path flink) throws Exception {
        List<String> names = names(local);
        assertEquals(names, names(flink), flink.toString());
        for (String n : names) {
            if (Files.isDirectory(local.resolve(n))) assertSameFiles(local.resolve(n), flink.resolve(n));
            else assertArrayEquals(Files.readAllBytes(local.resolve(n)), Files.readAllBytes(flink.resolve(n)), n);
        }
    }

    @Test
    void inputsTimesVariationsOnFlinkEqualTheLocalRunBitForBit() throws Exception {
        tone("a.wav", 0.4, 220, 1);
        tone("b.wav", 0.7, 330, 2);
        Files.writeString(dir.resolve("takes/broken.wav"), "RIFF, but nothing more");
        List<String> common = List.of("process", NETWORKS.resolve("glass-shaper.xml").toString(), dir.resolve("takes").toString(),
                "--vary", "shape1.drive=range(2,6,2)", "--vary", "filter1.frequency=loguniform(300,3000)", "--seed", "9",
                "--quiet");
        Path local = dir.resolve("local");
        Path flink = dir.resolve("flink");
        ClusterRun l = ClusterRun.of(with(common, "-o", local.toString(), "--jobs", "2"));
        ClusterRun f = ClusterRun.of(with(common, "-o", flink.toString(), "--runner", "flink-local"));
        assertEquals(1, l.exit(), "the broken input fails locally\n" + l);
        assertEquals(1, f.exit(), "and on Flink\n" + f);
        assertEquals(l.err(), f.err(), "the same failures, in the same words");
        assertTrue(f.err().contains("broken.wav"), f.err());
        assertEquals(2 * 3 + 2, names(flink).size(), "2 inputs x 3 drives, and the manifests");
        assertSameFolders(local, flink);
    }

    /**
     * A relative file written in the network (a Convolver's impulse response beside it) names the same file on the
     * task managers, which read the network from text with no folder of its own: the job carries its paths absolute.
     */
    @Test
    void aNetworksRelativeImpulseResponseIsTheSameFileOnFlink() throws Exception {
        Path ir = dir.resolve("nets/ir/impulse.wav");
        Files.createDirectories(ir.getParent());
        float[] delta = new float[8];
        delta[0] = 1;
        try (WavWriter w = WavWriter.open(ir, 1, 48000, SampleFormat.FLOAT32)) {
            w.write(new float[][] {delta}, 0, delta.length);
            w.commit();
        }
        Path net = dir.resolve("nets/wet.xml");
        Files.writeString(net, """
                <network name="wet" version="4" sampleRate="48000">
                  <node id="in" type="AudioInput"><param name="channels">2</param></node>
                  <node id="room" type="Convolver"><param name="file">ir/impulse.wav</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="in.out1" to="room.in"/>
                  <connect from="room.out" to="out.in1"/>
                </network>
                """);
        tone("a.wav", 0.3, 220, 1);
        bothRunnersAgree(List.of("process", net.toString(), dir.resolve("takes").toString(), "--bits", "32f", "--quiet"));
    }

    /** --recursive on Flink: the tree below the folder comes out as the same tree, as the local runner makes it. */
    @Test
    void aFolderTreeOnFlinkComesOutAsTheSameTreeAsLocally() throws Exception {
        tone("a.wav", 0.3, 220, 1);
        tone("drums/a.wav", 0.2, 110, 2);
        tone("drums/deep/b.wav", 0.25, 330, 3);
        Path flink = bothRunnersAgree(List.of("process", NETWORKS.resolve("glass-shaper.xml").toString(),
                dir.resolve("takes").toString(), "--recursive", "--bits", "32f", "--quiet"));
        assertTrue(Files.isRegularFile(flink.resolve("drums/deep/b.wav")), names(flink).toString());
        assertEquals(List.of("a.wav", "drums", "manifest.csv", "manifest.json"), names(flink));
        assertEquals(List.of("a.wav", "deep"), names(flink.resolve("drums")));
    }

    @Test
    void variationsOfAGeneratorOnFlinkEqualTheLocalRun() throws Exception {
        List<String> common = List.of("process", NETWORKS.resolve("bench/p1-drone.xml").toString(), "--seconds", "0.5",
                "--vary", "saw.frequency=uniform(40,400)", "--vary", "shape.drive=uniform(1,8)", "--count", "5",
                "--seed", "3", "--format", "flac", "--bits", "16", "--quiet");
        Path flink = bothRunnersAgree(common);
        Path local = dir.resolve("local");
        assertEquals(5 + 2, names(flink).size());
        // a second Flink run keeps what is there, as the local runner does
        ClusterRun again = ClusterRun.of(with(common, "-o", flink.toString(), "--runner", "flink-local", "--json"));
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("\"kept\" : 5"), again.out());
        assertSameFolders(local, flink);
    }

    /**
     * A network's Print lines from the task managers say which file they came from, as the local runner's do, and go
     * to standard error: on an embedded cluster that is the CLI's, whose standard output stays one JSON report.
     */
    @Test
    void printedLinesOnFlinkSayWhichFileTheyCameFromAndLeaveStandardOutputAlone() throws Exception {
        Path net = dir.resolve("counted.xml");
        Files.writeString(net, "<network name=\"counted\" version=\"4\" sampleRate=\"48000\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">2</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<node id=\"count\" type=\"BinaryCounter\"><param name=\"rate\">10</param></node>"
                + "<node id=\"show\" type=\"Print\"><param name=\"label\">ticks</param></node>"
                + "<connect from=\"in.out1\" to=\"out.in1\"/><control from=\"count.bit0\" to=\"show.in1\"/></network>");
        tone("a.wav", 0.35, 440, 1);
        tone("b.wav", 0.35, 660, 2);
        java.io.PrintStream stdout = System.out, stderr = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        ClusterRun run;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            run = ClusterRun.of("process", net.toString(), dir.resolve("takes").toString(), "-o", dir.resolve("o").toString(),
                    "--runner", "flink-local", "--json");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertEquals(0, run.exit(), run.toString());
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()); // one JSON document, nothing else
        String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        for (String file : List.of("a.wav", "b.wav")) {
            assertEquals(List.of("0.000 s  ticks: 0", "0.100 s  ticks: 1", "0.200 s  ticks: 0", "0.300 s  ticks: 1"),
                    printed.lines().filter(l -> l.startsWith(file + ": ")).map(l -> l.substring(file.length() + 2)).toList(),
                    printed);
        }
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().noneMatch(l -> l.contains("ticks")),
                "nothing printed on the JVM's standard output: " + out);
    }

    /** {@code common} run locally into local/ and on flink-local into flink/: both succeed, with the same files. */
    private Path bothRunnersAgree(List<String> common) throws Exception {
        Path local = dir.resolve("local");
        Path flink = dir.resolve("flink");
        ClusterRun l = ClusterRun.of(with(common, "-o", local.toString()));
        ClusterRun f = ClusterRun.of(with(common, "-o", flink.toString(), "--runner", "flink-local"));
        assertEquals(0, l.exit(), l.toString());
        assertEquals(0, f.exit(), f.toString());
        assertSameFolders(local, flink);
        return flink;
    }

    private static String[] with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
