package dev.conch.editor.midi;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.editor.monitor.MonitorModel;
import dev.conch.editor.monitor.MonitorView;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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
 * Issue 16 item 4, with a controller fed by hand behind {@link MidiInputs}: right-click a param → Learn MIDI, move a
 * controller, and a {@code <midi cc>} binding with its number and channel is in the document (one undo step) and in
 * the saved file; while playing, the controller moves the sound (a sine whose amplitude the knob sets, measured on
 * a monitor: its peak is cc/127); MIDI › Bindings lists it and removes it, and then the controller does nothing.
 */
@ExtendWith(ApplicationExtension.class)
class MidiLearnUiTest {
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
    void aLearnedControllerIsABindingAndMovesTheSound(FxRobot robot) throws Exception {
        robot.clickOn("#title-level").rightClickOn("#name-level-value").clickOn("Learn MIDI");
        assertEquals(new Endpoint("level", "value"), window.midi().learning(), window.status());
        assertTrue(window.status().contains("test pad"), window.status());

        pad.cc(3, 21, 10);
        WaitForAsyncUtils.waitForFxEvents();
        MidiBinding learned = new MidiBinding(MidiBinding.Kind.CC, 3, 21, new Endpoint("level", "value"), Location.UNKNOWN);
        assertEquals(List.of(learned), window.document().spec().midi(), window.status());
        assertNull(window.midi().learning(), "one controller learned, then learning stops");
        assertEquals("MIDI cc 21 on channel 3", robot.lookup("#driver-level-value").queryAs(Label.class).getText());

        Path saved = dir.resolve("saved.xml");
        robot.interact(() -> window.files().saveAs(saved));
        assertEquals(List.of(learned), NetworkXml.read(saved).midi().stream()
                .map(m -> new MidiBinding(m.kind(), m.channel(), m.cc(), m.to(), Location.UNKNOWN)).toList(),
                "the file has <midi cc=\"21\" channel=\"3\" to=\"level.value\"/>");

        // the sound follows: the knob is the sine's amplitude, so the peak is cc / 127
        robot.interact(() -> window.playback().play("null"));
        EditorWindows.settle(window);
        MonitorView[] scope = new MonitorView[1];
        robot.interact(() -> scope[0] = window.monitor(new Endpoint("osc", "out"), MonitorKind.SCOPE));
        assertEquals(0, peakAfterChange(robot, scope[0]), 1e-6, "the knob starts at 0: silence");
        pad.cc(3, 21, 127);
        assertEquals(1.0, peakAfterChange(robot, scope[0]), 0.01);
        pad.cc(3, 21, 64);
        assertEquals(64 / 127.0, peakAfterChange(robot, scope[0]), 0.01);
        pad.cc(1, 21, 127);
        assertEquals(64 / 127.0, peakAfterChange(robot, scope[0]), 0.01, "the same controller on another channel is not bound");

        // MIDI > Bindings lists it; Remove is one undo step, and the controller no longer moves the sound
        robot.push(KeyCode.CONTROL, KeyCode.M);
        MidiBindingsWindow[] opened = new MidiBindingsWindow[1];
        robot.interact(() -> opened[0] = window.midi().showBindings(null)); // the window Ctrl+M opened: one per editor
        MidiBindingsWindow list = opened[0];
        assertTrue(list.list().getScene().getWindow().isShowing(), "Ctrl+M opened the bindings window");
        assertEquals(List.of(learned), list.list().getItems());
        robot.interact(() -> list.list().getSelectionModel().select(0));
        robot.clickOn("#midi-remove");
        assertEquals(List.of(), window.document().spec().midi(), window.status());
        assertEquals(List.of(), list.list().getItems(), "the list follows the document");
        pad.cc(3, 21, 0);
        assertEquals(64 / 127.0, peakAfterChange(robot, scope[0]), 0.01, "an unbound controller changes nothing");
        robot.interact(() -> window.viewModel().undo());
        assertEquals(List.of(learned), window.document().spec().midi(), "undo brings the binding back");
        assertEquals(List.of(learned), list.list().getItems());
    }

    @Test
    void withoutAnyMidiInputLearningSaysSoAndWaitsForNothing(FxRobot robot) {
        robot.interact(() -> window.midi().inputs(new MidiInputs() {
            @Override
            public List<String> connect(javax.sound.midi.Receiver receiver) {
                return List.of();
            }

            @Override
            public void close() {
            }
        }));
        robot.clickOn("#title-level").rightClickOn("#name-level-value").clickOn("Learn MIDI");
        assertNull(window.midi().learning());
        assertTrue(window.status().startsWith("No MIDI input"), window.status());
    }

    /** The loudest sample of the last 0.1 s, once 0.3 s have played since the change (the knob glides 20 ms). */
    private static double peakAfterChange(FxRobot robot, MonitorView view) throws InterruptedException {
        Thread.sleep(300);
        float[] last = new float[4800];
        robot.interact(() -> view.model().latest(last));
        double peak = 0;
        for (float s : last) peak = Math.max(peak, Math.abs(s));
        return peak;
    }
}
