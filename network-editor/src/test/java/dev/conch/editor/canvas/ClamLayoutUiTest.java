package dev.conch.editor.canvas;

import dev.conch.clam.ClamImporter;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Bounds;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CLAM networks whose imports used to open with boxes on top of each other (a processing that became several nodes,
 * boxes larger than CLAM's): as the canvas draws them, no two node boxes overlap.
 */
@ExtendWith(ApplicationExtension.class)
class ClamLayoutUiTest {
    static final Path CLAM = Path.of(System.getProperty("conch.clam", "../../shared/clam")).toAbsolutePath().normalize();
    static final List<String> CROWDED = List.of("CLAM/plugins/Filters/AdaptativeNotch/example2.clamnetwork",
            "CLAM/examples/PluginExamples/Lv2PluginExample/stereocable.clamnetwork", "CLAM/plugins/GuitarEffects/Dist1.clamnetwork");
    @org.junit.jupiter.api.io.TempDir
    static Path dir;
    EditorWindow window;
    ProcessorRegistry registry = ProcessorRegistry.load();

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, new NetworkDocument(dev.conch.editor.files.FileController.emptyNetwork(null), null,
                registry));
        window.show();
    }

    @Test
    void importedBoxesDoNotOverlapOnTheCanvas(FxRobot robot) throws Exception {
        int checked = 0;
        for (String name : CROWDED) {
            Path file = CLAM.resolve(name);
            if (!Files.isRegularFile(file)) continue;
            var spec = ClamImporter.read(file, name, registry).spec();
            robot.interact(() -> window.viewModel().load(NetworkDocument.imported(spec, file, registry)));
            List<NodeView> views = new ArrayList<>(robot.lookup(n -> n instanceof NodeView).queryAllAs(NodeView.class));
            assertEquals(spec.nodes().size(), views.size(), name);
            for (int i = 0; i < views.size(); i++) {
                for (int j = i + 1; j < views.size(); j++) {
                    Bounds a = views.get(i).getBoundsInParent(), b = views.get(j).getBoundsInParent();
                    assertTrue(!a.intersects(b), name + ": " + views.get(i).nodeId() + " " + a + " overlaps "
                            + views.get(j).nodeId() + " " + b);
                }
            }
            checked++;
            // saved, so no autosave of an unsaved import is left to be offered to the next test
            Path saved = dir.resolve(file.getFileName().toString().replace(".clamnetwork", ".xml"));
            robot.interact(() -> window.files().saveAs(saved));
            assertTrue(!window.document().dirty(), window.status());
        }
        assumeTrue(checked > 0, "CLAM's networks are not at " + CLAM);
    }
}
