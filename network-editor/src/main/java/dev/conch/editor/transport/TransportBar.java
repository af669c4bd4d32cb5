package dev.conch.editor.transport;

import dev.conch.engine.driver.CallbackStats;
import dev.conch.engine.runtime.Engine;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
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

    /** Play and Stop go to {@code playback}; the meter line reads {@code player}. */
    public TransportBar(Player player, PlaybackController playback) {
        super(8);
        this.player = player;
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
        for (int n = 1; n <= Math.max(2, Runtime.getRuntime().availableProcessors()); n++) threads.getItems().add(n);
        threads.setValue(1); // as conch play: more is not yet measured safe live (benchmarks/README)
        threads.setOnAction(e -> player.threads(threads.getValue()));
        play.setOnAction(e -> playback.play(driver.getValue()));
        stop.setOnAction(e -> playback.stop());
        play.disableProperty().bind(playback.playingProperty());
        stop.disableProperty().bind(playback.playingProperty().not());
        input.disableProperty().bind(playback.playingProperty());
        threads.disableProperty().bind(playback.playingProperty());
        getChildren().addAll(new Label("Driver"), driver, new Label("Input"), input, new Label("Threads"), threads, play,
                stop, status);
        refresh = new Timeline(new KeyFrame(Duration.millis(250), e -> update()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        update();
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
        status.setText(String.format(Locale.ROOT, "%s   load %.1f%% (worst %.1f%%)   xruns %d%s   peak %s dBFS",
                player.describe(), 100 * s.meanLoad(), 100 * s.maxLoad(), s.misses(), in, dbfs(peak)));
    }

    private static String dbfs(float peak) {
        return peak <= 0 ? "-inf" : String.format(Locale.ROOT, "%.1f", 20 * Math.log10(peak));
    }

    public void dispose() {
        refresh.stop();
    }
}
