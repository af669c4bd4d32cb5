package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.RemoveNode;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.beans.InvalidationListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The view-model without a window: the title, dirty flag, selection, inspected node, clipboard and status line
 * that the views bind to, checked against glass-drone.xml as written in the file (its ids, positions and wires).
 */
class EditorViewModelTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @TempDir
    Path dir;
    Path file;
    EditorViewModel vm;
    NetworkSpec original;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("glass-drone.xml");
        Files.copy(GLASS, file);
        vm = new EditorViewModel(NetworkDocument.open(file, REGISTRY));
        original = vm.spec();
    }

    @Test
    void titleAndDirtyFollowEditsUndoAndSave() throws Exception {
        List<String> titles = new ArrayList<>();
        vm.titleProperty().addListener((o, was, now) -> titles.add(now));
        assertEquals("glass-drone.xml - Conch editor", vm.titleProperty().get());
        assertFalse(vm.dirtyProperty().get());

        vm.addNode("Delay");
        assertTrue(vm.dirtyProperty().get());
        assertEquals("* glass-drone.xml - Conch editor", vm.titleProperty().get());
        vm.undo();
        assertFalse(vm.dirtyProperty().get(), "undone back to the file: clean again");
        assertEquals("Undid add Delay 'delay'", vm.status());

        vm.redo();
        vm.document().saveAs(dir.resolve("renamed.xml"));
        assertFalse(vm.dirtyProperty().get());
        assertEquals(dir.resolve("renamed.xml"), vm.fileProperty().get());
        assertEquals(List.of("* glass-drone.xml - Conch editor", "glass-drone.xml - Conch editor",
                "* glass-drone.xml - Conch editor", "* renamed.xml - Conch editor", "renamed.xml - Conch editor"), titles);
    }

    @Test
    void anAddedNodeIsSelectedAndInspectedAndLeavesBothWhenUndone() {
        vm.addNode("Delay");
        NodeSpec delay = vm.spec().node("delay").orElseThrow();
        // below glass-drone's lowest nodes (lfo and fade at y 260), at the left margin
        assertEquals(40, delay.x());
        assertEquals(260 + 140, delay.y());
        assertEquals(Set.of("delay"), vm.selection());
        assertEquals("delay", vm.inspectedProperty().get());
        assertEquals(delay, vm.inspectedNode());
        assertEquals("Add Delay 'delay'", vm.status());

        vm.undo();
        assertEquals(Set.of(), vm.selection(), "the node is gone, so is its selection");
        assertNull(vm.inspectedProperty().get());
        assertNull(vm.inspectedNode());
    }

    @Test
    void aGroupKeepsTheNodeInspectedLastAndDeletesAsOneStep() {
        vm.select("osc");
        vm.selectMany(List.of("osc", "shape", "nothing-by-this-name"));
        assertEquals(Set.of("osc", "shape"), vm.selection(), "unknown ids are not selected");
        assertEquals("osc", vm.inspectedProperty().get(), "still the one inspected before");
        vm.inspect("shape");
        assertEquals(Set.of("osc", "shape"), vm.selection(), "inspecting one of a group keeps the group");

        vm.deleteSelected();
        assertTrue(vm.spec().node("osc").isEmpty() && vm.spec().node("shape").isEmpty());
        assertEquals("Remove 2 nodes", vm.status());
        assertEquals(Set.of(), vm.selection());
        vm.undo();
        assertEquals(original, vm.spec(), "one undo brings both back");

        vm.selectAll();
        assertEquals(Set.of("osc", "shape", "filter", "lfo", "fade", "gain", "out"), vm.selection());
        assertEquals("Selected all 7 nodes", vm.status());
    }

    @Test
    void copyHoldsTheNodesAndTheirWireAndEachPasteLandsFurther() {
        vm.copy();
        assertEquals("Nothing to copy: select nodes first (click, Shift+click, or drag a band around them)", vm.status());
        assertNull(vm.clipboardProperty().get());
        vm.paste();
        assertEquals("Nothing to paste: copy some nodes first", vm.status());

        vm.selectMany(List.of("osc", "shape"));
        vm.copy();
        // the file's osc.out -> shape.in is among them; shape.out -> filter.in leaves the copy
        assertEquals(List.of(new Connection("osc.out", "shape.in")), vm.clipboardProperty().get().connections());
        assertEquals("Copied 2 nodes and 1 wires among them", vm.status());

        vm.paste();
        vm.paste();
        // osc is at (40, 120) and shape at (240, 120) in the file: 40 and then 80 further down and right
        assertEquals(80, vm.spec().node("osc2").orElseThrow().x());
        assertEquals(160, vm.spec().node("osc2").orElseThrow().y());
        assertEquals(320, vm.spec().node("shape3").orElseThrow().x());
        assertEquals(200, vm.spec().node("shape3").orElseThrow().y());
        assertTrue(vm.spec().connections().contains(new Connection("osc3.out", "shape3.in")));
        assertEquals(Set.of("osc3", "shape3"), vm.selection(), "the last paste is selected");

        vm.duplicate(); // duplicates the selection, not the clipboard
        assertTrue(vm.spec().node("osc4").isPresent());
        assertEquals(360, vm.spec().node("shape4").orElseThrow().x());
        assertEquals(Set.of("osc4", "shape4"), vm.selection());
    }

    @Test
    void aRefusedEditSaysWhyAndChangesNothing() {
        List<EditorViewModel.Edited> changes = new ArrayList<>();
        vm.editedProperty().addListener((o, was, e) -> changes.add(e));
        assertFalse(vm.apply(new RemoveNode("nothing-by-this-name")));
        assertTrue(vm.status().startsWith("Refused: "), vm.status());
        assertEquals(original, vm.spec());
        assertEquals(List.of(), changes);
        String why = vm.setParam("gain", "gain", "loud");
        assertNotNull(why, "the inspector shows why beside the field");
        assertEquals("Refused: " + why, vm.status());
        assertTrue(vm.status().startsWith("Refused: node 'gain', gain: "), vm.status());
    }

    /**
     * The playback controller says why a hot swap failed from its listener; the edit's own sentence must not
     * overwrite that (issue 16: "Still playing the last working network" never showed).
     */
    @Test
    void aChangeIsPublishedAfterTheStatusSaysWhatItWas() {
        List<String> statusAtChange = new ArrayList<>();
        vm.editedProperty().addListener((o, was, e) -> statusAtChange.add(vm.status()));
        vm.addNode("Delay");
        vm.setParam("delay", "time", "125");
        vm.undo();
        assertEquals(List.of("Add Delay 'delay'", "Set delay.time to 125", "Undid set delay.time to 125"), statusAtChange);

        vm.editedProperty().addListener((o, was, e) -> vm.say("said by a listener"));
        vm.addNode("Delay");
        assertEquals("said by a listener", vm.status());
    }

    @Test
    void aMoveBackToTheSamePlaceStillRedrawsAndASaveDoesNot() throws Exception {
        int[] redraws = {0};
        vm.specProperty().addListener((InvalidationListener) o -> {
            vm.spec();
            redraws[0]++;
        });
        vm.move("osc", 40, 120); // where it already is: the canvas has its box elsewhere and must snap it back
        assertEquals(1, redraws[0]);
        assertEquals(original, vm.spec());
        vm.move("osc", 60, 130);
        assertEquals(2, redraws[0]);
        vm.document().save();
        assertEquals(2, redraws[0], "a save changes the file, not the network drawn");
        assertFalse(vm.dirtyProperty().get());
    }

    @Test
    void anotherDocumentClearsTheSelection() throws Exception {
        vm.selectMany(List.of("osc", "shape"));
        NetworkDocument other = NetworkDocument.open(file, REGISTRY);
        vm.load(other);
        assertSame(other, vm.document());
        assertEquals(Set.of(), vm.selection());
        assertNull(vm.inspectedProperty().get());
        assertSame(other.spec(), vm.spec());
    }

    /** Issue 16 item 2: the inspector's marks, read against what the example files say drives each param. */
    @Test
    void driversNameTheModulationTheAutomationAndTheMidiBinding() throws Exception {
        Path networks = GLASS.getParent();
        EditorViewModel synth = new EditorViewModel(NetworkDocument.open(networks.resolve("midi-synth.xml"), REGISTRY));
        NodeSpec osc = synth.spec().node("osc").orElseThrow();
        assertEquals(java.util.Map.of("frequency", "MIDI note pitch", "amplitude", "modulated by env.out (multiply)"),
                synth.drivers(osc));
        assertEquals(java.util.Map.of("frequency", "MIDI cc 74"), synth.drivers(synth.spec().node("filter").orElseThrow()));
        assertEquals(java.util.Map.of(), synth.drivers(synth.spec().node("out").orElseThrow()));

        EditorViewModel bells = new EditorViewModel(NetworkDocument.open(networks.resolve("bell-morph.xml"), REGISTRY));
        NodeSpec morph = bells.spec().nodes().stream().filter(n -> !n.automations().isEmpty()).findFirst().orElseThrow();
        assertEquals(java.util.Map.of("morph", "automated (2 events)"), bells.drivers(morph));
    }
}
