package dev.conch.editor.document;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A lane's edit as a document edit: one undo step, saved and read back as written, refused in the compiler's words. */
class SetAutomationTest {
    final ProcessorRegistry registry = ProcessorRegistry.load();
    @TempDir
    Path dir;

    @Test
    void aTimelineIsSetInTimeOrderUndoneAndSavedAsWritten() throws Exception {
        NetworkDocument doc = NetworkDocument.open(NetworkDocumentTest.GLASS, registry);
        NetworkSpec original = doc.spec();
        List<AutomationEvent> events = List.of(AutomationEvent.linear(8, 12), AutomationEvent.set(2, 3),
                AutomationEvent.target(1, 20, 0.5), AutomationEvent.curve(List.of(1.0, 6.0, 3.0), 24, 4));
        doc.apply(new SetAutomation("filter", "q", events, "add a point to filter.q"));
        List<AutomationEvent> kept = timeline(doc.spec(), "filter", "q");
        assertEquals(List.of(3.0, 12.0, 20.0, 24.0), kept.stream().map(AutomationEvent::time).toList(), "time order");
        assertEquals("add a point to filter.q", doc.undoLabel());

        Path file = dir.resolve("saved.xml");
        doc.saveAs(file);
        assertEquals(kept, timeline(NetworkXml.read(file), "filter", "q"), "written and read back event for event");

        doc.apply(new SetAutomation("filter", "q", List.of(), "delete a point of filter.q"));
        assertTrue(doc.spec().node("filter").orElseThrow().automations().isEmpty(), "no events: no timeline");
        doc.undo();
        doc.undo();
        assertEquals(original, doc.spec());
    }

    @Test
    void aParamTheCompilerWouldNotAutomateIsRefusedInItsWords() throws Exception {
        NetworkDocument doc = NetworkDocument.open(NetworkDocumentTest.GLASS, registry);
        NetworkSpec original = doc.spec();
        EditRefused modulated = assertThrows(EditRefused.class, () -> doc.apply(new SetAutomation("filter", "frequency",
                List.of(AutomationEvent.linear(2000, 5)), "add")));
        assertTrue(modulated.getMessage().contains("both automated and driven by lfo.out"), modulated.getMessage());
        EditRefused range = assertThrows(EditRefused.class, () -> doc.apply(new SetAutomation("filter", "q",
                List.of(AutomationEvent.linear(400, 5)), "add")));
        assertTrue(range.getMessage().contains("out of range"), range.getMessage());
        EditRefused zero = assertThrows(EditRefused.class, () -> doc.apply(new SetAutomation("osc", "amplitude",
                List.of(AutomationEvent.set(0, 1), AutomationEvent.exponential(0.5, 2)), "exp")));
        assertTrue(zero.getMessage().contains("nonzero"), zero.getMessage());
        EditRefused fixed = assertThrows(EditRefused.class, () -> doc.apply(new SetAutomation("shape", "oversample",
                List.of(AutomationEvent.set(4, 1)), "set")));
        assertTrue(fixed.getMessage().contains("cannot be automated"), fixed.getMessage());
        assertEquals(original, doc.spec(), "nothing changed");
        assertFalse(doc.canUndo());
    }

    /**
     * A refusal about a timeline the file had says no file line: the status read "Refused: 28:5: node 'morph', ..."
     * with the line of bell-morph.xml's automate element, which the network being edited has moved on from.
     */
    @Test
    void aRefusalAboutATimelineFromTheFileSaysNoFileLine() throws Exception {
        NetworkDocument doc = NetworkDocument.open(NetworkDocumentTest.GLASS.resolveSibling("bell-morph.xml"), registry);
        EditRefused zero = assertThrows(EditRefused.class, () -> doc.apply(new SetAutomation("morph", "morph",
                List.of(AutomationEvent.set(0, 1), AutomationEvent.exponential(0.25, 12), AutomationEvent.linear(1, 21)),
                "exp")));
        assertTrue(zero.getMessage().startsWith("node 'morph', 'morph': exponentialRampToValueAtTime"), zero.getMessage());
    }

    private static List<AutomationEvent> timeline(NetworkSpec spec, String node, String param) {
        return spec.node(node).orElseThrow().automations().stream().filter(a -> a.param().equals(param)).findFirst()
                .map(Automation::events).orElseThrow();
    }
}
