package dev.conch.editor.transport;

import dev.conch.editor.prefs.EditorPreferences;
import dev.conch.engine.driver.CallbackStats;
import dev.conch.engine.runtime.Engine;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import java.util.Locale;

/**
 * Play / Stop with a driver choice and where a network that takes sound in hears it from (the device, or a file
 * played in a loop), and a line showing callback load, xruns, the input's and the output's peak, 4 times a second.
 */
public final class TransportBar extends HBox {
    private final Player player;
    private final ChoiceBox<String> driver = new ChoiceBox<>();
    private final ChoiceBox<String> input = new ChoiceBox<>();
    private final ChoiceBox<Integer> threads = new ChoiceBox<>();
    private final Button play = new Button("Play");
    private final Button stop = new Button("Stop");
    private final Label status = new Label("stopped");
    private final Timeline refresh;
    private final Button restart = new Button("Restart");
    private final ChoiceBox<Player.AtEnd> atEnd = new ChoiceBox<>();
    private final Label time = new Label(clock(0, 0));
    private final ProgressBar where = new ProgressBar(0);
    /** The play position, 20 times a second: the time, the bar, the end and the next loop. */
    private final Timeline position;
    private final PlaybackController playback;

    /**
     * Play and Stop go to {@code playback}; the meter line reads {@code player}. The thread count starts as
     * {@code preferences} kept it and is kept there when chosen; a failure to keep it goes to {@code problems}.
     */
    public TransportBar(Player player, PlaybackController playback, EditorPreferences preferences,
                        java.util.function.Consumer<String> problems) {
        super(8);
        this.player = player;
        this.playback = playback;
        setId("transport");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        driver.setId("transport-driver");
        driver.getItems().setAll(Player.DRIVERS);
        driver.setValue("null");
        play.setId("transport-play");
        stop.setId("transport-stop");
        status.setId("transport-status");
        input.setId("transport-input");
        input.getItems().setAll(DEVICE, CHOOSE);
        input.setValue(DEVICE);
        input.setOnAction(e -> chooseInput());
        threads.setId("transport-threads");
        int kept = preferences.playThreads(); // 1 unless chosen, as conch play: more is not yet measured safe live
        for (int n = 1; n <= Math.max(Math.max(2, kept), Runtime.getRuntime().availableProcessors()); n++) threads.getItems().add(n);
        threads.setValue(kept);
        player.threads(kept);
        threads.setTooltip(new javafx.scene.control.Tooltip("Threads playing each callback, as conch play --threads: "
                + "the audio thread and the rest workers running the network's independent branches. 1, play's default, "
                + "until more is measured safe live; the sound is the same at any count. Kept for the next session."));
        threads.setOnAction(e -> {
            player.threads(threads.getValue());
            try {
                preferences.playThreads(threads.getValue());
            } catch (java.io.IOException ex) {
                problems.accept("Could not keep the thread count in " + preferences.store() + ": " + ex.getMessage()
                        + " (it plays on " + threads.getValue() + " threads until the editor closes)");
            }
        });
        play.setOnAction(e -> playback.play(driver.getValue()));
        stop.setOnAction(e -> playback.stop());
        play.disableProperty().bind(playback.activeProperty());
        stop.disableProperty().bind(javafx.beans.binding.Bindings.not(playback.activeProperty()));
        input.disableProperty().bind(playback.activeProperty());
        threads.disableProperty().bind(playback.activeProperty());
        restart.setId("transport-restart");
        restart.setOnAction(e -> playback.restart());
        restart.disableProperty().bind(playback.playingProperty().not());
        atEnd.setId("transport-at-end");
        atEnd.getItems().setAll(Player.AtEnd.values());
        atEnd.setValue(player.atEnd());
        atEnd.setOnAction(e -> player.atEnd(atEnd.getValue()));
        atEnd.setTooltip(new javafx.scene.control.Tooltip("What a network with a duration does at its end"));
        time.setId("transport-time");
        time.setMinWidth(Label.USE_PREF_SIZE);
        time.setStyle("-fx-font-family: monospace;");
        where.setId("transport-position");
        where.setPrefWidth(140);
        getChildren().addAll(new Label("Driver"), driver, new Label("Input"), input, new Label("Threads"), threads, play,
                stop, restart, time, where, new Label("At end"), atEnd, status);
        // the meter line gives way when the bar is too narrow, never the controls
        getChildren().forEach(n -> {
            if (n instanceof javafx.scene.layout.Region r && n != status) r.setMinWidth(Region.USE_PREF_SIZE);
        });
        status.setMinWidth(0);
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        refresh = new Timeline(new KeyFrame(Duration.millis(250), e -> update()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        position = new Timeline(new KeyFrame(Duration.millis(50), e -> follow()));
        position.setCycleCount(Timeline.INDEFINITE);
        position.play();
        update();
    }

    /** The time and the bar follow the play position; a network at its end stops, or its next loop is made ready. */
    public void follow() {
        double at = player.position(), duration = player.duration();
        time.setText(clock(at, duration));
        where.setProgress(duration > 0 ? Math.min(1, at / duration) : 0);
        if (!player.playing()) return;
        if (player.ended()) {
            playback.stopAtEnd(duration);
            return;
        }
        playback.prepareLoop(player);
    }

    /** "0:12.3 / 0:30.0"; without a duration only the time. */
    static String clock(double seconds, double duration) {
        return duration > 0 ? minutes(seconds) + " / " + minutes(duration) : minutes(seconds);
    }

    private static String minutes(double s) {
        long tenths = Math.round(s * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }

    /** The time shown ("0:12.3 / 0:30.0"). */
    public String timeText() {
        return time.getText();
    }

    /** The position bar's fill, 0 to 1. */
    public double progress() {
        return where.getProgress();
    }

    private static final String DEVICE = "device";
    private static final String CHOOSE = "file...";

    /** "file..." asks for a sound file; a chosen file stays in the list under its name, cancel goes back. */
    private void chooseInput() {
        String v = input.getValue();
        if (v == null) return;
        if (v.equals(DEVICE)) {
            player.input(null);
            return;
        }
        if (!v.equals(CHOOSE)) return; // a file chosen before: still the player's input
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Sound the network's AudioInput hears");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Sound files",
                "*.wav", "*.aif", "*.aiff", "*.au", "*.flac"));
        java.io.File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        useInput(f == null ? null : f.toPath());
    }

    /** Sets the input to {@code file} (null: the device) and shows it in the choice. */
    public void useInput(java.nio.file.Path file) {
        player.input(file);
        String label = file == null ? DEVICE : file.getFileName().toString();
        input.getItems().setAll(DEVICE, CHOOSE);
        if (file != null) input.getItems().add(1, label);
        input.setValue(label);
    }

    /** The meter line: polled, as the audio thread cannot call into the UI. */
    public void update() {
        CallbackStats s = player.stats();
        if (s == null) {
            status.setText("stopped");
            return;
        }
        float peak = player.drainPeak();
        Engine engine = player.engine();
        String in = engine == null || engine.inputChannels() == 0 ? "" : "   in " + dbfs(player.drainInputPeak()) + " dBFS";
        status.setText(String.format(Locale.ROOT, "%s%s   load %.1f%% (worst %.1f%%)   xruns %d%s   peak %s dBFS",
                player.describe(), engine != null && engine.threads() > 1 ? " on " + engine.threads() + " threads" : "",
                100 * s.meanLoad(), 100 * s.maxLoad(), s.misses(), in, dbfs(peak)));
    }

    private static String dbfs(float peak) {
        return peak <= 0 ? "-inf" : String.format(Locale.ROOT, "%.1f", 20 * Math.log10(peak));
    }

    public void dispose() {
        refresh.stop();
        position.stop();
    }
}
