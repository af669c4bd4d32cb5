package dev.conch.editor.problems;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.Wire;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 8 on a copy of glass-drone: every compiler problem is listed (as many as the compiler reports, no
 * "and 3 more"), without XML line numbers; clicking one selects its node and rings its port; errors in the status
 * line are red.
 */
@ExtendWith(ApplicationExtension.class)
class ProblemsPanelUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    final ProcessorRegistry registry = ProcessorRegistry.load();
    @TempDir
    Path dir;
    EditorWindow window;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path file = Files.copy(GLASS, dir.resolve("glass-drone.xml"), StandardCopyOption.REPLACE_EXISTING);
        window = new EditorWindow(stage, NetworkDocument.open(file, registry));
        window.show();
    }

    @Test
    void everyProblemIsListedAndAClickSelectsItsNode(FxRobot robot) {
        assertFalse(window.problems().isVisible(), "glass-drone has no problem: no panel");
        robot.interact(() -> {
            window.viewModel().removeWire(new Wire(new Endpoint("osc", "out"), new Endpoint("shape", "in"), false));
            window.viewModel().removeWire(new Wire(new Endpoint("filter", "out"), new Endpoint("gain", "in"), false));
        });
        List<Problem> expected;
        try {
            NetworkCompiler.compile(window.document().spec(), registry, 256);
            expected = List.of();
        } catch (NetworkException e) {
            expected = e.problems();
        }
        assertTrue(expected.size() >= 2, "two inputs left unfed: " + expected);
        assertTrue(window.problems().isVisible());
        assertEquals(expected, window.problems().list().getItems(), "every problem, as the compiler reports them");
        for (ListCell<?> cell : robot.lookup("#problems-list .list-cell").queryAllAs(ListCell.class)) {
            if (cell.getText() != null) assertFalse(cell.getText().matches("^\\d+:\\d+:.*"), cell.getText());
        }

        Problem aboutShape = expected.stream().filter(p -> "shape".equals(p.node())).findFirst().orElseThrow();
        robot.clickOn(ProblemsPanel.sentence(aboutShape));
        assertEquals(Set.of("shape"), window.canvas().selection());
        assertTrue(window.canvas().portMarked(new Endpoint("shape", aboutShape.port()), false), aboutShape.toString());

        robot.interact(() -> {
            window.viewModel().undo();
            window.viewModel().undo();
        });
        assertFalse(window.problems().isVisible(), "fixed: the panel goes away");
    }

    @Test
    void errorsInTheStatusLineAreRed(FxRobot robot) {
        Label status = robot.lookup("#status").queryAs(Label.class);
        robot.drag("#port-out-lfo-out").dropTo("#port-in-gain-in");
        assertTrue(window.status().startsWith("Refused: "), window.status());
        assertEquals(Color.web("#b00020"), status.getTextFill());
        robot.clickOn("#title-osc");
        robot.interact(() -> window.viewModel().addNode("Delay"));
        assertFalse(window.status().startsWith("Refused"), window.status());
        assertNotEquals(Color.web("#b00020"), status.getTextFill(), "an ordinary message is not red");
        robot.interact(() -> window.viewModel().undo());
    }
    /**
     * In a narrow window a problem's sentence is longer than the list is wide: it wraps onto more lines, all of it in
     * sight, with no sideways scrolling (the cells took their text's width and ran past the list's edge).
     */
    @Test
    void aProblemLongerThanTheListWrapsInsteadOfRunningPastItsEdge(FxRobot robot) {
        double wide = stage.getWidth();
        try {
            wrapsInANarrowWindow(robot);
        } finally {
            // TestFX gives every test class the same stage: the next one expects its usual width
            robot.interact(() -> stage.setWidth(wide));
        }
    }

    private void wrapsInANarrowWindow(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(900);
            window.viewModel().removeWire(new Wire(new Endpoint("osc", "out"), new Endpoint("shape", "in"), false));
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = window.problems().list();
        ListCell<?> cell = robot.lookup("#problems-list .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getText() != null).findFirst().orElseThrow();
        String sentence = cell.getText();
        double[] size = new double[3];
        robot.interact(() -> {
            size[0] = list.getWidth();
            size[1] = cell.getWidth();
            size[2] = cell.getHeight();
        });
        assertTrue(new javafx.scene.text.Text(sentence).getLayoutBounds().getWidth() > size[0],
                "the sentence must be wider than the list for this test to mean anything: " + size[0] + " px, " + sentence);
        assertTrue(size[1] <= size[0], "the cell (" + size[1] + " px) fits the list (" + size[0] + " px)");
        assertEquals(sentence, ((javafx.scene.text.Text) cell.lookup(".text")).getText(), "all of it shown");
        assertTrue(size[2] > 1.8 * new javafx.scene.text.Text("Xg").getLayoutBounds().getHeight(), "two lines or more: " + size[2]);
        robot.interact(() -> window.viewModel().undo());
    }
}
