package dev.conch.editor;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 7, through menus, keys and dialogs on a copy of glass-drone: Cut (one undo step, a paste puts the
 * nodes back where they were), F2 renames a node with every reference to it, the network properties dialog (read
 * back from a saved file), and File → Close asking about unsaved changes.
 */
@ExtendWith(ApplicationExtension.class)
class DocumentCommandsUiTest {
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = dev.conch.editor.EditorWindows.onCopyOf("glass-drone.xml", dir, stage);
    }

    @Test
    void cutRemovesInOneStepAndPastePutsBack(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        robot.clickOn("#title-osc").press(KeyCode.SHIFT).clickOn("#title-shape").release(KeyCode.SHIFT);
        assertEquals(Set.of("osc", "shape"), window.canvas().selection());
        robot.push(KeyCode.CONTROL, KeyCode.X);
        NetworkSpec cut = window.document().spec();
        assertTrue(cut.node("osc").isEmpty() && cut.node("shape").isEmpty(), window.status());
        assertEquals(original.nodes().size() - 2, cut.nodes().size());
        assertFalse(cut.connections().contains(new Connection("shape.out", "filter.in")), "their wires went with them");

        robot.push(KeyCode.CONTROL, KeyCode.V);
        NetworkSpec pasted = window.document().spec();
        for (String id : List.of("osc", "shape")) {
            NodeSpec was = original.node(id).orElseThrow(), now = pasted.node(id).orElseThrow();
            assertEquals(List.of(was.type(), was.params(), was.x(), was.y()), List.of(now.type(), now.params(), now.x(), now.y()),
                    id + " pasted back as it was, where it was");
        }
        assertTrue(pasted.connections().contains(new Connection("osc.out", "shape.in")), "the wire between them too");

        robot.push(KeyCode.CONTROL, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "paste and cut undone, one step each");
    }

    @Test
    void f2RenamesANodeAndEveryReferenceToIt(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        robot.clickOn("#title-filter").push(KeyCode.F2);
        retype(robot, "#rename-id", "lowpass");
        robot.push(KeyCode.ENTER);
        NetworkSpec renamed = window.document().spec();
        assertTrue(renamed.node("filter").isEmpty(), window.status());
        assertEquals(original.node("filter").orElseThrow().params(), renamed.node("lowpass").orElseThrow().params());
        assertTrue(renamed.connections().containsAll(List.of(new Connection("shape.out", "lowpass.in"),
                new Connection("lowpass.out", "gain.in"))), renamed.connections().toString());
        assertTrue(renamed.controls().stream().anyMatch(c -> c.equals(new ControlConnection(
                new dev.conch.engine.model.Endpoint("lfo", "out"), new dev.conch.engine.model.Endpoint("lowpass", "frequency"),
                dev.conch.engine.model.ControlMode.ADD, dev.conch.engine.model.Location.UNKNOWN))), renamed.controls().toString());
        assertEquals(Set.of("lowpass"), window.canvas().selection(), "the renamed node stays selected");
        assertTrue(robot.lookup("#node-lowpass").tryQuery().isPresent(), "and is drawn under its new id");

        // an id taken by another node is refused, and nothing changes
        robot.push(KeyCode.F2);
        retype(robot, "#rename-id", "gain");
        robot.push(KeyCode.ENTER);
        assertEquals(renamed, window.document().spec());
        assertTrue(window.status().startsWith("Refused: ") && window.status().contains("gain"), window.status());

        robot.clickOn("#title-lowpass").push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo");
    }

    @Test
    void thePropertiesDialogSetsTheNetworksAttributes(FxRobot robot) throws Exception {
        NetworkSpec original = window.document().spec();
        robot.clickOn("File").clickOn("#menu-properties");
        retype(robot, "#props-name", "glass-two");
        retype(robot, "#props-sample-rate", "44100");
        retype(robot, "#props-duration", "12.5");
        retype(robot, "#props-description", "A shorter drone.");
        robot.clickOn("OK");
        Path saved = dir.resolve("saved.xml");
        robot.interact(() -> window.files().saveAs(saved));
        NetworkSpec back = NetworkXml.read(saved);
        assertEquals(List.of("glass-two", 44100.0, 12.5, "A shorter drone."),
                List.of(back.name(), back.sampleRate(), back.duration(), back.description()), window.status());
        assertEquals(original.nodes(), back.nodes(), "nothing else changed");

        // a sample rate of 0 is refused with a sentence, and changes nothing
        NetworkSpec before = window.document().spec();
        robot.clickOn("File").clickOn("#menu-properties");
        retype(robot, "#props-sample-rate", "0");
        robot.clickOn("OK");
        assertEquals(before, window.document().spec());
        assertTrue(window.status().startsWith("Refused: ") && window.status().contains("sample rate"), window.status());

        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo");
    }

    @Test
    void closeAsksAboutUnsavedChanges(FxRobot robot) {
        robot.interact(() -> window.viewModel().addNode("Delay"));
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.W);
        robot.clickOn("Cancel");
        assertTrue(window.document().spec().node("delay").isPresent(), "cancelled: the network stays");
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.W);
        robot.clickOn("Don't save");
        assertEquals(List.of(), window.document().spec().nodes(), window.status());
        assertNull(window.document().file());
        assertFalse(window.document().dirty());
        assertTrue(robot.lookup("#node-osc").tryQuery().isEmpty(), "the canvas shows the empty network");
    }

    private static void retype(FxRobot robot, String field, String text) {
        robot.clickOn(field).push(KeyCode.CONTROL, KeyCode.A).write(text);
    }
}
