package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.editor.monitor.MonitorView;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Writes a screenshot of the editor with glass-drone playing (null driver), its filter selected in the inspector,
 * a spectrum analyser on filter.out and an oscilloscope on shape.out, fitted to the view, and each node's load: to
 * target/editor.png, or to docs/images/editor.png (the README's picture) with {@code -Dconch.screenshot.docs=true},
 * so an ordinary test run does not rewrite a tracked file.
 */
@ExtendWith(ApplicationExtension.class)
class EditorScreenshotTest {
    static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    static final Path DOCS = Path.of(System.getProperty("conch.docs", "../docs"));
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(NETWORKS.resolve("glass-drone.xml"), ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void screenshotOfGlassDrone(FxRobot robot) throws Exception {
        robot.clickOn("#title-filter");
        // a spectrum analyser on the filter's output and a scope after the shaper, with the network playing
        robot.interact(() -> {
            window.monitor(new Endpoint("filter", "out"), MonitorKind.SPECTRUM);
            window.monitor(new Endpoint("shape", "out"), MonitorKind.SCOPE); // before the fade-in gain: full level
        });
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        long deadline = System.currentTimeMillis() + 10_000;
        boolean[] ready = new boolean[1];
        while (!ready[0] && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            robot.interact(() -> {
                MonitorView v = window.monitors().monitor(new Endpoint("filter", "out")).orElseThrow();
                // a full FFT's worth of sound (and a second of it, for the per-node loads to show)
                ready[0] = v.model() != null && v.model().received() >= 48000 && !window.canvasView("osc").loadText().isEmpty();
            });
        }
        assertTrue(ready[0], "the monitor got sound: " + window.status());
        robot.interact(() -> window.canvas().fitToView());
        Thread.sleep(200); // a few more monitor frames after the relayout
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = window.scene().snapshot(null));
        robot.clickOn("#transport-stop");
        EditorWindows.settle(window);
        BufferedImage image = SwingFXUtils.fromFXImage(shot[0], null);
        Path png = Boolean.getBoolean("conch.screenshot.docs") ? DOCS.resolve("images").resolve("editor.png")
                : Path.of("target", "editor.png");
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());

        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(1560, back.getWidth());
        assertEquals(800, back.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < back.getHeight(); y += 7) for (int x = 0; x < back.getWidth(); x += 7) colours.add(back.getRGB(x, y));
        assertTrue(colours.size() > 20, "a drawn editor, not a blank frame: " + colours.size() + " colours");
    }
}
