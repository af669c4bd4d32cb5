package dev.conch.editor.document;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group into sub-network and Ungroup on the example networks: the grouped network (its new file read back from disk)
 * renders the very bits the network rendered before, at two block sizes, with audio, control and spectrum wires
 * crossing the border; ungrouping gives back the same nodes and wires the file had.
 */
public class GroupingTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    private static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    private static final int FRAMES = 48000;

    @TempDir
    Path dir;

    /** glass-drone, copied beside the group files (its own folder must not get them). */
    private NetworkSpec example(String name) throws Exception {
        Path f = dir.resolve(name);
        Files.copy(NETWORKS.resolve(name), f);
        return NetworkXml.read(f);
    }

    @Test
    void groupingTheFilterAndGainKeepsTheSoundAndNamesThePortsAfterTheirs() throws Exception {
        NetworkSpec drone = example("glass-drone.xml");
        NetworkSpec grouped = groupAndWrite(drone, Set.of("filter", "gain"), "voice", "group-1.xml");

        NetworkSpec inner = NetworkXml.read(dir.resolve("group-1.xml"));
        // the audio in, the two modulations in (the node 'gain' takes the name 'gain', so its param's inlet is gain_gain),
        // and one outlet for the gain's output that fed both output channels
        assertEquals(Map.of("in", "Inlet", "frequency", "Inlet", "gain_gain", "Inlet", "out", "Outlet",
                        "filter", "Biquad", "gain", "Gain"),
                inner.nodes().stream().collect(Collectors.toMap(NodeSpec::id, NodeSpec::type)));
        assertEquals("control", inner.node("frequency").orElseThrow().params().get("kind").text());
        assertEquals(Set.of(new Connection("in.out", "filter.in"), new Connection("filter.out", "gain.in"),
                new Connection("gain.out", "out.in")), Set.copyOf(inner.connections()));
        assertEquals(List.of("add", "add"), inner.controls().stream().map(c -> c.mode().word()).toList());

        assertEquals("net:group-1.xml", grouped.node("voice").orElseThrow().type());
        assertEquals(Set.of(new Connection("shape.out", "voice.in"), new Connection("lfo.out", "voice.frequency"),
                        new Connection("fade.out", "voice.gain_gain"), new Connection("voice.out", "out.in1"),
                        new Connection("voice.out", "out.in2"), new Connection("osc.out", "shape.in")),
                Set.copyOf(grouped.connections()));
        assertSameSound(drone, grouped);
    }

    @Test
    void groupingControlSourcesKeepsTheirModulationModes() throws Exception {
        NetworkSpec drone = example("glass-drone.xml");
        NetworkSpec grouped = groupAndWrite(drone, Set.of("lfo", "fade"), "mods", "mods.xml");
        NetworkSpec inner = NetworkXml.read(dir.resolve("mods.xml"));
        assertEquals(List.of("control", "control"), inner.nodes().stream().filter(n -> n.type().equals("Outlet"))
                .map(n -> n.params().get("kind").text()).toList());
        assertEquals(Set.of("mods.out -> filter.frequency (add)", "mods.fade_out -> gain.gain (add)"),
                grouped.controls().stream().map(c -> c.from() + " -> " + c.to() + " (" + c.mode().word() + ")")
                        .collect(Collectors.toSet()));
        assertSameSound(drone, grouped);
    }

    /** The bells' spectra cross the border both ways, and a cloned sub-network goes inside another one. */
    @Test
    void aSpectrumAndANestedCloneCrossTheBorder() throws Exception {
        NetworkSpec choir = example("bell-choir.xml");
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.copy(NETWORKS.resolve("library/bell-voice.xml"), library.resolve("bell-voice.xml"));
        choir = NetworkXml.read(dir.resolve("bell-choir.xml"));
        Files.createDirectories(dir.resolve("parts"));
        NetworkSpec grouped = groupAndWrite(choir, Set.of("bells", "stft", "left"), "front", "parts/front.xml");
        NetworkSpec inner = NetworkXml.read(dir.resolve("parts/front.xml"));
        assertEquals("net:../library/bell-voice.xml", inner.node("bells").orElseThrow().type(),
                "the clone's file is named from the group's folder");
        assertEquals(8, inner.node("bells").orElseThrow().count());
        assertEquals(Set.of("spectrum"), inner.nodes().stream().filter(n -> n.type().equals("Outlet"))
                .map(n -> n.params().get("kind").text()).collect(Collectors.toSet()));
        assertSameSound(choir, grouped);
    }

    /**
     * Every example network with all but its outputs grouped (feedback loops, multi-rate streams and latency
     * compensation inside, whatever crosses the border), and then ungrouped again, renders what it rendered.
     */
    @Test
    void everyExampleNetworkGroupedAndUngroupedRendersTheSame() throws Exception {
        Files.createDirectories(dir.resolve("library"));
        try (var files = Files.list(NETWORKS.resolve("library"))) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve("library").resolve(f.getFileName()));
        }
        // the reverb's impulse response is named from the network's folder (ir/room-ir.wav): it moves with it
        Files.createDirectories(dir.resolve("ir"));
        Files.copy(NETWORKS.resolve("ir/room-ir.wav"), dir.resolve("ir/room-ir.wav"));
        List<String> tried = new java.util.ArrayList<>();
        try (var files = Files.list(NETWORKS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                NetworkSpec spec = example(f.getFileName().toString());
                Set<String> inner = spec.nodes().stream().filter(n -> !n.type().equals("AudioOutput"))
                        .map(NodeSpec::id).collect(Collectors.toSet());
                String name = "all-" + f.getFileName();
                NetworkSpec grouped = groupAndWrite(spec, inner, "all", name);
                assertEquals(spec.nodes().size() - inner.size() + 1, grouped.nodes().size(), name);
                float peak = assertSameBits(spec, grouped);
                assertSameBits(spec, new UngroupNode("all").applyTo(grouped, REGISTRY));
                if (peak > 1e-4) tried.add(f.getFileName().toString()); // some start silent (a fade-in, a sound input)
            }
        }
        assertTrue(tried.size() >= 7, "sounding in their first second: " + tried);
    }

    @Test
    void ungroupingGivesBackTheNodesAndWiresTheNetworkHad() throws Exception {
        NetworkSpec drone = example("glass-drone.xml");
        NetworkSpec grouped = groupAndWrite(drone, Set.of("shape", "filter", "gain"), "voice", "voice.xml");
        NetworkSpec back = new UngroupNode("voice").applyTo(grouped, REGISTRY);
        // positions too: the grouped nodes land where they were
        assertEquals(drone.nodes().stream().map(n -> n.id() + " " + n.type() + " " + n.paramTexts() + " at " + n.x() + "," + n.y())
                        .collect(Collectors.toSet()),
                back.nodes().stream().map(n -> n.id() + " " + n.type() + " " + n.paramTexts() + " at " + n.x() + "," + n.y())
                        .collect(Collectors.toSet()));
        assertEquals(Set.copyOf(drone.connections()), Set.copyOf(back.connections()));
        assertEquals(Set.copyOf(drone.controls()), Set.copyOf(back.controls()));
        assertSameSound(drone, back);
    }

    /** The library's bell voice set by its knobs, ids taken outside prefixed, renders as the node did. */
    @Test
    void ungroupingALibraryVoiceAppliesItsKnobsAndPrefixesTakenIds() throws Exception {
        Path f = dir.resolve("one-bell.xml");
        Files.writeString(f, """
                <network name="one-bell" version="2" sampleRate="48000">
                  <node id="bell" type="net:bell-voice.xml">
                    <param name="pitch">330</param><param name="decay">2</param>
                  </node>
                  <node id="level" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="bell.out" to="level.in1"/>
                </network>
                """);
        Files.copy(NETWORKS.resolve("library/bell-voice.xml"), dir.resolve("bell-voice.xml"));
        NetworkSpec one = NetworkXml.read(f);
        NetworkSpec back = new UngroupNode("bell").applyTo(one, REGISTRY);
        assertTrue(back.nodes().stream().noneMatch(NodeSpec::isSubNetwork), back.nodes().toString());
        assertEquals("330", back.node("pitch").orElseThrow().params().get("value").text());
        assertEquals("2", back.node("decay").orElseThrow().params().get("value").text());
        assertEquals("Constant", back.node("bell_level").orElseThrow().type(), "the voice's level knob, renamed beside the output 'level'");
        assertEquals("Bell", back.node("bell").orElseThrow().type(), "the node's own id is free once it is gone");
        assertSameSound(one, back);
    }

    @Test
    void aClonedNodeIsNotUngroupedAndNothingChanges() throws Exception {
        NetworkSpec choir = example("bell-choir.xml");
        EditRefused e = assertThrows(EditRefused.class, () -> new UngroupNode("bells").applyTo(choir, REGISTRY));
        assertEquals("'bells' is 8 copies of its network; set count to 1 to ungroup it", e.getMessage());
    }

    private NetworkSpec groupAndWrite(NetworkSpec spec, Set<String> ids, String node, String file) throws Exception {
        Grouping.Result r = Grouping.group(spec, ids, node, dir.resolve(file), REGISTRY);
        NetworkXml.write(r.inner(), dir.resolve(file));
        assertNotEquals(spec, r.outer());
        return r.outer();
    }

    private static void assertSameSound(NetworkSpec before, NetworkSpec after) throws NetworkException {
        float peak = assertSameBits(before, after);
        assertTrue(peak > 1e-4, "the reference is not silent: " + peak);
    }

    /** Asserts {@code after} renders {@code before}'s bits at two block sizes; returns the reference's peak. */
    private static float assertSameBits(NetworkSpec before, NetworkSpec after) throws NetworkException {
        float[][] reference = render(before, 256);
        float peak = 0;
        for (float[] channel : reference) for (float v : channel) peak = Math.max(peak, Math.abs(v));
        for (int block : new int[] {256, 37}) {
            float[][] got = render(after, block);
            for (int c = 0; c < reference.length; c++) assertArrayEquals(reference[c], got[c], "channel " + c + ", block " + block);
        }
        return peak;
    }

    public static float[][] render(NetworkSpec spec, int block) throws NetworkException {
        Engine e = new Engine(NetworkCompiler.compile(spec, REGISTRY, block));
        float[][] out = new float[e.outputChannels()][FRAMES];
        float[][] buf = new float[e.outputChannels()][block];
        for (int done = 0; done < FRAMES; done += block) {
            int n = Math.min(block, FRAMES - done);
            e.process(buf, n);
            for (int c = 0; c < out.length; c++) System.arraycopy(buf[c], 0, out[c], done, n);
        }
        return out;
    }
}
