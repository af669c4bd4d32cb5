package dev.conch.editor.transport;

import dev.conch.engine.driver.CallbackStats;
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

/** Play / Stop with a driver choice, and a line showing callback load, xruns and output peak, 4 times a second. */
public final class TransportBar extends HBox {
    private final Player player;
    private final ChoiceBox<String> driver = new ChoiceBox<>();
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
        play.setOnAction(e -> playback.play(driver.getValue()));
        stop.setOnAction(e -> playback.stop());
        play.disableProperty().bind(playback.playingProperty());
        stop.disableProperty().bind(playback.playingProperty().not());
        getChildren().addAll(new Label("Driver"), driver, play, stop, status);
        refresh = new Timeline(new KeyFrame(Duration.millis(250), e -> update()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        update();
    }

    /** The meter line: polled, as the audio thread cannot call into the UI. */
    public void update() {
        CallbackStats s = player.stats();
        if (s == null) {
            status.setText("stopped");
            return;
        }
        float peak = player.drainPeak();
        String db = peak <= 0 ? "-inf" : String.format(Locale.ROOT, "%.1f", 20 * Math.log10(peak));
        status.setText(String.format(Locale.ROOT, "%s   load %.1f%% (worst %.1f%%)   xruns %d   peak %s dBFS",
                player.describe(), 100 * s.meanLoad(), 100 * s.maxLoad(), s.misses(), db));
    }

    public void dispose() {
        refresh.stop();
    }
}
