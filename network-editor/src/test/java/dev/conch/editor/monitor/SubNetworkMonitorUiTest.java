package dev.conch.editor.monitor;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.EditorWindows;
import dev.conch.editor.document.NetworkDocument;
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

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A monitor on a sub-network node's output, opened from the port's menu while playing, shows that output: the node
 * is inlined when compiled, so there is no processor of its id, and the monitor said "Not playing: no node 'bells'
 * in this network" and never drew, though the network played. A node of one copy is watched at the inner node that
 * feeds its Outlet, a cloned one at its copies' sum.
 */
@ExtendWith(ApplicationExtension.class)
class SubNetworkMonitorUiTest {
    @TempDir
    static Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Files.writeString(dir.resolve("voice.xml"), """
                <network name="voice" version="4">
                  <node id="pitch" type="Constant">
                    <param name="min">20</param><param name="max">20000</param><param name="value">440</param>
                  </node>
                  <node id="osc" type="Oscillator"><param name="amplitude">0.25</param></node>
                  <node id="out" type="Outlet"/>
                  <node id="dry" type="Outlet"/>
                  <connect from="osc.out" to="out.in"/>
                  <connect from="osc.out" to="dry.in"/>
                  <control from="pitch.out" to="osc.frequency"/>
                </network>
                """);
        Path top = Files.writeString(dir.resolve("top.xml"), """
                <network name="top" version="4" sampleRate="48000">
                  <node id="solo" type="net:voice.xml" x="40" y="40"><param name="pitch">440</param></node>
                  <node id="pair" type="net:voice.xml" count="2" x="40" y="200"><param name="pitch">220 330</param></node>
                  <node id="out" type="AudioOutput" x="300" y="100"><param name="channels">2</param></node>
                  <connect from="solo.out" to="out.in1"/>
                  <connect from="pair.out" to="out.in2"/>
                </network>
                """);
        window = new EditorWindow(stage, NetworkDocument.open(top, ProcessorRegistry.load()));
        window.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.playback().stop());
        EditorWindows.settle(window);
    }

    @Test
    void aSubNetworkNodesOutputIsMonitored(FxRobot robot) throws Exception {
        robot.rightClickOn("#port-out-solo-out").clickOn("Monitor: Spectrum analyser");
        robot.rightClickOn("#port-out-pair-out").clickOn("Monitor: Spectrum analyser");
        MonitorView solo = window.monitors().monitor(new Endpoint("solo", "out")).orElseThrow(() -> new AssertionError(window.status()));
        MonitorView pair = window.monitors().monitor(new Endpoint("pair", "out")).orElseThrow(() -> new AssertionError(window.status()));
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);

        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline
                && (received(robot, solo) < 2L * MonitorModel.SIZE || received(robot, pair) < 2L * MonitorModel.SIZE)) {
            Thread.sleep(50);
        }
        assertTrue(received(robot, solo) >= 2L * MonitorModel.SIZE, "solo.out received " + received(robot, solo));
        assertTrue(received(robot, pair) >= 2L * MonitorModel.SIZE, "pair.out received " + received(robot, pair));

        double[] soloPeak = new double[2];
        double[] pairDb = new double[3];
        robot.interact(() -> {
            soloPeak[0] = solo.model().peakHz();
            soloPeak[1] = solo.model().binHz();
            MonitorModel m = pair.model();
            double[] db = m.spectrumDb();
            pairDb[0] = db[(int) Math.round(220 / m.binHz())];
            pairDb[1] = db[(int) Math.round(330 / m.binHz())];
            pairDb[2] = db[(int) Math.round(440 / m.binHz())];
        });
        assertEquals(440, soloPeak[0], soloPeak[1], "the single copy's oscillator");
        // a 0.25 sine is -12 dB (less up to 1.4 dB of scalloping); both copies are in the sum, nothing at 440 Hz
        assertEquals(-12.7, pairDb[0], 0.8, "copy 0 at 220 Hz");
        assertEquals(-12.7, pairDb[1], 0.8, "copy 1 at 330 Hz");
        assertTrue(pairDb[2] < -60, "no 440 Hz in the pair: " + pairDb[2]);

        // an output nothing uses is not computed: the monitor says so rather than "not playing"
        robot.rightClickOn("#port-out-solo-dry").clickOn("Monitor: Oscilloscope");
        EditorWindows.settle(window);
        String said = robot.lookup("#monitor-solo-dry-readout").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(said.startsWith("Not computed: nothing is connected to solo.dry"), said);
    }

    private static long received(FxRobot robot, MonitorView view) {
        long[] n = new long[1];
        robot.interact(() -> n[0] = view.model() == null ? 0 : view.model().received());
        return n[0];
    }
}
