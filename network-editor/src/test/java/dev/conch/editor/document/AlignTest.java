package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Align left / top and distribute, through the document: positions as computed by hand, one undo step each. */
class AlignTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");

    private static NodeSpec n(NetworkDocument d, String id) {
        return d.spec().node(id).orElseThrow();
    }

    @Test
    void alignAndDistributeAreOneUndoStepEach() throws Exception {
        NetworkSpec spec = NetworkXml.read(GLASS);
        NetworkDocument doc = new NetworkDocument(spec, GLASS, ProcessorRegistry.load());
        // glass-drone: osc (40,120), shape (240,120), lfo (240,260), fade (440,260), gain (640,120)
        doc.apply(new MoveNode("fade", 440, 300));
        doc.apply(new MoveNode("osc", 40, 150));
        NetworkSpec before = doc.spec();
        Set<String> sel = Set.of("osc", "lfo", "fade");

        doc.apply(Align.left(doc.spec(), sel));
        assertEquals(List.of(40.0, 40.0, 40.0), List.of(n(doc, "osc").x(), n(doc, "lfo").x(), n(doc, "fade").x()));
        assertEquals(List.of(150.0, 260.0, 300.0), List.of(n(doc, "osc").y(), n(doc, "lfo").y(), n(doc, "fade").y()), "y kept");
        assertEquals(240, n(doc, "shape").x(), "an unselected node stays");
        doc.undo();
        assertEquals(before, doc.spec(), "one undo puts all three back");

        doc.apply(Align.top(doc.spec(), sel));
        assertEquals(List.of(150.0, 150.0, 150.0), List.of(n(doc, "osc").y(), n(doc, "lfo").y(), n(doc, "fade").y()));
        assertEquals(List.of(40.0, 240.0, 440.0), List.of(n(doc, "osc").x(), n(doc, "lfo").x(), n(doc, "fade").x()), "x kept");
        doc.undo();
        assertEquals(before, doc.spec());

        // osc 40, shape 240, lfo 240, gain 640: ends stay, the middle two at 240 and 440 (gaps of 200)
        doc.apply(Align.distributeHorizontally(doc.spec(), Set.of("osc", "shape", "lfo", "gain")));
        assertEquals(40, n(doc, "osc").x());
        assertEquals(640, n(doc, "gain").x());
        assertEquals(Set.of(240.0, 440.0), Set.of(n(doc, "shape").x(), n(doc, "lfo").x()));
        assertEquals(440, n(doc, "shape").x(), "ties broken by id: lfo before shape");
        assertEquals("distribute 4 nodes horizontally", doc.undoLabel());
        doc.undo();
        assertEquals(before, doc.spec());
    }
}
