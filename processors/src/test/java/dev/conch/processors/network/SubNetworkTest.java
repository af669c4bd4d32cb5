package dev.conch.processors.network;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sub-networks are inlined before anything else is compiled: a network built from them renders the very bits of
 * the same network written flat by hand, clones and a spectrum stream crossing the boundary included; what is wrong
 * in an included file is told with both files' lines.
 */
class SubNetworkTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    /** A voice: a saw at the pitch knob through a filter, louder by one dB per copy number (its index knob). */
    private static final String VOICE = """
            <network name="voice" version="2">
              <node id="pitch" type="Constant">
                <param name="min">20</param><param name="max">2000</param><param name="unit">Hz</param>
                <param name="value">110</param>
              </node>
              <node id="index" type="Constant"><param name="max">16</param></node>
              <node id="osc" type="Oscillator"><param name="waveform">saw</param></node>
              <node id="filter" type="Biquad"><param name="frequency">900</param></node>
              <node id="amp" type="Gain"><param name="gain">-18</param></node>
              <node id="out" type="Outlet"/>
              <connect from="osc.out" to="filter.in"/>
              <connect from="filter.out" to="amp.in"/>
              <connect from="amp.out" to="out.in"/>
              <control from="pitch.out" to="osc.frequency"/>
              <control from="index.out" to="amp.gain" mode="add"/>
            </network>
            """;

    /** Works on a spectrum stream: takes one in and gives one out, so the STFT's framing crosses both ways. */
    private static final String BLUR = """
            <network name="blur" version="2">
              <node id="in" type="Inlet"><param name="kind">spectrum</param></node>
              <node id="cut" type="SpectralGain">
                <param name="gain">-30</param><param name="low">2000</param>
              </node>
              <node id="out" type="Outlet"><param name="kind">spectrum</param></node>
              <connect from="in.out" to="cut.in"/>
              <connect from="cut.out" to="out.in"/>
            </network>
            """;

    private static final String WITH_SUBNETWORKS = """
            <network name="choir" version="2" sampleRate="48000">
              <node id="voices" type="net:voice.xml" count="3">
                <param name="pitch">110 165 220.5</param>
                <param name="filter.q">3</param>
              </node>
              <node id="stft" type="STFT"><param name="fftSize">512</param></node>
              <node id="blur" type="net:fx/blur.xml"/>
              <node id="istft" type="ISTFT"/>
              <node id="out" type="AudioOutput"><param name="channels">2</param></node>
              <connect from="voices.out" to="stft.in"/>
              <connect from="stft.out" to="blur.in"/>
              <connect from="blur.out" to="istft.in"/>
              <connect from="istft.out" to="out.in1"/>
              <connect from="voices.out" to="out.in2"/>
            </network>
            """;

    /** The same network, written out by hand: three copies of the voice, their sum, the spectral cut. */
    private static String flat() {
        StringBuilder sb = new StringBuilder("<network name=\"flat\" version=\"2\" sampleRate=\"48000\">\n");
        String[] pitches = {"110", "165", "220.5"};
        for (int i = 0; i < 3; i++) {
            sb.append("""
                    <node id="p%1$d" type="Constant"><param name="min">20</param><param name="max">2000</param>
                      <param name="value">%2$s</param></node>
                    <node id="i%1$d" type="Constant"><param name="max">16</param><param name="value">%1$d</param></node>
                    <node id="o%1$d" type="Oscillator"><param name="waveform">saw</param></node>
                    <node id="f%1$d" type="Biquad"><param name="frequency">900</param><param name="q">3</param></node>
                    <node id="a%1$d" type="Gain"><param name="gain">-18</param></node>
                    <connect from="o%1$d.out" to="f%1$d.in"/>
                    <connect from="f%1$d.out" to="a%1$d.in"/>
                    <connect from="a%1$d.out" to="sum.in%3$d"/>
                    <control from="p%1$d.out" to="o%1$d.frequency"/>
                    <control from="i%1$d.out" to="a%1$d.gain" mode="add"/>
                    """.formatted(i, pitches[i], i + 1));
        }
        sb.append("""
                <node id="sum" type="Sum"><param name="inputs">3</param></node>
                <node id="stft" type="STFT"><param name="fftSize">512</param></node>
                <node id="cut" type="SpectralGain"><param name="gain">-30</param><param name="low">2000</param></node>
                <node id="istft" type="ISTFT"/>
                <node id="out" type="AudioOutput"><param name="channels">2</param></node>
                <connect from="sum.out" to="stft.in"/>
                <connect from="stft.out" to="cut.in"/>
                <connect from="cut.out" to="istft.in"/>
                <connect from="istft.out" to="out.in1"/>
                <connect from="sum.out" to="out.in2"/>
                </network>
                """);
        return sb.toString();
    }

    @Test
    void aNetworkOfSubNetworksRendersTheBitsOfTheSameNetworkWrittenFlat(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("voice.xml"), VOICE);
        Files.createDirectories(dir.resolve("fx"));
        Files.writeString(dir.resolve("fx/blur.xml"), BLUR);
        Files.writeString(dir.resolve("choir.xml"), WITH_SUBNETWORKS);
        NetworkSpec nested = NetworkXml.read(dir.resolve("choir.xml"));
        NetworkSpec flat = NetworkXml.read(flat(), "flat.xml");

        int frames = 24000;
        float[][] reference = render(flat, 512, frames);
        for (int block : new int[]{512, 64, 37}) {
            float[][] got = render(nested, block, frames);
            assertArrayEquals(reference[0], got[0], "the spectral channel differs at block " + block);
            assertArrayEquals(reference[1], got[1], "the dry channel differs at block " + block);
        }
        // it must not pass on silence: the cut spectrum and the dry voices both sound
        assertTrue(peak(reference[0]) > 0.05 && peak(reference[1]) > 0.05,
                "too quiet: " + peak(reference[0]) + ", " + peak(reference[1]));
    }

    @Test
    void aFeedbackLoopThroughASubNetworkRendersAsTheSameLoopWrittenFlat(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("damp.xml"), """
                <network name="damp" version="2">
                  <node id="in" type="Inlet"/>
                  <node id="soft" type="Gain"><param name="gain">-4</param></node>
                  <node id="out" type="Outlet"/>
                  <connect from="in.out" to="soft.in"/>
                  <connect from="soft.out" to="out.in"/>
                </network>
                """);
        String loop = """
                <network name="loop" version="2">
                  <node id="noise" type="Noise"><param name="amplitude">0.3</param></node>
                  <node id="mix" type="Mixer"/>
                  <node id="echo" type="Delay"><param name="time">7</param><param name="maxtime">50</param></node>
                  %s
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="noise.out" to="mix.in1"/>
                  <connect from="mix.out" to="echo.in"/>
                  <connect from="echo.out" to="%s.in"/>
                  <connect from="%s.out" to="mix.in2"/>
                  <connect from="echo.out" to="out.in1"/>
                </network>
                """;
        Files.writeString(dir.resolve("nested.xml"), loop.formatted("<node id=\"d\" type=\"net:damp.xml\"/>", "d", "d"));
        NetworkSpec flat = NetworkXml.read(loop.formatted("<node id=\"g\" type=\"Gain\"><param name=\"gain\">-4</param></node>",
                "g", "g"), "flat.xml");
        NetworkSpec nested = NetworkXml.read(dir.resolve("nested.xml"));
        float[][] reference = render(flat, 64, 9600);
        for (int block : new int[]{64, 37}) assertArrayEquals(reference[0], render(nested, block, 9600)[0], "block " + block);
        assertTrue(peak(reference[0]) > 0.05, "the loop is silent");
    }

    @Test
    void theCopiesDifferByTheirKnobListsAndIndex(@TempDir Path dir) throws Exception {
        // one copy alone, at copy 2's pitch and index, is copy 2's share of the sum: the others are silenced
        Files.writeString(dir.resolve("voice.xml"), VOICE);
        String three = """
                <network name="n" version="2">
                  <node id="v" type="net:voice.xml" count="3"><param name="pitch">110 165 220.5</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="v.out" to="out.in1"/>
                </network>
                """;
        String oneAsCopy2 = """
                <network name="n" version="2">
                  <node id="v" type="net:voice.xml"><param name="pitch">220.5</param><param name="index">2</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="v.out" to="out.in1"/>
                </network>
                """;
        float[] all = renderText(dir, three, 4800)[0];
        float[] copy2 = renderText(dir, oneAsCopy2, 4800)[0];
        float[] others = renderText(dir, three.replace("110 165 220.5", "110 165")
                .replace("count=\"3\"", "count=\"2\""), 4800)[0];
        // float addition is exact enough here to check to a few ulps of the signal's size
        for (int i = 0; i < all.length; i++) {
            assertEquals(all[i], others[i] + copy2[i], 1e-6, "frame " + i);
        }
        assertTrue(peak(copy2) > 0.05, "copy 2 is silent");
    }

    @Test
    void aMistakeInsideASubNetworkIsToldWithBothFilesLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("voice.xml"), VOICE.replace("<param name=\"frequency\">900</param>",
                "<param name=\"frequency\">99999</param>"));
        Files.writeString(dir.resolve("broken.xml"), "<network name=\"b\" version=\"2\">\n  <node id=\"x\"\n</network>\n");
        Files.writeString(dir.resolve("n.xml"), """
                <network name="n" version="2">
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <node id="gone" type="net:nowhere.xml"/>
                  <node id="b" type="net:broken.xml"/>
                </network>
                """);
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(NetworkXml.read(dir.resolve("n.xml")), REGISTRY, 256));
        assertEquals(2, e.problems().size(), e.getMessage());
        var missing = e.problems().get(0);
        assertEquals(3, missing.location().line(), e.getMessage());
        assertTrue(missing.message().contains("no sub-network file 'nowhere.xml'"), e.getMessage());
        var broken = e.problems().get(1);
        assertEquals(4, broken.location().line(), e.getMessage());
        assertEquals("broken.xml:3:1", broken.location().inside(), e.getMessage());
        assertTrue(broken.message().contains("not well-formed"), e.getMessage());

        // the sub-network reads, and the compiler finds a value out of range in it: told at both lines too
        Files.writeString(dir.resolve("n.xml"), """
                <network name="n" version="2">
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <node id="v" type="net:voice.xml"/>
                  <connect from="v.out" to="out.in1"/>
                </network>
                """);
        e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(NetworkXml.read(dir.resolve("n.xml")), REGISTRY, 256));
        assertEquals(1, e.problems().size(), e.getMessage());
        var range = e.problems().get(0);
        assertEquals(3, range.location().line(), e.getMessage());
        assertTrue(range.location().inside().startsWith("voice.xml:8:"), e.getMessage());
        assertEquals("v/filter", range.node(), e.getMessage());
        assertTrue(e.getMessage().contains("(in voice.xml:8:"), e.getMessage());
    }

    @Test
    void aSubNetworkThatIncludesItselfIsRefusedNamingTheChain(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.xml"), """
                <network name="a" version="2">
                  <node id="inner" type="net:b.xml"/>
                </network>
                """);
        Files.writeString(dir.resolve("b.xml"), """
                <network name="b" version="2">
                  <node id="deeper" type="net:a.xml"/>
                </network>
                """);
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(NetworkXml.read(dir.resolve("a.xml")), REGISTRY, 256));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("(a.xml -> b.xml -> a.xml)"), e.getMessage());
        assertEquals("b.xml:2:3", e.problems().get(0).location().inside(), e.getMessage());
    }

    @Test
    void anUnknownKnobOrPortSaysWhichThereAre(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("voice.xml"), VOICE);
        Files.writeString(dir.resolve("n.xml"), """
                <network name="n" version="2">
                  <node id="v" type="net:voice.xml"><param name="pich">3</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="v.left" to="out.in1"/>
                </network>
                """);
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(NetworkXml.read(dir.resolve("n.xml")), REGISTRY, 256));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("(did you mean 'pitch'?); its knobs are: index, pitch"),
                e.getMessage());
        assertTrue(e.problems().get(1).message().contains("has no output 'left'; its outputs are: out"), e.getMessage());
    }

    @Test
    void aMistakeMadeOnceForEveryCopyIsToldOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("voice.xml"), VOICE);
        Files.writeString(dir.resolve("n.xml"), """
                <network name="n" version="2">
                  <node id="v" type="net:voice.xml" count="4"><param name="pitch">5000</param></node>
                  <node id="w" type="net:voice.xml" count="2"><param name="pitch">110 7000</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="v.out" to="out.in1"/>
                </network>
                """);
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(NetworkXml.read(dir.resolve("n.xml")), REGISTRY, 256));
        // one for the four copies of v; w's second copy alone has the mistake
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals("v#0/pitch", e.problems().get(0).node(), e.getMessage());
        assertEquals("w#1/pitch", e.problems().get(1).node(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("5000 Hz is out of range"), e.getMessage());
    }

    @Test
    void theEditorsUpgradeOfAFileKeepsItsClonesAndWhereItWasRead(@TempDir Path dir) throws Exception {
        // the editor opens a file through withoutRepeatedFraming: a lost count or origin would change what it saves
        Files.writeString(dir.resolve("voice.xml"), VOICE);
        Files.writeString(dir.resolve("n.xml"), """
                <network name="n" version="2">
                  <node id="v" type="net:voice.xml" count="3"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="v.out" to="out.in1"/>
                </network>
                """);
        NetworkSpec opened = NetworkCompiler.withoutRepeatedFraming(NetworkXml.read(dir.resolve("n.xml")), REGISTRY);
        assertEquals(3, opened.node("v").orElseThrow().count());
        assertEquals(dir.resolve("n.xml"), opened.origin().file());
        NetworkCompiler.compile(opened, REGISTRY, 64); // finds voice.xml beside n.xml, wherever the JVM runs
    }

    private static float[][] renderText(Path dir, String text, int frames) throws Exception {
        Path f = dir.resolve("n.xml");
        Files.writeString(f, text);
        return render(NetworkXml.read(f), 256, frames);
    }

    private static float[][] render(NetworkSpec spec, int block, int frames) throws NetworkException {
        Engine e = new Engine(NetworkCompiler.compile(spec, REGISTRY, block));
        float[][] out = new float[e.outputChannels()][frames];
        float[][] buf = new float[e.outputChannels()][block];
        for (int done = 0; done < frames; done += block) {
            int n = Math.min(block, frames - done);
            e.process(buf, n);
            for (int c = 0; c < out.length; c++) System.arraycopy(buf[c], 0, out[c], done, n);
        }
        return out;
    }

    private static float peak(float[] x) {
        float p = 0;
        for (float v : x) p = Math.max(p, Math.abs(v));
        return p;
    }
}
