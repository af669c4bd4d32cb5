package dev.conch.cli;

import dev.conch.engine.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network whose only output is a Print node renders and plays, printing on standard output what the definition
 * says (a counter's bits at its ticks), at any block size; one with nothing to show is refused in one sentence. CLAM's
 * bools and dummy_azimuth_elevation_controls, whose outputs are only control printers, print their controls.
 */
class PrintCliTest {
    @TempDir
    Path dir;

    /** A 10 Hz counter's two lowest bits printed, at 8 kHz: a tick every 800 samples. */
    private Path counter() throws Exception {
        Path net = dir.resolve("counter.xml");
        Files.writeString(net, "<network name=\"counter\" version=\"2\" sampleRate=\"8000\">"
                + "<node id=\"count\" type=\"BinaryCounter\"><param name=\"rate\">10</param></node>"
                + "<node id=\"show\" type=\"Print\"><param name=\"label\">counter</param><param name=\"inputs\">2</param></node>"
                + "<control from=\"count.bit0\" to=\"show.in1\"/><control from=\"count.bit1\" to=\"show.in2\"/></network>");
        return net;
    }

    /** The lines the count's bits give over {@code ticks} ticks at {@code rate} a second: one per tick. */
    private static List<String> countLines(String label, int ticks, double rate, int bits) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < ticks; k++) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.3f s  %s:", k / rate, label));
            for (int b = 0; b < bits; b++) sb.append(b == 0 ? " " : ", ").append((k >> b) & 1);
            lines.add(sb.toString());
        }
        return lines;
    }

    private static List<String> printed(CliRun r, String label) {
        return r.out().lines().filter(l -> l.contains("  " + label + ":")).toList();
    }

    @Test
    void aNetworkThatOnlyPrintsRendersItsLinesAtAnyBlockSize() throws Exception {
        Path net = counter();
        for (String block : new String[] {"512", "37"}) {
            CliRun r = CliRun.of("render", net.toString(), "--seconds", "1", "--block", block);
            assertEquals(0, r.exit(), r::toString);
            assertEquals(countLines("counter", 10, 10, 2), printed(r, "counter"), r::toString);
            assertTrue(r.out().contains("wrote    nothing (its Print nodes printed above)"), r::toString);
        }
    }

    @Test
    void playPrintsThroughTheNullDriver() throws Exception {
        CliRun r = CliRun.of("play", counter().toString(), "--driver", "null", "--seconds", "0.35");
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = printed(r, "counter");
        assertTrue(lines.size() >= 3, r::toString);
        assertEquals(countLines("counter", lines.size(), 10, 2), lines, r::toString);
    }

    /** What validates runs: a network of knobs alone renders and plays, and says that nothing of it can be heard or read. */
    @Test
    void aNetworkWithNothingToShowRunsAndSaysSo() throws Exception {
        Path net = dir.resolve("knob.xml");
        Files.writeString(net, "<network name=\"knob\" version=\"2\" sampleRate=\"8000\">"
                + "<node id=\"k\" type=\"Constant\"/></network>");
        String warning = net + ": warning: it has no AudioOutput, AudioFileWriter or Print node, so nothing of it can be "
                + "heard or read: add one to hear or read it (a Print node prints its controls)";
        CliRun r = CliRun.of("render", net.toString(), "--seconds", "1");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().lines().anyMatch(warning::equals), r::toString);
        assertTrue(r.out().contains("wrote    nothing\n"), r::toString);
        assertTrue(r.out().contains("length   1.000 s (8000 frames at 8000 Hz)"), r::toString);
        CliRun p = CliRun.of("play", net.toString(), "--driver", "null", "--seconds", "0.1");
        assertEquals(0, p.exit(), p::toString);
        assertTrue(p.err().lines().anyMatch(warning::equals), p::toString);
    }

    @Test
    void clamsBoolsPrintsItsCounterAndGate() {
        Path bools = ClamCorpusTest.root().resolve("NetworkEditor/example-data/bools.clamnetwork");
        ExternalTools.require(Files.exists(bools), "CLAM's networks are not at " + ClamCorpusTest.root());
        CliRun r = CliRun.of("render", bools.toString(), "--seconds", "0.25");
        assertEquals(0, r.exit(), r::toString);
        // CLAM's BinaryCounter counts its runs, one per 512-sample block at 44.1 kHz: 22 ticks in 0.25 s
        assertEquals(countLines("BoolControlPrinter_1", 22, 44100.0 / 512, 8), printed(r, "BoolControlPrinter_1"), r::toString);
        // the gate's input sits at its slider's default 0.5, inside the band around threshold 0.5: off
        assertEquals(List.of("0.000 s  GateOutput: 0"), printed(r, "GateOutput"), r::toString);
        assertEquals(List.of("0.000 s  BoolControlPrinter: 0, 0, 0, 0"), printed(r, "BoolControlPrinter"), r::toString);
        assertTrue(r.err().contains("BoolControlPrinter 'GateOutput' -> Print 'GateOutput'"), r::toString);
    }

    @Test
    void clamsControlPrinterPrintsItsTwoControls() throws Exception {
        Path net = ClamCorpusTest.root().resolve("CLAM/plugins/spacialization/ladspa/dummy_azimuth_elevation_controls.clamnetwork");
        ExternalTools.require(Files.exists(net), "CLAM's networks are not at " + ClamCorpusTest.root());
        Path tone = dir.resolve("silence.wav");
        try (var w = dev.conch.engine.io.WavWriter.open(tone, 1, 44100, dev.conch.engine.io.SampleFormat.PCM16)) {
            w.write(new float[1][4410], 0, 4410);
            w.commit();
        }
        CliRun r = CliRun.of("render", net.toString(), "-i", tone.toString());
        assertEquals(0, r.exit(), r::toString);
        // ControlSources without a DefaultValue start at their MinValue: azimuth 0, elevation -90 degrees
        assertEquals(List.of("0.000 s  ControlPrinter: 0, -90"), printed(r, "ControlPrinter"), r::toString);
    }
}
