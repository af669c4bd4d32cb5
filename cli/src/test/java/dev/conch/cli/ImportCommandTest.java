package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.xml.NetworkXml;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch import}: writes a Conch network that reads back and validates, refuses a file with a part Conch lacks
 * (naming it, writing nothing, leaving an existing target as it was) unless --partial, and refuses what is not a CLAM
 * file in one sentence.
 */
class ImportCommandTest {
    @TempDir
    Path dir;

    private static Path clam(String relative) {
        Path p = ClamCorpusTest.root().resolve(relative);
        assumeTrue(Files.exists(p), "CLAM's networks are not at " + ClamCorpusTest.root());
        return p;
    }

    @Test
    void writesANetworkThatReadsBackAndValidates() throws Exception {
        Path out = dir.resolve("notch.xml");
        CliRun r = CliRun.of("import", clam("CLAM/plugins/Filters/Notch2ndOrder/Notch2ndOrder_example.clamnetwork").toString(),
                "-o", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("Notch2ndOrder 'Notch2ndOrder' -> Biquad 'Notch2ndOrder'"), r::toString);
        assertTrue(r.err().contains("dropped (visual only, no sound): SpectrumView 'SpectrumView'"), r::toString);
        NetworkSpec spec = NetworkXml.read(out);
        assertEquals("notch", spec.node("Notch2ndOrder").orElseThrow().params().get("type").text());
        CliRun v = CliRun.of("validate", out.toString());
        assertEquals(0, v.exit(), v::toString);
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left beside it");
        }
    }

    /**
     * Standard output as main has it (buffered, flushed on println only): the network written there is the one
     * {@code -o} writes. It was lost: print left it in the buffer and System.exit dropped it (an empty stdout, exit 0).
     */
    @Test
    void withoutOutputTheNetworkReachesStandardOutput() throws Exception {
        String wire = clam("NetworkEditor/example-data/wire.clamnetwork").toString();
        Path out = dir.resolve("wire.xml");
        assertEquals(0, CliRun.of("import", wire, "-o", out.toString()).exit());
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.PrintWriter buffered = new java.io.PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8)), true);
        int exit = CliRun.execute(new String[] {"import", wire}, buffered,
                new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, exit);
        assertEquals(Files.readString(out), stdout.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * -o naming the recording the CLAM network reads (a slip among the files beside it) wrote the network's XML over
     * it. Refused, the recording as it was.
     */
    @Test
    void theOutputIsNeverAFileTheNetworkReads() throws Exception {
        Path net = Files.copy(clam("NetworkEditor/example-data/FilePlayer.clamnetwork"), dir.resolve("FilePlayer.clamnetwork"));
        Path mp3 = Files.createDirectories(dir.resolve("example-data")).resolve("Guillamino_CitiusAltiusFortius.mp3");
        Files.copy(clam("NetworkEditor/example-data/Guillamino_CitiusAltiusFortius.mp3"), mp3);
        byte[] before = Files.readAllBytes(mp3);
        CliRun r = CliRun.of("import", net.toString(), "-o", mp3.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("-o " + mp3 + " is the file node 'AudioFileMemoryLoader' of " + net + " reads"),
                r::toString);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(mp3)), "the recording is as it was");
    }

    @Test
    void aPartConchLacksIsRefusedUnlessPartial() throws Exception {
        // its Resampler, which changes the rate inside the graph, is what Conch lacks (expression/example's
        // ControlExpression was, until it was added)
        Path net = clam("CLAM/plugins/resampling/resample.clamnetwork");
        Path out = dir.resolve("resample.xml");
        Files.writeString(out, "keep me");
        CliRun r = CliRun.of("import", net.toString(), "-o", out.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().lines().anyMatch(l -> l.matches(".*resample\\.clamnetwork:\\d+:\\d+: node 'Resampler' \\(CLAM Resampler\\) "
                + "does this in CLAM: .*; give --partial to import the rest without it")), r::toString);
        assertEquals("keep me", Files.readString(out), "a refused import leaves the target as it was");
        CliRun p = CliRun.of("import", net.toString(), "-o", out.toString(), "--partial");
        assertEquals(0, p.exit(), p::toString);
        assertTrue(p.err().contains("refused: "), "the report still names what was cut\n" + p);
        assertFalse(NetworkXml.read(out).nodes().stream().anyMatch(n -> n.id().equals("Resampler")));
    }

    @Test
    void notACLAMFileAndTheSourceAsTargetAreOneSentenceEach() throws Exception {
        Path xml = dir.resolve("n.xml");
        Files.writeString(xml, "<network/>");
        CliRun r = CliRun.of("import", xml.toString());
        assertEquals(2, r.exit(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
        Path copy = dir.resolve("w.clamnetwork");
        Files.copy(clam("NetworkEditor/example-data/wire.clamnetwork"), copy);
        CliRun same = CliRun.of("import", copy.toString(), "-o", copy.toString());
        assertEquals(2, same.exit(), same::toString);
        assertTrue(same.err().contains("is the CLAM file itself"), same::toString);
        Path broken = dir.resolve("broken.clamnetwork");
        Files.writeString(broken, "<network>\n<processing id=\"a\" type=\"AudioSink\">\n</network>");
        CliRun b = CliRun.of("validate", broken.toString());
        assertEquals(2, b.exit(), b::toString);
        assertTrue(b.err().strip().matches(".*broken\\.clamnetwork:3:\\d+: the file is not well-formed XML.*"), b::toString);
    }
}
