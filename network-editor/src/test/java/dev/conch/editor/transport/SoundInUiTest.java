package dev.conch.editor.transport;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * glass-shaper in the editor: AudioInput is in the palette, the transport's input choice starts at the device, a
 * chosen file plays through the network with the null driver, and the status line meters the input.
 */
@ExtendWith(ApplicationExtension.class)
class SoundInUiTest {
    static final Path SHAPER = Path.of(System.getProperty("conch.networks", "../networks"), "glass-shaper.xml");

    @TempDir
    static Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path file = dir.resolve("glass-shaper.xml");
        Files.copy(SHAPER, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void aChosenFilePlaysThroughTheNetworkAndTheInputIsMetered(FxRobot robot) throws Exception {
        robot.clickOn("#palette-search").write("AudioInput");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && "AudioInput".equals(l.getText()))
                .tryQuery().isPresent(), "the palette lists AudioInput");

        ChoiceBox<?> input = robot.lookup("#transport-input").queryAs(ChoiceBox.class);
        assertEquals("device", input.getValue());
        Path wav = dir.resolve("tone.wav");
        float[][] x = new float[2][48000];
        for (int i = 0; i < 48000; i++) x[0][i] = x[1][i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 48000.0));
        try (var w = dev.conch.engine.io.WavWriter.open(wav, 2, 48000, dev.conch.engine.io.SampleFormat.FLOAT32)) {
            w.write(x, 0, 48000);
            w.commit();
        }
        TransportBar bar = robot.lookup("#transport").queryAs(TransportBar.class);
        robot.interact(() -> bar.useInput(wav));
        assertEquals("tone.wav", input.getValue());

        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        Label status = robot.lookup("#transport-status").queryAs(Label.class);
        String text = "";
        for (int i = 0; i < 50 && !text.matches(".*in -?\\d+\\.\\d dBFS.*"); i++) {
            Thread.sleep(100);
            robot.interact(bar::update);
            text = status.getText();
        }
        try {
            assertTrue(text.matches(".*in -[0-9]\\.\\d dBFS.*"), "the input meter shows the file at about -6 dBFS: " + text);
        } finally {
            robot.clickOn("#transport-stop");
            EditorWindows.settle(window);
        }
    }
}
