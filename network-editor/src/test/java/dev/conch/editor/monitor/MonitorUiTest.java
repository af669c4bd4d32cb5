package dev.conch.editor.monitor;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Plays glass-drone through the null driver, opens a spectrum analyser on osc.out from the port's context menu,
 * and reads the monitor's own model: the 55 Hz saw's fundamental is its loudest bin.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.scene().getWindow().hide());
    }

    @Test
    void spectrumOfTheOscillatorPeaksAt55Hz(FxRobot robot) throws Exception {
        robot.rightClickOn("#port-out-osc-out");
        robot.clickOn("Monitor: Spectrum analyser");
        Endpoint osc = new Endpoint("osc", "out");
        MonitorView view = window.monitors().monitor(osc).orElseThrow(() -> new AssertionError(window.status()));
        assertEquals(MonitorKind.SPECTRUM, view.kind());
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);

        // wait until the monitor has a full FFT's worth of samples (8192 at 48 kHz: 0.17 s of playing)
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && received(robot, view) < 2L * MonitorModel.SIZE) Thread.sleep(50);
        assertTrue(received(robot, view) >= 2L * MonitorModel.SIZE, "samples received: " + received(robot, view)
                + ", status: " + window.status());

        double[] peak = new double[3];
        robot.interact(() -> {
            MonitorModel m = view.model();
            double[] db = m.spectrumDb();
            peak[0] = m.peakHz();
            peak[1] = m.binHz();
            peak[2] = db[m.peakBin()];
        });
        System.out.printf("spectrum monitor on osc.out: peak %.2f Hz (bin width %.2f Hz) at %.1f dB, %d frames drawn%n",
                peak[0], peak[1], peak[2], view.frames());
        assertEquals(55, peak[0], peak[1], "the saw's fundamental");
        // a 0.8 saw's fundamental has amplitude 0.8 * 2 / pi = 0.51: -5.9 dB, less up to 1.42 dB of scalloping
        assertEquals(-5.9, peak[2], 1.6);
        assertTrue(view.frames() > 10, "the monitor redraws: " + view.frames());

        // the same port as a spectrogram: the monitor is switched, not doubled, and keeps drawing
        robot.rightClickOn("#port-out-osc-out");
        robot.clickOn("Monitor: Spectrogram");
        assertEquals(MonitorKind.SPECTROGRAM, view.kind());
        assertEquals(1, window.monitors().count());
        long drawn = view.frames();
        Thread.sleep(300);
        assertTrue(view.frames() > drawn, "the spectrogram scrolls");

        // no such port: a sentence, no monitor
        MonitorView[] none = new MonitorView[1];
        robot.interact(() -> none[0] = window.monitor(new Endpoint("nope", "out"), MonitorKind.SCOPE));
        assertNull(none[0]);
        assertTrue(window.status().contains("no output nope.out"), window.status());

        // while playing, each node shows its share of the deadline
        deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline && window.canvasView("osc").loadText().isEmpty()) Thread.sleep(50);
        String oscLoad = window.canvasView("osc").loadText();
        System.out.println("osc load shown on the canvas: " + oscLoad + ", filter: " + window.canvasView("filter").loadText());
        assertTrue(oscLoad.matches("\\d+\\.\\d\\d%"), "a percentage on the node: '" + oscLoad + "'");

        // Alt+click on another output opens a second monitor; the close button removes it and its tap
        robot.press(javafx.scene.input.KeyCode.ALT).clickOn("#port-out-filter-out").release(javafx.scene.input.KeyCode.ALT);
        assertEquals(2, window.monitors().count(), window.status());
        robot.clickOn("#monitor-filter-out-close");
        assertEquals(1, window.monitors().count());

        // opening another network closes the monitors (SpectrumMonitorUiTest monitors its spectrum ports)
        robot.interact(() -> window.files().open(GLASS.resolveSibling("bell-morph.xml")));
        assertEquals(0, window.monitors().count(), "another network: its monitors closed");
    }

    private static long received(FxRobot robot, MonitorView view) {
        long[] n = new long[1];
        robot.interact(() -> n[0] = view.model() == null ? 0 : view.model().received());
        return n[0];
    }
}
