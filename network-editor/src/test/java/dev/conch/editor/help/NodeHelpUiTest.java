package dev.conch.editor.help;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 9: F1 on a selected node opens {@code conch describe}'s text for its type, and the window follows
 * the selection. The facts checked (type line, each param's row with its unit and range) come from the processor's
 * descriptor, not from the text generator.
 */
@ExtendWith(ApplicationExtension.class)
class NodeHelpUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;
    ProcessorRegistry registry;

    @Start
    void start(Stage stage) throws Exception {
        registry = ProcessorRegistry.load();
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, registry));
        window.show();
    }

    @Test
    void f1DescribesTheSelectedNodeAndFollowsTheSelection(FxRobot robot) {
        assertFalse(window.help().showing());
        robot.clickOn("#title-filter").push(KeyCode.F1);
        assertTrue(window.help().showing(), "F1 opened the help window");
        String text = window.help().shown();
        List<String> lines = text.lines().toList();
        assertEquals("Biquad (Filters)", lines.get(0));
        assertRowsFor("Biquad", lines);
        assertTrue(text.contains("frequency") && text.contains("10 to 20000"), text);

        robot.interact(() -> window.viewModel().select("lfo"));
        lines = window.help().shown().lines().toList();
        assertEquals("LFO (Control)", lines.get(0), "the open window follows the selection");
        assertRowsFor("LFO", lines);
    }

    /** Each param of the type has one row that starts with its name and shows its unit (or '-'). */
    private void assertRowsFor(String type, List<String> lines) {
        for (ParamSpec p : registry.descriptor(type).params()) {
            String unit = p.unit().isEmpty() ? "-" : p.unit();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + p.name() + " ") && l.contains(" " + unit + " ")),
                    type + "." + p.name() + " has a row with its unit " + unit + ":\n" + String.join("\n", lines));
        }
    }
}
