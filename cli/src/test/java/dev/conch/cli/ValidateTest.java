package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conch validate}: the success line, and every problem of a broken file with its line:col and node. */
class ValidateTest {

    @Test
    void goodNetworkPrintsCountsAndLatency() {
        CliRun r = CliRun.of("validate", CliRun.network("sine.xml"));
        assertEquals(0, r.exit(), r::toString);
        // 2 nodes (osc, out), 2 connections (osc.out -> in1, in2), nothing adds latency
        assertEquals("ok: 2 nodes, 2 connections, latency 0 samples (0.00 ms)", r.out().strip(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void brokenNetworkReportsEveryProblemWithFileLineColumnAndNode() {
        String file = CliRun.network("broken.xml");
        CliRun r = CliRun.of("validate", file);
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out(), r::toString);
        String f = Pattern.quote(file);
        // line 3: the misspelt type, with the compiler's suggestion
        assertTrue(Pattern.compile(f + ":3:\\d+: node 'osc'.*Oscilator.*").matcher(r.err()).find(), r::toString);
        assertTrue(r.err().contains("Oscillator"), "suggests the right name\n" + r);
        // line 7: a param value that is not a number, naming the param
        assertTrue(Pattern.compile(f + ":7:\\d+: node 'out', 'channels': .*two.*").matcher(r.err()).find(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    @Test
    void malformedXmlIsReportedWithItsPlace() {
        String file = CliRun.network("malformed.xml");
        CliRun r = CliRun.of("validate", file);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(Pattern.compile(Pattern.quote(file) + ":5:\\d+: ").matcher(r.err()).find(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    @Test
    void missingFileIsOneSentence() {
        CliRun r = CliRun.of("validate", "networks/does-not-exist.xml");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("networks/does-not-exist.xml: no such file", r.err().strip());
    }

    @TempDir
    Path dir;

    /** Each network has one mistake, in one node; validate must report exactly that one, not its consequences. */
    @Test
    void aNodeThatFailedToConfigureBringsNoFollowOnErrorsAboutItsPorts() throws Exception {
        String reader = """
                <network name="r" version="1" sampleRate="48000" duration="1">
                  <node id="rd" type="AudioFileReader"><param name="file">%s</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="rd.out1" to="out.in1"/>
                </network>
                """.formatted(dir.resolve("missing.wav"));
        String stft = """
                <network name="s" version="1" sampleRate="48000" duration="1">
                  <node id="osc" type="Oscillator"/>
                  <node id="stft" type="STFT"><param name="fftSize">1024</param><param name="windowLength">4096</param></node>
                  <node id="ist" type="ISTFT"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="osc.out" to="stft.in"/>
                  <connect from="stft.out" to="ist.in"/>
                  <connect from="ist.out" to="out.in1"/>
                </network>
                """;
        for (String[] c : new String[][] {{reader, "rd", "'file': there is no file " + dir.resolve("missing.wav") + "; give the path of one that exists", "2"}, {stft, "stft", "windowLength 4096", "3"}}) {
            Path f = dir.resolve(c[1] + ".xml");
            Files.writeString(f, c[0]);
            CliRun r = CliRun.of("validate", f.toString());
            assertEquals(2, r.exit(), r::toString);
            List<String> lines = r.err().lines().toList();
            assertEquals(1, lines.size(), "one mistake, one line\n" + r);
            assertTrue(lines.get(0).startsWith(f + ":" + c[3] + ":"), r::toString); // the node's or its param's column
            assertTrue(lines.get(0).contains(": node '" + c[1] + "'"), r::toString);
            assertTrue(lines.get(0).contains(c[2]), r::toString);
        }
    }

    /**
     * An absolute path that leads nowhere is refused as a relative one is, at its param's line with what to do: a
     * writer's missing folder validated ("ok") and the render then failed with an I/O error (exit 1), and a missing
     * file to read was told at the node's line with nothing to do.
     */
    @Test
    void anAbsolutePathThatLeadsNowhereIsRefusedWithWhatToDo() throws Exception {
        Path net = dir.resolve("abs.xml");
        Files.writeString(net, """
                <network name="abs" version="4" sampleRate="48000" duration="1">
                  <node id="rd" type="AudioFileReader">
                    <param name="file">%s</param>
                  </node>
                  <node id="w" type="AudioFileWriter">
                    <param name="file">%s</param>
                  </node>
                  <connect from="rd.out1" to="w.in1"/>
                </network>
                """.formatted(dir.resolve("missing.wav"), dir.resolve("no-folder/take.wav")));
        CliRun v = CliRun.of("validate", net.toString());
        assertEquals(2, v.exit(), v::toString);
        assertEquals(List.of(
                net + ":3:5: node 'rd', 'file': there is no file " + dir.resolve("missing.wav") + "; give the path of one "
                        + "that exists (in the file, or with --set rd.file=FILE)",
                net + ":6:5: node 'w', 'file': cannot write " + dir.resolve("no-folder/take.wav") + ": there is no folder "
                        + dir.resolve("no-folder") + "; make the folder, or give a path in one that exists"),
                v.err().lines().toList());
        CliRun r = CliRun.of("render", net.toString());
        assertEquals(2, r.exit(), "what validate refuses, render refuses as a mistake\n" + r);
        assertFalse(Files.exists(dir.resolve("no-folder")), "no folder is made");
    }

    /**
     * A network that writes the file it reads (a reader and a writer on take.wav) validated and its render replaced
     * the recording with what it made of it. Refused in one sentence naming both nodes; the file as it was.
     */
    @Test
    void aNetworkThatWritesAFileItReadsIsRefused() throws Exception {
        Path take = dir.resolve("take.wav");
        try (WavWriter w = WavWriter.open(take, 1, 48000, SampleFormat.PCM24)) {
            w.write(new float[][] {new float[4800]}, 0, 4800);
            w.commit();
        }
        byte[] before = Files.readAllBytes(take);
        Path net = dir.resolve("rw.xml");
        Files.writeString(net, """
                <network name="rw" version="4" sampleRate="48000">
                  <node id="r" type="AudioFileReader"><param name="file">take.wav</param></node>
                  <node id="w" type="AudioFileWriter"><param name="file">take.wav</param><param name="channels">1</param></node>
                  <connect from="r.out1" to="w.in1"/>
                </network>
                """);
        CliRun v = CliRun.of("validate", net.toString());
        assertEquals(2, v.exit(), v::toString);
        assertEquals(net + ":3:3: node 'w': it writes " + take + ", the file node 'r' reads, so the recording would "
                + "replace it; give the writer another file", v.err().strip());
        CliRun r = CliRun.of("render", net.toString(), "--seconds", "0.05");
        assertEquals(2, r.exit(), r::toString);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(take));
    }

    @Test
    void aMegabyteValueIsClippedInTheMessage() throws Exception {
        String huge = "x".repeat(1 << 20);
        Path f = dir.resolve("huge-value.xml");
        Files.writeString(f, Files.readString(Path.of(CliRun.network("sine.xml")))
                .replace("<param name=\"frequency\">1000</param>", "<param name=\"frequency\">" + huge + "</param>"));
        CliRun r = CliRun.of("validate", f.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().length() < 400, r.err().length() + " chars of error");
        assertTrue(r.err().contains("'" + "x".repeat(40) + "…(1048576 chars)' is not a number"), r::toString);
        CliRun set = CliRun.of("render", CliRun.network("sine.xml"), "-o", dir.resolve("x.wav").toString(),
                "--set", "osc.frequency=" + huge);
        assertEquals(2, set.exit(), set::toString);
        assertTrue(set.err().length() < 400, set.err().length() + " chars of error");
        CliRun node = CliRun.of("render", CliRun.network("sine.xml"), "-o", dir.resolve("x.wav").toString(),
                "--set", huge + ".frequency=1");
        assertEquals(2, node.exit(), node::toString);
        assertTrue(node.err().length() < 600, node.err().length() + " chars of error");
    }

    /**
     * The latency validate reports is the delay a click heard through the network shows: with a live input before an
     * STFT (Hann 1024, overlap 4) the input is also played a hop less one late (768 + 255), which the report left out.
     */
    @Test
    void reportedLatencyIsTheMeasuredDelayOfAnImpulseThroughAnStftOnTheInput() throws Exception {
        Path net = dir.resolve("stft-in.xml");
        Files.writeString(net, """
                <network name="s" version="2" sampleRate="48000">
                  <node id="in" type="AudioInput"><param name="channels">1</param></node>
                  <node id="stft" type="STFT"><param name="fftSize">1024</param><param name="window">hann</param><param name="overlap">4</param></node>
                  <node id="ist" type="ISTFT"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="in.out1" to="stft.in"/>
                  <connect from="stft.out" to="ist.in"/>
                  <connect from="ist.out" to="out.in1"/>
                </network>
                """);
        float[] click = new float[12000];
        int at = 3001;
        click[at] = 1;
        Path in = dir.resolve("click.wav"), out = dir.resolve("heard.wav");
        try (WavWriter w = WavWriter.open(in, 1, 48000, SampleFormat.FLOAT32)) {
            w.write(new float[][] {click}, 0, click.length);
            w.commit();
        }
        CliRun render = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f", "--quiet");
        assertEquals(0, render.exit(), render::toString);
        float[] y = AudioFileLoader.load(out).channels()[0];
        int peak = 0;
        for (int i = 1; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[peak])) peak = i;
        assertEquals(1, y[peak], 1e-5, "the click comes back whole");
        int measured = peak - at;

        CliRun r = CliRun.of("validate", net.toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals(String.format(java.util.Locale.ROOT, "ok: 4 nodes, 3 connections, latency %d samples (%.2f ms)",
                measured, measured / 48.0), r.out().strip(), r::toString);
        assertEquals(768 + 255 + 128, measured, "768 in the network, 255 while the STFT waits for its hop of the live "
                + "input, and 128 (half the hop) that the STFT fires ahead so its frame's work is spread over the hop");
    }
}
