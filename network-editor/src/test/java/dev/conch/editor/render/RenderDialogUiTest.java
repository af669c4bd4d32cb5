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

    /**
     * A network louder than full scale rendered to 24 bits: the dialog says how many samples were clipped and how to
     * keep them, as {@code conch render} warns; it said only "Rendered", and the file was damaged without a word.
     * In 32-bit float nothing clips and nothing is said.
     */
    @Test
    void aClippedRenderSaysSo(FxRobot robot) throws Exception {
        Path loud = Files.writeString(dir.resolve("loud.xml"), """
                <network name="loud" version="4" sampleRate="48000">
                  <node id="osc" type="Oscillator"><param name="frequency">100</param></node>
                  <node id="gain" type="Gain"><param name="gain">6</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="osc.out" to="gain.in"/>
                  <connect from="gain.out" to="out.in1"/>
                </network>
                """);
        robot.interact(() -> window.files().open(loud));
        RenderDialog[] dialog = new RenderDialog[1];
        robot.interact(() -> dialog[0] = window.render());
        robot.clickOn("#render-seconds").push(KeyCode.CONTROL, KeyCode.A).write("0.5");
        robot.interact(() -> robot.lookup("#render-format").queryAs(ChoiceBox.class).setValue(SampleFormat.PCM24));
        robot.clickOn("#render-start");
        waitFor(robot, () -> dialog[0].status().startsWith("Rendered") || dialog[0].status().startsWith("Could not"));
        // +6 dB is 1.995x: the sine is beyond full scale wherever |sin| > 1/1.995, counted here sample by sample
        int expected = 0;
        for (int n = 0; n < 24000; n++) if (Math.abs(Math.pow(10, 6 / 20.0) * Math.sin(2 * Math.PI * 100 * n / 48000.0)) > 1) expected++;
        var m = java.util.regex.Pattern.compile("Rendered .*; (\\d+) samples clipped \\(peak \\+6\\.0 dBFS\\): choose "
                + "32-bit float to keep them, or lower the gain").matcher(dialog[0].status());
        assertTrue(m.matches(), dialog[0].status());
        assertEquals(expected, Integer.parseInt(m.group(1)), 2, dialog[0].status());

        robot.interact(() -> robot.lookup("#render-format").queryAs(ChoiceBox.class).setValue(SampleFormat.FLOAT32));
        robot.clickOn("#render-start");
        waitFor(robot, () -> dialog[0].status().startsWith("Rendered") && !dialog[0].status().contains("clipped")
                || dialog[0].status().startsWith("Could not"));
        assertFalse(dialog[0].status().contains("clipped"), dialog[0].status());
        robot.interact(() -> dialog[0].stage().close());
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
