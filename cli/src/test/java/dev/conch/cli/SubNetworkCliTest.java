package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set} reaches into sub-networks (a knob as voice.pitch, any inner param as voice/osc.amplitude, one copy
 * as voice#1/...), each giving what the same value written in the file gives; {@code conch describe} shows a
 * sub-network's ports and knobs, {@code conch list} the library.
 */
class SubNetworkCliTest {
    @TempDir
    Path dir;

    private static final String VOICE = """
            <network name="voice" version="2">
              <description>A sine at the pitch knob. Second sentence.</description>
              <node id="pitch" type="Constant">
                <param name="min">20</param><param name="max">2000</param><param name="unit">Hz</param>
                <param name="value">220</param>
              </node>
              <node id="osc" type="Oscillator"><param name="amplitude">0.25</param></node>
              <node id="mod" type="Inlet"><param name="kind">control</param></node>
              <node id="out" type="Outlet"/>
              <connect from="osc.out" to="out.in"/>
              <control from="pitch.out" to="osc.frequency"/>
            </network>
            """;

    private Path network(String name, String voiceParams, int count) throws Exception {
        Files.writeString(dir.resolve("voice.xml"), VOICE);
        Path f = dir.resolve(name);
        Files.writeString(f, """
                <network name="n" version="2" duration="0.5">
                  <node id="v" type="net:voice.xml" count="%d">%s</node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="v.out" to="out.in1"/>
                </network>
                """.formatted(count, voiceParams));
        return f;
    }

    private float[] render(Path network, String... sets) throws Exception {
        Path wav = dir.resolve(network.getFileName() + "-" + sets.length + ".wav");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("render", network.toString(), "-q",
                "--bits", "32f", "-o", wav.toString()));
        for (String s : sets) args.addAll(java.util.List.of("--set", s));
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r::toString);
        return RenderTest.Wav.read(wav).channels()[0];
    }

    @Test
    void setReachesAKnobAnInnerParamAndOneCopy() throws Exception {
        Path plain = network("plain.xml", "", 1);
        float[] written = render(network("written.xml",
                "<param name=\"pitch\">330</param><param name=\"osc.amplitude\">0.5</param>", 1));
        float[] set = render(plain, "v.pitch=330", "v/osc.amplitude=0.5");
        assertArrayEquals(written, set, "--set v.pitch and v/osc.amplitude differ from the same values in the file");
        assertFalse(java.util.Arrays.equals(written, render(plain)), "the settings changed nothing");

        Path two = network("two.xml", "<param name=\"pitch\">110 165</param>", 2);
        float[] perCopy = render(network("two-written.xml",
                "<param name=\"pitch\">110 440</param><param name=\"osc.amplitude\">0.25 0</param>", 2));
        assertArrayEquals(perCopy, render(two, "v#1.pitch=440", "v#1/osc.amplitude=0"),
                "--set on copy 1 differs from the per-copy lists in the file");
    }

    @Test
    void setNamesTheKnobsOfASubNetworkWhenOneIsMisspelt() throws Exception {
        CliRun r = CliRun.of("render", network("n.xml", "", 3).toString(), "-q", "-o", dir.resolve("x.wav").toString(),
                "--set", "v.pich=3");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("sub-network 'v' has no knob 'pich' (did you mean 'pitch'?); its knobs are pitch"),
                r::toString);
    }

    @Test
    void describeShowsASubNetworksPortsAndKnobsAndListShowsTheLibrary() throws Exception {
        network("n.xml", "", 1);
        CliRun d = CliRun.of("describe", dir.resolve("voice.xml").toString());
        assertEquals(0, d.exit(), d::toString);
        assertTrue(d.out().startsWith("net:voice.xml (Library)"), d::toString);
        assertTrue(d.out().lines().anyMatch(l -> l.matches("\\s+in\\s+mod\\s+control\\s+inlet mod \\(optional\\)")), d::toString);
        assertTrue(d.out().lines().anyMatch(l -> l.matches("\\s+out\\s+out\\s+audio\\s+outlet out")), d::toString);
        assertTrue(d.out().lines().anyMatch(l -> l.matches("\\s+pitch\\s+number\\s+Hz\\s+20 to 2000\\s+220\\s.*")), d::toString);

        System.setProperty("conch.library", dir.toString());
        try {
            CliRun l = CliRun.of("list");
            assertEquals(0, l.exit(), l::toString);
            assertTrue(l.out().lines().anyMatch(s -> s.matches("net:voice\\.xml\\s+Library\\s+A sine at the pitch knob\\.")),
                    l::toString);
            CliRun byName = CliRun.of("describe", "net:voice.xml");
            assertEquals(d.out(), byName.out(), byName::toString);
        } finally {
            System.clearProperty("conch.library");
        }
    }
    /**
     * A sub-network holding an AudioOutput makes it the including network's: a second one there is refused naming
     * the first, inside the sub-network. The sentence named only the including network's own, the one AudioOutput
     * its file holds.
     */
    @Test
    void anAudioOutputInsideASubNetworkIsNamedWhenTheIncludingNetworkHasOneToo() throws Exception {
        Files.writeString(dir.resolve("speaker.xml"), """
                <network name="speaker" version="4">
                  <node id="osc" type="Oscillator"/>
                  <node id="o" type="AudioOutput"><param name="channels">1</param></node>
                  <node id="out" type="Outlet"/>
                  <node id="g" type="Gain"/>
                  <connect from="osc.out" to="o.in1"/>
                  <connect from="osc.out" to="g.in"/>
                  <connect from="g.out" to="out.in"/>
                </network>
                """);
        Path f = dir.resolve("n.xml");
        Files.writeString(f, """
                <network name="n" version="4" duration="0.5">
                  <node id="s" type="net:speaker.xml"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="s.out" to="out.in1"/>
                </network>
                """);
        CliRun r = CliRun.of("validate", f.toString());
        assertEquals(2, r.exit(), r::toString);
        assertEquals(f + ":3:3: node 'out': a network has at most one AudioOutput, and node 's/o' is one (a sub-network's "
                + "AudioOutput is the including network's); give that one more channels instead", r.err().strip());
    }
    /** A CLAM file named as a sub-network is one sentence saying to import it; it was a line per CLAM element. */
    @Test
    void aClamNetworkAsASubNetworkIsOneSentenceSayingToImportIt() throws Exception {
        Files.writeString(dir.resolve("wire.clamnetwork"), """
                <network clamVersion="1.4.1" id="Unnamed">
                  <processing id="AudioSource" position="0,0" size="10,10" type="AudioSource"/>
                  <processing id="AudioSink" position="0,100" size="10,10" type="AudioSink"/>
                  <port_connection><out>AudioSource.1</out><in>AudioSink.1</in></port_connection>
                </network>
                """);
        Path f = dir.resolve("n.xml");
        Files.writeString(f, """
                <network name="n" version="4" duration="0.5">
                  <node id="w" type="net:wire.clamnetwork"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="w.out" to="out.in1"/>
                </network>
                """);
        CliRun r = CliRun.of("validate", f.toString());
        assertEquals(2, r.exit(), r::toString);
        assertEquals(f + ":2:3: node 'w': sub-network 'wire.clamnetwork' is a CLAM network, which opens only as a whole "
                + "network; import it (conch import wire.clamnetwork -o wire.xml) and use the Conch file", r.err().strip());
    }
}
