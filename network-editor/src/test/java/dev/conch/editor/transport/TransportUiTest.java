package dev.conch.editor.transport;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
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
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 11, the transport, on glass-drone cut to a 1.2 s duration and played through the paced null driver:
 * the time and the bar follow the play position; by default it stops at the end; "loop" starts it over, "play on"
 * goes past the end; Restart goes back to the start without stopping.
 */
@ExtendWith(ApplicationExtension.class)
class TransportUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    static final double DURATION = 1.2;
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        String xml = Files.readString(GLASS).replace("duration=\"30\"", "duration=\"" + DURATION + "\"");
        assertTrue(xml.contains("duration=\"1.2\""), "the copy is cut short");
        Path file = Files.writeString(dir.resolve("short.xml"), xml);
        window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.scene().getWindow().hide());
    }

    @Test
    void byDefaultItStopsAtTheEndAndTheTimeAndBarFollowThePosition(FxRobot robot) throws Exception {
        assertEquals(Player.AtEnd.STOP, window.player().atEnd(), "a network with a duration stops at its end by default");
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        waitFor(() -> window.player().position() > 0.4, "playing: " + window.status());
        double from = window.player().position();
        long seen = System.nanoTime();
        String shown = text(robot, "#transport-time");
        assertTrue(shown.matches("0:00\\.\\d / 0:01\\.2"), "time / duration: " + shown);
        double bar = progress(robot);
        assertTrue(bar > 0.2 && bar < 1, "the bar is part way: " + bar);
        // until it stops by itself: the furthest position seen (polled every 10 ms) must be (nearly) the end, not short of it
        double furthest = from;
        long deadline = System.currentTimeMillis() + 15_000;
        while (window.playback().playing() && System.currentTimeMillis() < deadline) {
            furthest = Math.max(furthest, window.player().position());
            Thread.sleep(10);
        }
        // the stop is seen from this thread as soon as the FX thread sets it; the status follows in the same event
        EditorWindows.settle(window);
        assertFalse(window.playback().playing(), "it stopped by itself at the end: " + window.status());
        assertTrue(furthest >= DURATION - 0.2, "not before the end: the last position seen was " + furthest + " s");
        // and soon after: the driver paces in real time, so the end was DURATION - from seconds of wall time away
        double seconds = (System.nanoTime() - seen) / 1e9;
        assertTrue(seconds < DURATION - from + 1.5, "nor long after: " + seconds + " s after " + from + " s");
        assertTrue(window.status().startsWith("Stopped at the end (1.2 s)"), window.status());
    }

    @Test
    void loopStartsOverPlayOnGoesPastTheEndAndRestartGoesBack(FxRobot robot) throws Exception {
        choose(robot, Player.AtEnd.LOOP);
        robot.clickOn("#transport-play");
        EditorWindows.settle(window);
        waitFor(() -> window.player().loops() >= 2, "looped twice: " + window.status());
        assertTrue(window.playback().playing(), "a loop never stops");
        assertTrue(window.player().position() < DURATION + 0.1, "back within the timeline: " + window.player().position());

        choose(robot, Player.AtEnd.PLAY_ON);
        waitFor(() -> window.player().position() > DURATION + 0.5, "past the end: " + window.player().position());
        assertTrue(window.playback().playing());
        long loops = window.player().loops();

        robot.clickOn("#transport-restart");
        EditorWindows.settle(window);
        double after = window.player().position();
        assertTrue(after < 0.3, "Restart goes back to the start: " + after + " s");
        assertTrue(window.playback().playing(), "without stopping");
        assertEquals(loops, window.player().loops(), "a restart is not a loop");
        robot.clickOn("#transport-stop");
        EditorWindows.settle(window);
        assertEquals("0:00.0", text(robot, "#transport-time").substring(0, 6));
    }

    private void choose(FxRobot robot, Player.AtEnd mode) {
        robot.clickOn("#transport-at-end").clickOn(mode.toString());
        assertEquals(mode, window.player().atEnd());
    }

    private static String text(FxRobot robot, String id) {
        String[] t = new String[1];
        robot.interact(() -> t[0] = robot.lookup(id).queryAs(Label.class).getText());
        return t[0];
    }

    private double progress(FxRobot robot) {
        double[] p = new double[1];
        robot.interact(() -> p[0] = window.transport().progress());
        return p[0];
    }

    private static void waitFor(BooleanSupplier what, String why) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!what.getAsBoolean() && System.currentTimeMillis() < deadline) Thread.sleep(30);
        assertTrue(what.getAsBoolean(), why);
    }
}
