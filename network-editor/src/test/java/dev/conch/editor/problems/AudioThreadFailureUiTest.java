package dev.conch.editor.problems;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.ProcessorRegistry;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 8's last part: a node that fails on the audio thread while the network plays is listed in the
 * problems panel (after the compiler's problems, of which there are none here) and said in the error colour; playing
 * again clears it.
 */
@ExtendWith(ApplicationExtension.class)
class AudioThreadFailureUiTest {
    /** Passes its input through for {@code after} frames, then throws on the audio thread. */
    @ProcessorInfo(name = "TestFailsWhilePlaying", category = "Test", description = "Fails on purpose.")
    public static final class FailsWhilePlaying extends Processor {
        private final Input in = audioIn("in", "signal");
        private final Output out = audioOut("out", "the signal, until it fails");
        private final Param after = param(ParamSpec.integer("after", "samples", 0, Integer.MAX_VALUE, 4800));
        private final IllegalStateException failure = new IllegalStateException("deliberate failure");
        private long n;

        @Override
        public void prepare(ProcessContext ctx) {
        }

        @Override
        public void process(int frames) {
            if (n >= after.value()) throw failure;
            System.arraycopy(in.buffer(), 0, out.buffer(), 0, frames);
            n += frames;
        }
    }

    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path file = Files.writeString(dir.resolve("fails.xml"), """
                <network name="fails" version="3" sampleRate="48000" duration="10">
                  <node id="osc" type="Oscillator" x="40" y="40"><param name="amplitude">0.2</param></node>
                  <node id="bad" type="TestFailsWhilePlaying" x="240" y="40"/>
                  <node id="out" type="AudioOutput" x="440" y="40"><param name="channels">1</param></node>
                  <connect from="osc.out" to="bad.in"/>
                  <connect from="bad.out" to="out.in1"/>
                </network>
                """);
        ProcessorRegistry registry = ProcessorRegistry.load().register(FailsWhilePlaying.class);
        window = new EditorWindow(stage, NetworkDocument.open(file, registry));
        window.show();
    }

    @Test
    void aFailureOnTheAudioThreadIsListedWithTheProblems(FxRobot robot) throws Exception {
        assertFalse(window.problems().isVisible(), "the network compiles: no panel");
        robot.interact(() -> window.playback().play("null"));
        EditorWindows.settle(window);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.problems().isVisible());
        List<Problem> listed = window.problems().list().getItems();
        assertEquals(1, listed.size(), listed.toString());
        String said = listed.get(0).message();
        assertTrue(said.startsWith("while playing: ") && said.contains("bad"), said);
        assertTrue(window.viewModel().statusIsErrorProperty().get(), "said in the error colour: " + window.status());

        // mended and played again: the failure is gone from the panel, which goes away
        robot.interact(() -> {
            window.playback().stop();
            window.viewModel().setParam("bad", "after", "100000000");
            window.playback().play("null");
        });
        EditorWindows.settle(window);
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.playback().playing(), window.status());
        assertFalse(window.problems().isVisible(), "played again, mended: " + window.problems().list().getItems());
        robot.interact(() -> window.playback().stop());
        EditorWindows.settle(window);
    }
}
