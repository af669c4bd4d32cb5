package dev.conch.editor.monitor;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.files.FileController;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18 item 1: "in the editor, these open the matching monitor instead". captureExample.clamnetwork has two
 * Oscilloscopes, on its SimpleOscillator and on its SquareWave (both 440 Hz, amplitude from a slider at 0.5): opened,
 * the editor shows an oscilloscope on each of those outputs, and played, each shows its own wave: RMS 0.5/sqrt(2) for
 * the sine, 0.5 for the (naive) square.
 */
@ExtendWith(ApplicationExtension.class)
class ClamMonitorsUiTest {
    static final Path CAPTURE = Path.of(System.getProperty("conch.clam", "../../shared/clam"))
            .resolve("CLAM/plugins/sndfile/captureExample.clamnetwork").toAbsolutePath().normalize();
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) {
        window = new EditorWindow(stage, new NetworkDocument(FileController.emptyNetwork(null), null, ProcessorRegistry.load()));
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            window.playback().stop();
            window.scene().getWindow().hide();
        });
    }

    @Test
    void captureExamplesOscilloscopesOpenOnTheOscillatorsTheyWatchedAndShowTheirWaves(FxRobot robot) throws Exception {
        assumeTrue(Files.exists(CAPTURE), "CLAM's networks are not at " + CAPTURE);
        robot.interact(() -> window.files().open(CAPTURE));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK"); // the import report
        Endpoint sine = new Endpoint("SimpleOscillator", "out"), square = new Endpoint("SquareWave", "out");
        assertEquals(2, window.monitors().count(), window.status());
        for (Endpoint port : List.of(sine, square)) {
            MonitorView v = window.monitors().monitor(port).orElseThrow(() -> new AssertionError("no monitor on " + port));
            assertEquals(MonitorKind.SCOPE, v.kind(), port.toString());
            assertTrue(robot.lookup("#monitor-" + port.node() + "-" + port.port()).tryQuery().isPresent(), "shown: " + port);
        }
        assertTrue(window.status().contains("2 monitors open"), window.status());

        // its SndfileWriter writes output.wav: into the test's folder, not wherever the tests run
        robot.interact(() -> window.viewModel().setParam("SndfileWriter", "file", dir.resolve("output.wav").toString()));
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        MonitorView sineView = window.monitors().monitor(sine).orElseThrow();
        MonitorView squareView = window.monitors().monitor(square).orElseThrow();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && (received(robot, sineView) < 8192 || received(robot, squareView) < 8192)) {
            Thread.sleep(50);
        }
        assertTrue(received(robot, sineView) >= 8192 && received(robot, squareView) >= 8192, window.status());
        double[] rms = new double[2];
        robot.interact(() -> {
            rms[0] = sineView.model().rms(4410); // 44 whole cycles of 440 Hz at 44.1 kHz
            rms[1] = squareView.model().rms(4410);
        });
        assertEquals(0.5 / Math.sqrt(2), rms[0], 0.005, "the sine's monitor shows the sine");
        assertEquals(0.5, rms[1], 0.005, "the square's monitor shows the square");

        robot.interact(() -> window.playback().stop());
        EditorWindows.settle(window);
        window.files().chooseSavesWith((folder, suggested) -> Optional.of(dir.resolve(suggested)));
        robot.interact(() -> window.files().save()); // clean: no autosave of the import left for the next run
        assertEquals(dir.resolve("captureExample.xml"), window.document().file(), window.status());
    }

    /**
     * spectralNetwork has two SpectrumViews (on its SpectralAnalysis and on its OscillatingSpectralNotch) and an
     * Oscilloscope on its input: three monitors, two spectrum analysers on those spectrum outputs and a scope. Three
     * monitors are two rows: the strip scrolls, so the status line stays in the window (it was pushed out of it, and
     * with it every sentence saying why Play did nothing) and the canvas keeps most of its room.
     */
    @Test
    void spectralNetworksViewsBecomeSpectrumAnalysersAndTheStatusLineStaysInTheWindow(FxRobot robot) throws Exception {
        Path spectral = CAPTURE.getParent().getParent().getParent().getParent()
                .resolve("NetworkEditor/example-data/spectralNetwork.clamnetwork");
        assumeTrue(Files.exists(spectral), "CLAM's networks are not at " + spectral);
        double canvasBefore = window.canvas().getHeight();
        robot.interact(() -> window.files().open(spectral));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK"); // the import report
        assertEquals(MonitorKind.SPECTRUM, window.monitors().monitor(new Endpoint("SpectralAnalysis_0", "out")).orElseThrow().kind());
        assertEquals(MonitorKind.SPECTRUM, window.monitors().monitor(new Endpoint("OscillatingSpectralNotch_0", "out")).orElseThrow().kind());
        assertEquals(MonitorKind.SCOPE, window.monitors().monitor(new Endpoint("audio_in", "out1")).orElseThrow().kind());
        assertEquals(3, window.monitors().count());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node status = window.scene().lookup("#status");
        double[] bottom = new double[3];
        robot.interact(() -> {
            bottom[0] = status.localToScene(status.getBoundsInLocal()).getMaxY();
            bottom[1] = window.scene().getHeight();
            bottom[2] = window.canvas().getHeight();
        });
        assertTrue(bottom[0] <= bottom[1] + 0.5, "the status line ends at " + bottom[0] + ", the window at " + bottom[1]);
        assertTrue(bottom[2] > canvasBefore / 2, "the canvas is " + bottom[2] + " high, " + canvasBefore + " before");
        // the network is fitted into the room the monitors leave: every node in sight
        robot.interact(() -> {
            javafx.geometry.Bounds room = window.canvas().localToScene(window.canvas().getLayoutBounds());
            for (var n : window.document().spec().nodes()) {
                javafx.geometry.Bounds box = window.canvasView(n.id()).localToScene(window.canvasView(n.id()).getBoundsInLocal());
                assertTrue(room.contains(box), n.id() + " at " + box + " is outside the canvas " + room);
            }
        });

        window.files().chooseSavesWith((folder, suggested) -> Optional.of(dir.resolve(suggested)));
        robot.interact(() -> window.files().save()); // clean: no autosave of the import left for the next run
        assertEquals(dir.resolve("spectralNetwork.xml"), window.document().file(), window.status());
    }

    /**
     * A ControlPrinter on a slider becomes a Value monitor on the slider's Constant, and played, it reads the slider's
     * default as the file gives it (0.25), over a flat trace.
     */
    @Test
    void aControlPrinterBecomesAValueMonitorReadingItsControl(FxRobot robot) throws Exception {
        Path clam = Files.writeString(dir.resolve("printer.clamnetwork"), """
                <network clamVersion="1.4.1" id="Unnamed">
                  <processing id="level" position="0,0" type="OutControlSender"><Min>0</Min><Max>1</Max><Default>0.25</Default></processing>
                  <processing id="osc" position="0,100" type="SimpleOscillator"/>
                  <processing id="out" position="200,100" type="AudioSink"/>
                  <processing id="printer" position="200,0" type="ControlPrinter"/>
                  <port_connection><out>osc.Audio Output</out><in>out.1</in></port_connection>
                  <control_connection><out>level.out</out><in>osc.Amplitude</in></control_connection>
                  <control_connection><out>level.out</out><in>printer.In Control</in></control_connection>
                </network>
                """);
        robot.interact(() -> window.files().open(clam));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK"); // the import report
        MonitorView value = window.monitors().monitor(new Endpoint("level", "out")).orElseThrow(() -> new AssertionError(window.status()));
        assertEquals(MonitorKind.VALUE, value.kind());
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && !readout(robot, value).startsWith("value ")) Thread.sleep(50);
        assertEquals("value 0.250000   (0.250000 to 0.250000 lately)", readout(robot, value), window.status());
        robot.interact(() -> window.playback().stop());
        EditorWindows.settle(window);
        window.files().chooseSavesWith((folder, suggested) -> Optional.of(dir.resolve(suggested)));
        robot.interact(() -> window.files().save()); // clean: no autosave of the import left for the next run
    }

    private static String readout(FxRobot robot, MonitorView v) {
        String[] text = new String[1];
        robot.interact(() -> text[0] = robot.lookup("#" + v.getId() + "-readout").queryAs(javafx.scene.control.Label.class).getText());
        return text[0];
    }

    private static long received(FxRobot robot, MonitorView v) {
        long[] n = new long[1];
        robot.interact(() -> n[0] = v.model() == null ? 0 : v.model().received());
        return n[0];
    }
}
