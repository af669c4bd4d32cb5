package dev.conch.editor;

import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.monitor.MonitorKind;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * glass-drone playing through the paced null driver with two monitors open (a spectrum analyser on osc.out, an
 * oscilloscope on gain.out), while an animation timer records the interval between JavaFX pulses.
 *
 * <p>The unit suite checks what must hold on any machine: the pulses keep coming and both monitors redraw while the
 * engine plays. The editor issue's figure (no interval over 100 ms, at least 30 fps over 5 s) is a measurement of
 * the machine as much as of the editor, so it is tagged {@code timing} and runs only when asked for:
 * {@code mvn -pl network-editor test -Dgroups=timing -Dconch.excludedGroups=none} (see benchmarks/README.md).
 */
@ExtendWith(ApplicationExtension.class)
class ResponsivenessTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    /** What the pulses and the two monitors did over a stretch of playing. */
    record Run(List<Long> intervalsNanos, long spectrumFrames, long scopeFrames) {
    }

    @Test
    void pulsesGoOnAndBothMonitorsRedrawWhilePlaying(FxRobot robot) throws Exception {
        Run run = play(robot, 1_000);
        assertTrue(run.intervalsNanos().size() >= 5, "JavaFX pulses while playing: " + run.intervalsNanos().size());
        assertTrue(run.spectrumFrames() > 0, "the spectrum analyser redrew");
        assertTrue(run.scopeFrames() > 0, "the oscilloscope redrew");
    }

    @Test
    @Tag("timing")
    void noFrameOver100msWhilePlayingWithTwoMonitors(FxRobot robot) throws Exception {
        Run run = play(robot, 5_000);
        List<Long> slow = new ArrayList<>();
        long at = 0;
        for (long i : run.intervalsNanos()) {
            at += i;
            if (i > 50_000_000) slow.add(at / 1_000_000);
        }
        System.out.println("frames over 50 ms ended at (ms into the run): " + slow);
        List<Long> sorted = new ArrayList<>(run.intervalsNanos());
        Collections.sort(sorted);
        double maxMs = sorted.get(sorted.size() - 1) / 1e6;
        double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1e6;
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        System.out.printf("FX pulses over 5 s with two monitors while playing: %d frames (%.1f fps), mean %.1f ms, "
                + "p99 %.1f ms, max %.1f ms; monitor redraws %d and %d%n", sorted.size(), sorted.size() / 5.0, mean, p99,
                maxMs, run.spectrumFrames(), run.scopeFrames());
        assertTrue(sorted.size() >= 150, "at least 30 fps: " + sorted.size() + " frames in 5 s");
        assertTrue(maxMs < 100, "the longest frame took " + maxMs + " ms");
    }

    /** Opens the two monitors, plays, records {@code millis} ms of pulse intervals (past start-up), stops. */
    private Run play(FxRobot robot, long millis) throws Exception {
        robot.interact(() -> {
            window.monitor(new Endpoint("osc", "out"), MonitorKind.SPECTRUM);
            window.monitor(new Endpoint("gain", "out"), MonitorKind.SCOPE);
        });
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        Thread.sleep(500); // past start-up work (first taps, first FFT)
        List<Long> intervals = Collections.synchronizedList(new ArrayList<>());
        AnimationTimer[] timer = new AnimationTimer[1];
        robot.interact(() -> {
            timer[0] = new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    long t = System.nanoTime(); // wall clock, not the pulse's own timestamp
                    if (last != 0) intervals.add(t - last);
                    last = t;
                }
            };
            timer[0].start();
        });
        Thread.sleep(millis);
        robot.interact(() -> timer[0].stop());
        long[] monitorFrames = new long[2];
        robot.interact(() -> {
            monitorFrames[0] = window.monitors().monitor(new Endpoint("osc", "out")).orElseThrow().frames();
            monitorFrames[1] = window.monitors().monitor(new Endpoint("gain", "out")).orElseThrow().frames();
        });
        robot.clickOn("#transport-stop");
        EditorWindows.settle(window);
        return new Run(new ArrayList<>(intervals), monitorFrames[0], monitorFrames[1]);
    }
}
