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
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 11: a monitor on a spectrum stream shows its frames as they are. A 0.5 sine at 1500 Hz, exactly bin
 * 32 of a 1024-point STFT at 48 kHz (46.875 Hz a bin): the monitor's frames must peak at bin 32 at 20·log10(0.5) dB,
 * with the stream's own bin width, not the 8192-point audio analyser's. Opened from the port's menu, as a user would.
 */
@ExtendWith(ApplicationExtension.class)
class SpectrumMonitorUiTest {
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path file = Files.writeString(dir.resolve("sine-stft.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="sine-stft" version="2" sampleRate="48000">
                  <node id="osc" type="Oscillator" x="40" y="120">
                    <param name="waveform">sine</param>
                    <param name="frequency">1500</param>
                    <param name="amplitude">0.5</param>
                  </node>
                  <node id="stft" type="STFT" x="240" y="120">
                    <param name="fftSize">1024</param>
                  </node>
                  <node id="synth" type="ISTFT" x="440" y="120"/>
                  <node id="out" type="AudioOutput" x="640" y="120">
                    <param name="channels">1</param>
                  </node>
                  <connect from="osc.out" to="stft.in"/>
                  <connect from="stft.out" to="synth.in"/>
                  <connect from="synth.out" to="out.in1"/>
                </network>
                """);
        window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.scene().getWindow().hide());
    }

    @Test
    void aSpectrumStreamShowsItsOwnFramesMagnitudePerBin(FxRobot robot) throws Exception {
        robot.rightClickOn("#port-out-stft-out");
        robot.clickOn("Monitor: Oscilloscope"); // the menu offers every kind: a spectrum stream shows as a spectrum
        MonitorView view = window.monitors().monitor(new Endpoint("stft", "out"))
                .orElseThrow(() -> new AssertionError(window.status()));
        assertEquals(MonitorKind.SPECTRUM, view.kind(), "a scope of spectrum frames means nothing: opened as a spectrum");
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && frames(robot, view) < 20) Thread.sleep(50);
        assertTrue(frames(robot, view) >= 20, "frames received: " + frames(robot, view) + ", " + window.status());
        assertEquals(MonitorKind.SPECTRUM, view.kind());

        double[] got = new double[5];
        robot.interact(() -> {
            SpectrumFrames f = view.frameModel();
            double[] db = f.spectrumDb();
            got[0] = f.peakBin();
            got[1] = db[f.peakBin()];
            got[2] = f.binHz();
            got[3] = db.length;
            got[4] = db[64]; // an octave above: only the window's leakage
        });
        System.out.printf("spectrum monitor on stft.out: peak bin %d (%.3f Hz a bin) at %.2f dB, bin 64 at %.1f dB%n",
                (int) got[0], got[2], got[1], got[4]);
        assertEquals(32, (int) got[0], "1500 Hz is bin 32");
        assertEquals(48000.0 / 1024, got[2], 1e-9, "the stream's own framing");
        assertEquals(513, (int) got[3], "fftSize / 2 + 1 bins");
        assertEquals(20 * Math.log10(0.5), got[1], 0.05, "a 0.5 sine centred on its bin");
        assertTrue(got[4] < -60, "far from the tone, Hann leakage only: " + got[4]);
        assertTrue(view.frames() > 5, "the monitor redraws");
        robot.clickOn("#transport-stop");
        EditorWindows.settle(window);
    }

    private static long frames(FxRobot robot, MonitorView view) {
        long[] n = new long[1];
        robot.interact(() -> n[0] = view.frameModel() == null ? 0 : view.frameModel().frames());
        return n[0];
    }
}
