package dev.conch.editor.render;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.sound.sampled.AudioSystem;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The render dialog driven by keys and clicks: render 2 s at 24 bits, then start a long one and cancel it. */
@ExtendWith(ApplicationExtension.class)
class RenderDialogUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void rendersWithProgressAndCancels(FxRobot robot) throws Exception {
        RenderDialog[] dialog = new RenderDialog[1];
        robot.interact(() -> dialog[0] = window.render());
        Path wav = dir.resolve("drone.wav");
        robot.clickOn("#render-seconds").push(KeyCode.CONTROL, KeyCode.A).write("2");
        robot.clickOn("#render-file").push(KeyCode.CONTROL, KeyCode.A).write(wav.toString());
        robot.interact(() -> robot.lookup("#render-format").queryAs(ChoiceBox.class).setValue(SampleFormat.PCM24));
        robot.clickOn("#render-start");
        waitFor(robot, () -> dialog[0].status().startsWith("Rendered") || dialog[0].status().startsWith("Could not"));
        assertTrue(dialog[0].status().startsWith("Rendered"), dialog[0].status());
        assertEquals(1.0, dialog[0].progress(), 1e-9);
        try (var in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertEquals(96000, in.getFrameLength());
            assertEquals(24, in.getFormat().getSampleSizeInBits());
        }

        // a long render, cancelled from the dialog: the 2 s file stays as it was
        byte[] before = Files.readAllBytes(wav);
        robot.clickOn("#render-seconds").push(KeyCode.CONTROL, KeyCode.A).write("3600");
        robot.clickOn("#render-start");
        waitFor(robot, () -> dialog[0].job().framesDone() > 48000);
        robot.clickOn("#render-cancel");
        waitFor(robot, () -> dialog[0].status().startsWith("Cancelled"));
        assertArrayEquals(before, Files.readAllBytes(wav), "cancelled: the target is untouched");
        System.out.println("render dialog: " + dialog[0].status());
    }

    private static void waitFor(FxRobot robot, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        boolean[] ok = new boolean[1];
        while (System.currentTimeMillis() < deadline) {
            robot.interact(() -> ok[0] = done.getAsBoolean());
            if (ok[0]) return;
            Thread.sleep(50);
        }
        fail("timed out");
    }
}
