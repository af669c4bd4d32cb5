package dev.conch.editor.inspector;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 6: a Hz slider is logarithmic and commits a rounded value; an FFT size that is not a power of two
 * cannot be typed in, and its slider stops only on powers of two.
 */
@ExtendWith(ApplicationExtension.class)
class ParamWidgetsUiTest {
    static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    final ProcessorRegistry registry = ProcessorRegistry.load();
    @TempDir
    Path dir;
    Stage stage;
    EditorWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void open(FxRobot robot, String name) throws Exception {
        Path file = Files.copy(NETWORKS.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        NetworkDocument doc = NetworkDocument.open(file, registry);
        robot.interact(() -> {
            window = new EditorWindow(stage, doc);
            window.show();
        });
    }

    @Test
    void aHzSliderIsLogAndCommitsARoundedValue(FxRobot robot) throws Exception {
        open(robot, "glass-drone.xml");
        robot.clickOn("#title-filter");
        Slider slider = robot.lookup("#param-filter-frequency-slider").queryAs(Slider.class);
        dragThumbTo(robot, slider, 0.5);
        String text = window.document().spec().node("filter").orElseThrow().params().get("frequency").text();
        double hz = Double.parseDouble(text);
        // halfway along 10 to 20000 Hz: their geometric mean (447 Hz) on a log slider, 10005 Hz on a linear one
        assertTrue(hz > 250 && hz < 800, "halfway is " + text + " Hz");
        ParamSpec spec = registry.descriptor("Biquad").param("frequency");
        assertEquals(spec.textOf(spec.round(hz)), text, "committed at four significant digits");
        assertTrue(text.replace(".", "").replaceFirst("^0+", "").replaceFirst("0+$", "").length() <= 4, text);
        assertEquals(text, robot.lookup("#param-filter-frequency").queryAs(TextField.class).getText());
        robot.interact(() -> window.viewModel().undo());
    }

    @Test
    void anFftSizeThatIsNotAPowerOfTwoCannotBeEntered(FxRobot robot) throws Exception {
        open(robot, "bell-morph.xml");
        NetworkSpec original = window.document().spec();
        robot.clickOn("#title-stftA");
        robot.clickOn("#param-stftA-fftSize").push(KeyCode.CONTROL, KeyCode.A).write("5520").push(KeyCode.ENTER);
        assertEquals(original, window.document().spec(), "refused: " + window.status());
        assertTrue(robot.lookup("#inspector-problem").queryAs(Label.class).getText().contains("not a power of two"),
                robot.lookup("#inspector-problem").queryAs(Label.class).getText());

        for (double at : new double[] {0.37, 0.81}) {
            dragThumbTo(robot, robot.lookup("#param-stftA-fftSize-slider").queryAs(Slider.class), at);
            String text = window.document().spec().node("stftA").orElseThrow().params().get("fftSize").text();
            int n = Integer.parseInt(text);
            assertEquals(1, Integer.bitCount(n), "the slider stopped on " + n);
        }
        assertNotEquals(original, window.document().spec(), "the slider did change it");
        robot.interact(() -> {
            while (window.document().canUndo()) window.viewModel().undo();
        });
    }

    /** Drags the thumb to a fraction of the track's width, as a person would. */
    private static void dragThumbTo(FxRobot robot, Slider slider, double fraction) {
        Node thumb = slider.lookup(".thumb"), track = slider.lookup(".track");
        Bounds t = track.localToScreen(track.getBoundsInLocal());
        robot.moveTo(thumb).press(MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(t.getMinX() + fraction * t.getWidth(), t.getCenterY()))
                .release(MouseButton.PRIMARY);
    }
}
