package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Copy/paste of subnetworks and batch deletes on glass-drone, checked wire by wire. */
class PasteNodesTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    final ProcessorRegistry registry = ProcessorRegistry.load();

    @Test
    void aCopyKeepsOnlyTheWiresAmongItsNodes() throws Exception {
        NetworkSpec spec = NetworkXml.read(GLASS);
        Subnetwork sub = Subnetwork.of(spec, Set.of("filter", "lfo", "gain"));
        assertEquals(3, sub.nodes().size());
        assertEquals(List.of(new Connection("filter.out", "gain.in")), sub.connections());
        assertEquals(List.of(new ControlConnection("lfo.out", "filter.frequency")).get(0).from(), sub.controls().get(0).from());
        assertEquals(1, sub.controls().size(), "fade -> gain stays behind: fade was not copied");
    }

    @Test
    void pasteRenamesRewiresAndShifts() throws Exception {
        NetworkDocument doc = NetworkDocument.open(GLASS, registry);
        NetworkSpec before = doc.spec();
        PasteNodes paste = new PasteNodes(Subnetwork.of(before, Set.of("osc", "shape", "lfo")), 40, 30);
        assertEquals(Map.of("osc", "osc2", "shape", "shape2", "lfo", "lfo2"), paste.renaming(before));
        doc.apply(paste);
        NetworkSpec after = doc.spec();
        assertEquals(before.nodes().size() + 3, after.nodes().size());
        assertTrue(after.connections().contains(new Connection("osc2.out", "shape2.in")));
        assertEquals(before.connections().size() + 1, after.connections().size(), "only the wire among the copies");
        var osc2 = after.node("osc2").orElseThrow();
        var osc = before.node("osc").orElseThrow();
        assertEquals(osc.params(), osc2.params());
        assertEquals(osc.x() + 40, osc2.x());
        assertEquals(osc.y() + 30, osc2.y());
        // pasting again picks the next free names
        assertEquals("osc3", new PasteNodes(Subnetwork.of(after, Set.of("osc")), 0, 0).renaming(after).get("osc"));
        doc.undo();
        assertEquals(before, doc.spec(), "one undo step takes the whole paste back");
    }

    @Test
    void aBatchDeleteIsOneStepAndDropsTheWires() throws Exception {
        NetworkDocument doc = NetworkDocument.open(GLASS, registry);
        NetworkSpec before = doc.spec();
        doc.apply(new Batch("remove 2 nodes", List.of(new RemoveNode("shape"), new RemoveNode("lfo"))));
        assertTrue(doc.spec().node("shape").isEmpty() && doc.spec().node("lfo").isEmpty());
        assertTrue(doc.spec().connections().stream().noneMatch(c -> c.from().node().equals("shape") || c.to().node().equals("shape")));
        assertTrue(doc.spec().controls().stream().noneMatch(c -> c.from().node().equals("lfo")));
        assertEquals("remove 2 nodes", doc.undoLabel());
        doc.undo();
        assertEquals(before, doc.spec());
        assertThrows(EditRefused.class, () -> doc.apply(new Batch("x", List.of(new RemoveNode("osc"), new RemoveNode("nope")))));
        assertEquals(before, doc.spec(), "a refused batch changes nothing");
    }
}
