package dev.conch.editor.render;

import dev.conch.engine.io.Clipping;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File → Render: length, bit depth and target file, a progress bar, Render and Cancel. The render runs on its own
 * thread ({@link RenderJob}); the bar is refreshed ten times a second from the job's frame count, so the UI
 * never waits for it. Cancel stops the render and leaves the target file as it was.
 */
public final class RenderDialog {
    private final Stage stage = new Stage();
    private final NetworkSpec spec;
    private final ProcessorRegistry registry;
    private final TextField seconds = new TextField();
    private final ChoiceBox<SampleFormat> format = new ChoiceBox<>();
    private final TextField file = new TextField();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Choose a length, a bit depth and a file");
    private final Button render = new Button("Render");
    private final Button cancel = new Button("Close");
    private final Timeline poll = new Timeline();
    private RenderJob job;

    public RenderDialog(Window owner, NetworkSpec spec, ProcessorRegistry registry, Path suggested) {
        this.spec = spec;
        this.registry = registry;
        stage.initOwner(owner);
        stage.setTitle("Render " + spec.name());
        seconds.setId("render-seconds");
        seconds.setText(spec.duration() > 0 ? trim(spec.duration()) : "10");
        format.setId("render-format");
        format.getItems().setAll(SampleFormat.values());
        format.setValue(SampleFormat.PCM24);
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(SampleFormat f) {
                return f == null ? "" : f.label();
            }

            @Override
            public SampleFormat fromString(String s) {
                return SampleFormat.parse(s);
            }
        });
        file.setId("render-file");
        file.setPrefColumnCount(28);
        file.setText(suggested == null ? "" : suggested.toString());
        Button browse = new Button("Choose...");
        browse.setOnAction(e -> browse());
        progress.setId("render-progress");
        progress.setPrefWidth(360);
        status.setId("render-status");
        status.setWrapText(true);
        status.setPrefWidth(480);
        render.setId("render-start");
        cancel.setId("render-cancel");
        render.setOnAction(e -> start());
        cancel.setOnAction(e -> cancelOrClose());
        stage.setOnHidden(e -> {
            if (job != null) job.cancel();
        });
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(100), e -> showProgress()));
        poll.setCycleCount(Timeline.INDEFINITE);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Length (seconds)"), seconds);
        grid.addRow(1, new Label("Bit depth"), format);
        grid.addRow(2, new Label("File"), new HBox(6, file, browse));
        grid.add(progress, 0, 3, 2, 1);
        grid.add(status, 0, 4, 2, 1);
        grid.add(new HBox(8, render, cancel), 0, 5, 2, 1);
        stage.setScene(new Scene(grid));
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    /** The running or last job (tests). */
    public RenderJob job() {
        return job;
    }

    public String status() {
        return status.getText();
    }

    public double progress() {
        return progress.getProgress();
    }

    private void start() {
        double s;
        try {
            s = Double.parseDouble(seconds.getText().trim());
            if (!(s > 0) || s > 24 * 3600) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            status.setText("The length must be a number of seconds above 0 (and below a day), not '" + seconds.getText() + "'");
            return;
        }
        if (file.getText().isBlank()) {
            status.setText("Choose the file to render to");
            return;
        }
        Path target = Path.of(file.getText().trim());
        job = new RenderJob(spec, registry, target, s, format.getValue());
        RenderJob mine = job;
        running(true);
        status.setTextFill(Color.BLACK);
        status.setText("Rendering " + trim(s) + " s to " + target + "...");
        job.start(outcome -> Platform.runLater(() -> finished(mine, outcome)));
    }

    private void finished(RenderJob which, RenderJob.Outcome outcome) {
        if (which != job) return;
        running(false);
        showProgress();
        if (outcome.cancelled()) {
            progress.setProgress(0);
            status.setText("Cancelled: " + file.getText().trim() + " was left as it was");
        } else if (outcome.problem() != null) {
            status.setText("Could not render: " + outcome.problem());
        } else {
            var r = outcome.result();
            status.setText(String.format(Locale.ROOT, "Rendered %s (%.1f s of sound in %.1f s)%s%s", r.output(),
                    r.frames() / (double) spec.sampleRate(), r.wallNanos() / 1e9,
                    r.failure() == null ? "" : "; a node failed: " + r.failure(), clipped(r.clipping())));
            status.setTextFill(r.clipping().any() || r.failure() != null ? Color.web("#b00020") : Color.BLACK);
            stage.sizeToScene(); // a wrapped warning takes more lines
        }
    }

    /**
     * Clipping in 16 or 24 bits is silent damage, as {@code conch render} warns: how much, how loud, the ways out.
     */
    private static String clipped(Clipping c) {
        if (!c.any()) return "";
        return String.format(Locale.ROOT, "; %d sample%s clipped (peak %+.1f dBFS): choose %s to keep them, or lower "
                + "the gain", c.samples(), c.samples() == 1 ? "" : "s", c.peakDbfs(), SampleFormat.FLOAT32.label());
    }

    private void cancelOrClose() {
        if (job != null && poll.getStatus() == javafx.animation.Animation.Status.RUNNING) job.cancel();
        else stage.close();
    }

    private void running(boolean on) {
        render.setDisable(on);
        seconds.setDisable(on);
        format.setDisable(on);
        file.setDisable(on);
        cancel.setText(on ? "Cancel" : "Close");
        if (on) poll.play();
        else poll.stop();
    }

    private void showProgress() {
        if (job != null) progress.setProgress(job.framesDone() / (double) Math.max(1, job.totalFrames()));
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Render to");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WAV files", "*.wav"));
        File f = chooser.showSaveDialog(stage);
        if (f != null) file.setText(f.getPath());
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
