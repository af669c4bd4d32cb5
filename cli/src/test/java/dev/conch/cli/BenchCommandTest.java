package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch bench}: the numbers must be consistent with each other (factor = audio seconds / wall seconds, shares
 * add up to 100, quantiles in order, the median run is the middle of the listed runs) and complete (every node of the
 * file appears). No timing thresholds: how fast this machine is, is not what is tested. A network with its own file
 * writer shows that writers still write during a bench: the file is read back by Java Sound and its length is the
 * warm-up plus every timed pass plus the node-timing pass.
 */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String glassDrone() {
        return Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml").toString();
    }

    private static JsonNode benchJson(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r::toString);
        return JSON.readTree(r.out());
    }

    /** 10 s left the JIT compiling during the timed runs (each run faster than the one before). */
    @Test
    void theDefaultWarmUpIsLongEnoughForTheJit() throws Exception {
        JsonNode j = benchJson("bench", CliRun.network("sine.xml"), "--seconds", "0.5", "--json");
        assertEquals(60.0, j.get("warmupSeconds").asDouble());
    }

    @Test
    void jsonNumbersAreConsistent() throws Exception {
        JsonNode j = benchJson("bench", CliRun.network("sine.xml"), "--seconds", "2", "--warmup", "1", "--json");
        assertEquals(48000.0, j.get("sampleRate").asDouble());
        assertEquals(512, j.get("block").asInt());
        assertEquals(2.0, j.get("seconds").asDouble(), 1e-12, "96000 frames at 48 kHz");
        assertEquals(1.0, j.get("warmupSeconds").asDouble());
        assertTrue(j.get("network").asText().endsWith("sine.xml"), j::toString);
        assertTrue(j.get("java").asText().startsWith(Runtime.version() + ", " + System.getProperty("java.vendor")),
                "the JVM that timed it: " + j.get("java"));

        double factor = j.get("realtimeFactor").asDouble();
        double wall = j.get("wallSeconds").asDouble();
        assertTrue(factor > 0 && wall > 0, j::toString);
        assertEquals(j.get("seconds").asDouble() / wall, factor, 1e-6 * factor);
        assertEquals(wall * 1e9 / 96000, j.get("nsPerFrame").asDouble(), 1e-6 * j.get("nsPerFrame").asDouble());

        JsonNode cb = j.get("callback");
        double p50 = cb.get("p50").asDouble(), p99 = cb.get("p99").asDouble();
        double p999 = cb.get("p999").asDouble(), max = cb.get("max").asDouble();
        assertTrue(0 < p50 && p50 <= p99 && p99 <= p999 && p999 <= max, cb::toString);

        assertNodes(j, Set.of("osc", "out"));
        assertEquals(1, j.get("runs").size());
        assertEquals(factor, j.get("runs").get(0).asDouble());
    }

    @Test
    void repeatReportsTheMedianRunOfGlassDrone() throws Exception {
        JsonNode j = benchJson("bench", glassDrone(), "--seconds", "2", "--warmup", "1", "--repeat", "3",
                "--block", "256", "--json");
        assertEquals(256, j.get("block").asInt());
        List<Double> runs = new ArrayList<>();
        j.get("runs").forEach(r -> runs.add(r.asDouble()));
        assertEquals(3, runs.size());
        runs.sort(null);
        assertEquals(runs.get(1), j.get("realtimeFactor").asDouble(), "the reported run is the median one");
        assertEquals(j.get("seconds").asDouble() / j.get("wallSeconds").asDouble(), j.get("realtimeFactor").asDouble(),
                1e-6 * j.get("realtimeFactor").asDouble());
        assertNodes(j, Set.of("osc", "shape", "filter", "lfo", "fade", "gain", "out"));
    }

    /** On 2 threads the per-node times come from the workers too: every node still has its share. */
    @Test
    void threadsRunTheNetworkOnWorkersAndEveryNodeIsTimed() throws Exception {
        JsonNode j = benchJson("bench", glassDrone(), "--seconds", "1", "--warmup", "0.5", "--threads", "2",
                "--block", "256", "--json");
        assertEquals(2, j.get("threads").asInt());
        assertTrue(j.get("realtimeFactor").asDouble() > 0, j::toString);
        assertNodes(j, Set.of("osc", "shape", "filter", "lfo", "fade", "gain", "out"));
    }

    /** Every node of the file is in the table, with its type; shares add up to 100 and are sorted, largest first. */
    private static void assertNodes(JsonNode j, Set<String> ids) {
        Set<String> seen = new HashSet<>();
        double sum = 0;
        double previous = Double.MAX_VALUE;
        for (JsonNode n : j.get("nodes")) {
            seen.add(n.get("id").asText());
            double share = n.get("share").asDouble();
            assertTrue(share >= 0 && share <= previous, j::toString);
            assertTrue(n.get("nsPerFrame").asDouble() >= 0, j::toString);
            assertFalse(n.get("type").asText().isEmpty(), j::toString);
            previous = share;
            sum += share;
        }
        assertEquals(ids, seen);
        assertEquals(100, sum, 0.5);
        for (JsonNode n : j.get("nodes")) {
            if (n.get("id").asText().equals("osc")) assertEquals("Oscillator", n.get("type").asText());
        }
    }

    @Test
    void textNamesEveryNode() {
        CliRun r = CliRun.of("bench", glassDrone(), "--seconds", "2", "--warmup", "1");
        assertEquals(0, r.exit(), r::toString);
        for (String label : List.of("realtime", "ns per frame", "p50", "p99", "p99.9", "max", "share")) {
            assertTrue(r.out().contains(label), "expected '" + label + "'\n" + r);
        }
        for (String id : List.of("osc", "shape", "filter", "lfo", "fade", "gain", "out")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(id + " ")), "no table row for " + id + "\n" + r);
        }
        for (String type : List.of("Oscillator", "Waveshaper", "Biquad", "LFO", "Breakpoints", "Gain", "AudioOutput")) {
            assertTrue(r.out().contains(type), "expected type " + type + "\n" + r);
        }
    }

    /** The writer records the warm-up, both timed runs and the node-timing pass: 1 + 2 × 0.5 + 0.5 s, every frame. */
    @Test
    void fileWritersInsideTheNetworkStillWrite() throws Exception {
        Path wav = dir.resolve("take.wav");
        Path net = dir.resolve("writer.xml");
        Files.writeString(net, """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="writer" version="1" sampleRate="48000">
                  <node id="osc" type="Oscillator">
                    <param name="waveform">sine</param>
                    <param name="frequency">1000</param>
                    <param name="amplitude">0.5</param>
                  </node>
                  <node id="rec" type="AudioFileWriter">
                    <param name="file">%s</param>
                    <param name="channels">1</param>
                    <param name="format">16</param>
                  </node>
                  <connect from="osc.out" to="rec.in1"/>
                </network>
                """.formatted(wav.toString().replace("&", "&amp;").replace("<", "&lt;")));
        JsonNode j = benchJson("bench", net.toString(), "--seconds", "0.5", "--warmup", "1", "--repeat", "2",
                "--block", "100", "--json");
        assertNodes(j, Set.of("osc", "rec"));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertEquals(1, in.getFormat().getChannels());
            assertEquals(48000f, in.getFormat().getSampleRate());
            assertEquals(48000 + 2 * 24000 + 24000, in.getFrameLength());
        }
    }

    @Test
    void userMistakesAreClearAndExit2() {
        String sine = CliRun.network("sine.xml");
        expectError(CliRun.of("bench", "networks/nope.xml"), "networks/nope.xml: no such file");
        expectError(CliRun.of("bench", sine, "--block", "0"), "--block 0: give a block size from 1 to 8192");
        expectError(CliRun.of("bench", sine, "--threads", "65"), "--threads 65: give a thread count from 1 to 64");
        expectError(CliRun.of("bench", sine, "--seconds", "0"), "--seconds 0");
        expectError(CliRun.of("bench", sine, "--repeat", "0"), "--repeat 0");
        expectError(CliRun.of("bench", sine, "--set", "oss.frequency=3"), "no node 'oss' (did you mean 'osc'?)");
        // a broken network: the XML problem with its file and line, as validate and render print it
        String broken = CliRun.network("broken.xml");
        CliRun r = CliRun.of("bench", broken);
        expectError(r, broken + ":3:");
        assertTrue(r.err().contains("Oscilator"), r::toString);
    }

    private static void expectError(CliRun r, String words) {
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(words), "expected '" + words + "'\n" + r);
        assertFalse(r.err().contains("Exception"), "no stack trace for a user's mistake\n" + r);
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
