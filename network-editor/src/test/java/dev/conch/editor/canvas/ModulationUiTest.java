package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 2 on a copy of glass-drone: a modulation is labelled with its param and mode, its mode is switched
 * and it is removed from its menu, and a new one is made by dragging a control output onto a param shown as a
 * drop target; the inspector says which params are modulated.
 */
@ExtendWith(ApplicationExtension.class)
class ModulationUiTest {
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = dev.conch.editor.EditorWindows.onCopyOf("glass-drone.xml", dir, stage);
    }

    @Test
    void labelledSwitchedRemovedAndShownInTheInspector(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        Text label = robot.lookup("#control-label-filter-frequency").queryAs(Text.class);
        assertEquals("frequency (add)", label.getText(), "the file says mode=\"add\"");
        assertEquals("gain (add)", robot.lookup("#control-label-gain-gain").queryAs(Text.class).getText());

        robot.clickOn("#title-filter");
        assertEquals("modulated by lfo.out (add)", robot.lookup("#driver-filter-frequency").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#driver-filter-q").tryQuery().isEmpty(), "q is driven by nothing");

        robot.clickOn(label, MouseButton.SECONDARY).clickOn("#wire-menu-multiply");
        assertEquals(ControlMode.MULTIPLY, control("filter", "frequency").mode(), window.status());
        assertEquals("frequency (multiply)", robot.lookup("#control-label-filter-frequency").queryAs(Text.class).getText());

        robot.clickOn(robot.lookup("#control-label-filter-frequency").queryAs(Text.class), MouseButton.SECONDARY)
                .clickOn("#wire-menu-remove");
        assertNull(control("filter", "frequency"), window.status());
        assertTrue(robot.lookup("#control-label-filter-frequency").tryQuery().isEmpty());
        robot.push(KeyCode.CONTROL, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "removal and switch undone, one step each");
    }

    @Test
    void aControlOutputDraggedOntoAParamModulatesIt(FxRobot robot) {
        NetworkSpec original = window.document().spec();
        assertFalse(shown(robot, "#target-shape-drive"), "targets show only during a drag");
        robot.moveTo("#port-out-lfo-out").press(MouseButton.PRIMARY).moveBy(-30, -30);
        assertTrue(shown(robot, "#target-shape-drive"), "the params are drop targets");
        assertFalse(shown(robot, "#target-lfo-rate"), "not on the node the wire comes from");
        robot.moveTo("#target-shape-drive").release(MouseButton.PRIMARY);
        assertEquals(new ControlConnection(new Endpoint("lfo", "out"), new Endpoint("shape", "drive"), ControlMode.REPLACE,
                Location.UNKNOWN), control("shape", "drive"), window.status());
        assertFalse(shown(robot, "#target-shape-drive"), "hidden after the drop");
        assertEquals("drive (replace)", robot.lookup("#control-label-shape-drive").queryAs(Text.class).getText());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo");
    }

    /** Visible along with every parent (the targets' list is hidden, not each target). */
    private static boolean shown(FxRobot robot, String query) {
        for (javafx.scene.Node n = robot.lookup(query).query(); n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    private ControlConnection control(String node, String param) {
        return window.document().spec().controls().stream().filter(c -> c.to().equals(new Endpoint(node, param)))
                .findFirst().orElse(null);
    }
}
