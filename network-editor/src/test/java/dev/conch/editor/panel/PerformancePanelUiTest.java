package dev.conch.editor.panel;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.midi.FedTransmitter;
import dev.conch.editor.midi.Knobs;
import dev.conch.editor.midi.MidiInputs;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.editor.monitor.MonitorView;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 5: View › Performance panel (Ctrl+P) shows every Constant as a slider with its unit and range (a Hz
 * knob on a log scale); dragged while playing, the sound follows before the release (a sine whose amplitude is the
 * knob, measured on a monitor), and the release is one undo step; a typed value out of range is refused; a knob is
 * MIDI-learnable from its right-click.
 */
@ExtendWith(ApplicationExtension.class)
class PerformancePanelUiTest {
    @TempDir
    Path dir;
    EditorWindow window;
    final FedTransmitter pad = new FedTransmitter();

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(Knobs.write(dir), ProcessorRegistry.load()));
        window.midi().inputs(MidiInputs.of("test pad", pad));
        window.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.playback().stop());
        EditorWindows.settle(window);
    }

    @Test
    void everyConstantIsAKnobThatPlaysLiveAndCommitsOnRelease(FxRobot robot) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.P);
        assertTrue(window.panel().showing(), "Ctrl+P opened the panel");
        assertEquals("Hz", unitOf(robot, "cutoff"));
        assertTrue(robot.lookup("20 to 20000 Hz").tryQuery().isPresent(), "the cutoff knob shows its range");
        Slider cutoff = robot.lookup("#panel-cutoff-slider").queryAs(Slider.class);
        assertEquals(Math.log(1000 / 20.0) / Math.log(20000 / 20.0), cutoff.getValue(), 1e-9,
                "a Hz knob is log: 1000 Hz sits where log(1000/20)/log(20000/20) puts it");

        robot.interact(() -> window.playback().play("null"));
        EditorWindows.settle(window);
        MonitorView[] scope = new MonitorView[1];
        robot.interact(() -> scope[0] = window.monitor(new Endpoint("osc", "out"), MonitorKind.SCOPE));
        assertEquals(0, peakAfterChange(robot, scope[0]), 1e-6, "level starts at 0");

        // dragged to the far right: heard at once, the document unchanged until the release
        Node thumb = robot.lookup("#panel-level-slider .thumb").query();
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(600, 0);
        try {
            assertEquals(1.0, peakAfterChange(robot, scope[0]), 0.01, "the sound follows the drag");
            assertNull(level(), "not committed yet");
        } finally {
            robot.release(MouseButton.PRIMARY);
        }
        assertEquals("1", level());
        assertEquals("set level.value to 1", window.document().undoLabel(), "the release is one undo step");

        // typed: committed and heard
        robot.doubleClickOn("#panel-level").eraseText(4).write("0.25").push(KeyCode.ENTER);
        assertEquals("0.25", level());
        assertEquals(0.25, peakAfterChange(robot, scope[0]), 0.01);

        // a knob's range is its own: the cutoff takes 2492 Hz while playing (its type's default range is 0 to 1)
        robot.doubleClickOn("#panel-cutoff").eraseText(5).write("2492").push(KeyCode.ENTER);
        assertEquals("2492", window.document().spec().node("cutoff").orElseThrow().params().get("value").text(), window.status());

        // out of its range: refused with a sentence, nothing changes
        robot.doubleClickOn("#panel-level").eraseText(6).write("2").push(KeyCode.ENTER);
        assertEquals("0.25", level());
        assertTrue(robot.lookup("#panel-problem").queryAs(Label.class).getText().contains("out of range"),
                robot.lookup("#panel-problem").queryAs(Label.class).getText());

        // MIDI-learnable: right-click the knob, Learn MIDI, move a controller
        robot.rightClickOn("#panel-level-slider").clickOn("Learn MIDI");
        pad.cc(1, 7, 100);
        WaitForAsyncUtils.waitForFxEvents();
        List<MidiBinding> midi = window.document().spec().midi();
        assertEquals(1, midi.size(), window.status());
        assertEquals(List.of(MidiBinding.Kind.CC, 7, 1, new Endpoint("level", "value")),
                List.of(midi.get(0).kind(), midi.get(0).cc(), midi.get(0).channel(), midi.get(0).to()));
        assertEquals("MIDI cc 7 on channel 1", robot.lookup("#panel-midi-level").queryAs(Label.class).getText());
        pad.cc(1, 7, 127);
        assertEquals(1.0, peakAfterChange(robot, scope[0]), 0.01, "the learned controller moves the sound");

        // regression: the knob stood still while the controller moved the sound, and Save kept the old value.
        // Now the slider follows, and the gesture's last value is committed once the controller rests
        Slider level = robot.lookup("#panel-level-slider").queryAs(Slider.class);
        pad.cc(1, 7, 32);
        pad.cc(1, 7, 64);
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                () -> Math.abs(level.getValue() - 64 / 127.0) < 1e-3);
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                () -> level() != null && Math.abs(Double.parseDouble(level()) - 64 / 127.0) < 1e-3);
        assertEquals(64 / 127.0, peakAfterChange(robot, scope[0]), 0.01, "what is heard is what the knob shows");
        assertTrue(window.document().undoLabel().startsWith("set level.value to 0.5"), window.document().undoLabel());
    }

    /** The level knob's value in the document (null: not written). */
    /**
     * A value typed into a knob's field is committed when the field is left, as in the inspector: it showed there
     * while the network and the sound kept the old one.
     */
    @Test
    void aTypedValueIsCommittedWhenTheFieldIsLeft(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.P);
        assertTrue(window.panel().showing(), "Ctrl+P opened the panel");
        robot.doubleClickOn("#panel-level").eraseText(4).write("0.5").push(KeyCode.TAB);
        assertEquals("0.5", level(), window.status());
        robot.doubleClickOn("#panel-level").eraseText(4).write("0.75");
        robot.clickOn("#panel-cutoff");
        assertEquals("0.75", level(), "left by a click on another knob's field: " + window.status());
        robot.interact(() -> window.panel().close());
    }

    private String level() {
        ParamValue v = window.document().spec().node("level").orElseThrow().params().get("value");
        return v == null ? null : v.text();
    }

    private static String unitOf(FxRobot robot, String knob) {
        Slider s = robot.lookup("#panel-" + knob + "-slider").queryAs(Slider.class);
        var row = javafx.scene.layout.GridPane.getRowIndex(s);
        return ((javafx.scene.layout.GridPane) s.getParent()).getChildren().stream()
                .filter(n -> Integer.valueOf(3).equals(javafx.scene.layout.GridPane.getColumnIndex(n))
                        && row.equals(javafx.scene.layout.GridPane.getRowIndex(n)))
                .map(n -> ((Label) n).getText()).findFirst().orElse(null);
    }

    /** The loudest sample of the last 0.1 s, once 0.3 s have played since the change (the knob glides 20 ms). */
    static double peakAfterChange(FxRobot robot, MonitorView view) throws InterruptedException {
        Thread.sleep(300);
        float[] last = new float[4800];
        robot.interact(() -> view.model().latest(last));
        double peak = 0;
        for (float s : last) peak = Math.max(peak, Math.abs(s));
        return peak;
    }
}
