package dev.conch.editor.files;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.scene.input.MouseButton;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network's file params in the editor: the inspector shows what a relative path comes to (from the network's
 * folder), the "..." chooser keeps a file inside the folder relative, and Save As to another folder rewrites the
 * relative paths so the saved file still names the same sounds (what the file says is read back as text).
 */
@ExtendWith(ApplicationExtension.class)
class FilePathsUiTest {
    @TempDir
    static Path dir;
    EditorWindow window;

    private static Path wav(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (WavWriter w = WavWriter.open(file, 1, 48000, SampleFormat.FLOAT32)) {
            w.write(new float[][] {{0.5f, -0.5f, 0.25f}}, 0, 3);
            w.commit();
        }
        return file;
    }

    @Start
    void start(Stage stage) throws Exception {
        Path a = dir.resolve("a");
        wav(a.resolve("sounds/tone.wav"));
        wav(a.resolve("sounds/other.wav"));
        Path network = a.resolve("n.xml");
        Files.writeString(network, """
                <network name="n" version="4" sampleRate="48000">
                  <node id="reader" type="AudioFileReader" x="40" y="40">
                    <param name="file">sounds/tone.wav</param>
                  </node>
                  <node id="out" type="AudioOutput" x="300" y="40">
                    <param name="channels">1</param>
                  </node>
                  <connect from="reader.out1" to="out.in1"/>
                </network>
                """);
        window = new EditorWindow(stage, NetworkDocument.open(network, ProcessorRegistry.load()));
        window.show();
    }

    private String resolvedShown(FxRobot robot) {
        return robot.lookup("#param-reader-file-resolved").queryAs(Label.class).getText();
    }

    private String fileParam() {
        return window.document().spec().node("reader").orElseThrow().params().get("file").text();
    }

    @Test
    void chosenFilesAreKeptRelativeAndSaveAsElsewhereStillNamesThem(FxRobot robot) throws Exception {
        Path a = dir.resolve("a");
        robot.clickOn("#title-reader", MouseButton.PRIMARY);
        assertEquals("= " + a.resolve("sounds/tone.wav"), resolvedShown(robot));

        robot.interact(() -> window.inspector().setFilePicker((node, param, current, owner) -> a.resolve("sounds/other.wav")));
        robot.clickOn("#param-reader-file-browse");
        assertEquals("sounds/other.wav", fileParam(), "inside the network's folder: relative");
        assertEquals("= " + a.resolve("sounds/other.wav"), resolvedShown(robot));

        Path b = Files.createDirectories(dir.resolve("b/deeper"));
        Path saved = b.resolve("n.xml");
        robot.interact(() -> window.files().saveAs(saved));
        String text = Files.readString(saved);
        assertTrue(text.contains("<param name=\"file\">../../a/sounds/other.wav</param>"), text);
        assertTrue(window.status().contains("sounds/other.wav -> ../../a/sounds/other.wav"), window.status());
        assertFalse(window.document().dirty());
        assertEquals("../../a/sounds/other.wav", fileParam());
        robot.clickOn("#title-out", MouseButton.PRIMARY).clickOn("#title-reader", MouseButton.PRIMARY);
        assertEquals("= " + a.resolve("sounds/other.wav"), resolvedShown(robot), "the same file, seen from the new folder");

        // undo brings back the first file, named from where the network is now
        robot.interact(() -> window.document().undo());
        assertEquals("../../a/sounds/tone.wav", fileParam());
        robot.interact(() -> window.document().redo());
        assertFalse(window.document().dirty());
    }
    /**
     * Opening an older file says which paths it rewrote, a sentence longer than the window is wide: it wraps onto
     * more lines, every word shown (it was cut at the window's edge, ending in "..."), and the window keeps it.
     */
    @Test
    void aSentenceLongerThanTheWindowWrapsInsteadOfBeingCut(FxRobot robot) throws Exception {
        Path old = dir.resolve("a/old.xml");
        Files.writeString(old, """
                <network name="old" version="3" sampleRate="48000">
                  <node id="reader-with-a-long-name" type="AudioFileReader">
                    <param name="file">pom.xml</param>
                  </node>
                  <node id="another-reader-with-a-long-name" type="AudioFileReader">
                    <param name="file">../pom.xml</param>
                  </node>
                </network>
                """);
        robot.interact(() -> window.files().open(old));
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#status").queryAs(Label.class);
        String sentence = status.getText();
        assertTrue(sentence.contains("another-reader-with-a-long-name"), sentence);
        double[] size = new double[4];
        String[] shown = new String[1];
        robot.interact(() -> {
            shown[0] = ((Text) status.lookup(".text")).getText();
            size[0] = status.getWidth();
            size[1] = status.getHeight();
            size[2] = status.localToScene(status.getBoundsInLocal()).getMaxY();
            size[3] = window.scene().getHeight();
        });
        assertTrue(new Text(sentence).getLayoutBounds().getWidth() > size[0],
                "the sentence must be wider than the line for this test to mean anything: " + sentence);
        assertEquals(sentence, shown[0], "the status line shows all of it");
        assertTrue(size[1] > 2 * new Text("Xg").getLayoutBounds().getHeight(), "two lines or more: " + size[1]);
        assertTrue(size[2] <= size[3] + 0.5, "the status line ends at " + size[2] + ", the window at " + size[3]);
    }
}
