package dev.conch.editor.document;

import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sub-network node in the editor: added by its type (found beside the network's file), named for its file, drawn
 * with its inlets, outlets and knobs as ports and params, and its knobs set within their ranges.
 */
class SubNetworkNodeTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @Test
    void aSubNetworkIsAddedNamedForItsFileWithItsPortsAndKnobs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("echo-voice.xml"), """
                <network name="voice" version="2">
                  <node id="in" type="Inlet"/>
                  <node id="mod" type="Inlet"><param name="kind">control</param></node>
                  <node id="time" type="Constant">
                    <param name="min">1</param><param name="max">900</param><param name="unit">ms</param>
                    <param name="value">250</param>
                  </node>
                  <node id="echo" type="Delay"/>
                  <node id="out" type="Outlet"/>
                  <connect from="in.out" to="echo.in"/>
                  <connect from="echo.out" to="out.in"/>
                  <control from="time.out" to="echo.time"/>
                </network>
                """);
        Files.writeString(dir.resolve("n.xml"), """
                <network name="n" version="2">
                  <node id="out" type="AudioOutput"/>
                </network>
                """);
        NetworkDocument doc = NetworkDocument.open(dir.resolve("n.xml"), REGISTRY);
        String type = "net:echo-voice.xml";
        assertEquals("echo-voice", doc.freshId(type));
        doc.apply(new AddNode(doc.freshId(type), type, 40, 40));
        NodeSpec node = doc.spec().node("echo-voice").orElseThrow();
        assertEquals(type, node.type());

        NodeFacts facts = NodeFacts.of(node, REGISTRY, doc.spec().origin());
        assertEquals(List.of("in", "mod"), facts.inputs().stream().map(PortSpec::name).toList());
        assertEquals(List.of(PortKind.AUDIO, PortKind.CONTROL), facts.inputs().stream().map(PortSpec::kind).toList());
        assertEquals(List.of("out"), facts.outputs().stream().map(PortSpec::name).toList());
        ParamSpec time = facts.params().get(0);
        assertEquals(List.of("time", 1.0, 900.0, "ms", "250"),
                List.of(time.name(), time.min(), time.max(), time.unit(), time.defaultText()));

        doc.apply(new SetParam("echo-voice", "time", "400"));
        assertEquals("400", doc.spec().node("echo-voice").orElseThrow().params().get("time").text());
        EditRefused outOfRange = assertThrows(EditRefused.class, () -> doc.apply(new SetParam("echo-voice", "time", "5000")));
        assertTrue(outOfRange.getMessage().contains("out of range"), outOfRange.getMessage());

        // an inner param set by its path (as --set voice/echo.feedback would) is shown and set within the Delay's range
        NetworkDocument withPath = new NetworkDocument(doc.spec().withParam("echo-voice", "echo.feedback", "0.3"),
                dir.resolve("n.xml"), REGISTRY);
        ParamSpec feedback = NodeFacts.of(withPath.spec().node("echo-voice").orElseThrow(), REGISTRY, doc.spec().origin())
                .params().stream().filter(p -> p.name().equals("echo.feedback")).findFirst().orElseThrow();
        assertEquals(List.of(0.0, 0.99), List.of(feedback.min(), feedback.max()));
        withPath.apply(new SetParam("echo-voice", "echo.feedback", "0.5"));
        assertEquals("0.5", withPath.spec().node("echo-voice").orElseThrow().params().get("echo.feedback").text());
        EditRefused tooMuch = assertThrows(EditRefused.class, () -> withPath.apply(new SetParam("echo-voice", "echo.feedback", "2")));
        assertTrue(tooMuch.getMessage().contains("out of range"), tooMuch.getMessage());

        EditRefused refused = assertThrows(EditRefused.class, () -> doc.apply(new AddNode("x", "net:nowhere.xml", 0, 0)));
        assertTrue(refused.getMessage().contains("unknown processor type 'net:nowhere.xml'"), refused.getMessage());
    }

    /** Regression: renaming a cloned node made it one copy (the rename rebuilt the node without its count). */
    @Test
    void aRenamedCloneKeepsItsCopies() throws Exception {
        var bells = new NodeSpec("bells", "net:bell-voice.xml", java.util.Map.of(), 40, 40,
                dev.conch.engine.model.Location.UNKNOWN, List.of(), 8);
        var spec = new dev.conch.engine.model.NetworkSpec("n", 2, 48000, 0, "", List.of(bells), List.of(), List.of());
        var renamed = new RenameNode("bells", "choir").applyTo(spec, REGISTRY);
        assertEquals(8, renamed.node("choir").orElseThrow().count());
    }
}
