package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 10: "in the examples some nodes touch and hide their wires". Every example network opened in the
 * editor has at least {@link #GAP} px (at 100 %) between any two boxes, measured on the boxes as drawn.
 */
@ExtendWith(ApplicationExtension.class)
class ExampleLayoutsUiTest {
    static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    static final double GAP = 20;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void noExampleHasTouchingBoxes(FxRobot robot) throws Exception {
        ProcessorRegistry registry = ProcessorRegistry.load();
        List<Path> examples;
        try (Stream<Path> files = Files.list(NETWORKS)) {
            examples = files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        assertTrue(examples.size() >= 8, "examples: " + examples);
        List<String> touching = new ArrayList<>();
        for (Path example : examples) {
            NetworkDocument doc = NetworkDocument.open(example, registry);
            EditorWindow[] window = new EditorWindow[1];
            robot.interact(() -> {
                window[0] = new EditorWindow(stage, doc);
                window[0].show();
                window[0].canvas().resetView(); // measured at 100 %
            });
            robot.interact(() -> { });
            List<NodeSpec> nodes = doc.spec().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                for (int j = i + 1; j < nodes.size(); j++) {
                    Bounds a = box(robot, nodes.get(i)), b = box(robot, nodes.get(j));
                    Bounds grown = new BoundingBox(a.getMinX() - GAP, a.getMinY() - GAP, a.getWidth() + 2 * GAP, a.getHeight() + 2 * GAP);
                    if (grown.intersects(b)) {
                        touching.add(example.getFileName() + ": " + nodes.get(i).id() + " and " + nodes.get(j).id());
                    }
                }
            }
        }
        assertEquals(List.of(), touching, "boxes closer than " + GAP + " px");
    }

    private static Bounds box(FxRobot robot, NodeSpec n) {
        Node v = robot.lookup("#node-" + n.id()).query();
        return v.localToScreen(v.getBoundsInLocal());
    }
}
