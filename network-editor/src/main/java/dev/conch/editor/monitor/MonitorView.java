package dev.conch.editor.monitor;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.Engine;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * One embedded monitor on one output port: oscilloscope, spectrum analyser (log frequency, dB) or level meter.
 * An animation timer drains the engine's tap ring into a {@link MonitorModel} on every JavaFX pulse and redraws
 * at most 30 times a second. The audio thread only offers into the ring and drops when it is full, so a slow frame here never
 * reaches the sound. When the player swaps engines, the tap is made again on the new one.
 */
public final class MonitorView extends VBox {
    private static final int RING = 1 << 15;
    private static final double W = 360, H = 150;
    private static final double LOW_HZ = 20;
    private static final double TOP_DB = 0, BOTTOM_DB = -100;

    private final Endpoint port;
    private final Supplier<Engine> engines;
    private final Canvas canvas = new Canvas(W, H);
    private final ChoiceBox<MonitorKind> kind = new ChoiceBox<>();
    private final Label readout = new Label();
    private final float[][] chunk = new float[1][4096];
    private final float[] scope = new float[2048];
    private final AnimationTimer timer;
    /** A little under 1/30 s, so a 60 Hz pulse draws every second pulse and never skips two. */
    private static final long FRAME_NANOS = 30_000_000L;
    private long lastDraw;
    private Engine tapped;
    private SpscAudioRing ring;
    private MonitorModel model;
    private double heldPeak;
    private long frames;

    public MonitorView(Endpoint port, MonitorKind initial, Supplier<Engine> engines, Runnable onClose) {
        super(2);
        this.port = port;
        this.engines = engines;
        setId("monitor-" + port.node() + "-" + port.port());
        setPadding(new Insets(4));
        setStyle("-fx-background-color: #20242a; -fx-background-radius: 4;");
        Label name = new Label(port.toString());
        name.setStyle("-fx-text-fill: #e8e8e0; -fx-font-weight: bold;");
        kind.getItems().setAll(MonitorKind.values());
        kind.setValue(initial);
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(MonitorKind k) {
                return k == null ? "" : k.label();
            }

            @Override
            public MonitorKind fromString(String s) {
                return null;
            }
        });
        Button close = new Button("×");
        close.setId(getId() + "-close");
        close.setOnAction(e -> onClose.run());
        readout.setId(getId() + "-readout");
        readout.setStyle("-fx-text-fill: #c8d0c0; -fx-font-size: 11px;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(6, name, kind, gap, close);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, canvas, readout);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
        timer.start();
    }

    public Endpoint port() {
        return port;
    }

    public MonitorKind kind() {
        return kind.getValue();
    }

    public void kind(MonitorKind k) {
        kind.setValue(k);
    }

    /** The numbers drawn (null until the network plays). For tests and the readout; FX thread only. */
    public MonitorModel model() {
        return model;
    }

    /** Frames redrawn since the monitor opened. */
    public long frames() {
        return frames;
    }

    /** Stops the timer and the tap. */
    public void dispose() {
        timer.stop();
        if (tapped != null) tapped.untap(port.node(), port.port());
        tapped = null;
        ring = null;
    }

    private void tick(long now) {
        Engine e = engines.get();
        if (e != tapped) retap(e);
        if (ring != null) {
            int n;
            while ((n = ring.poll(chunk, chunk[0].length)) > 0) model.feed(chunk[0], n);
        }
        if (now - lastDraw < FRAME_NANOS) return; // 30 redraws a second are enough, and leave the FX thread time
        lastDraw = now;
        draw();
        frames++;
    }

    private void retap(Engine e) {
        if (tapped != null) tapped.untap(port.node(), port.port());
        tapped = e;
        ring = null;
        if (e == null) return;
        try {
            ring = e.tap(port.node(), port.port(), RING);
            if (model == null || model.sampleRate() != e.sampleRate()) model = new MonitorModel(e.sampleRate());
        } catch (IllegalArgumentException gone) {
            readout.setText("Not playing: " + gone.getMessage()); // the node was removed by an edit
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#15181c"));
        g.fillRect(0, 0, W, H);
        if (model == null || model.received() == 0) {
            g.setFill(Color.gray(0.6));
            g.fillText("waiting for sound: press Play", 10, H / 2);
            return;
        }
        switch (kind.getValue()) {
            case SCOPE -> drawScope(g);
            case SPECTRUM -> drawSpectrum(g);
            case LEVEL -> drawLevel(g);
        }
    }

    private void drawScope(GraphicsContext g) {
        model.latest(scope);
        // trigger on a rising zero crossing in the older half so the trace stands still on a steady tone
        int start = 0;
        for (int i = 1; i < scope.length / 2; i++) {
            if (scope[i - 1] <= 0 && scope[i] > 0) {
                start = i;
                break;
            }
        }
        int n = scope.length / 2;
        g.setStroke(Color.gray(0.3));
        g.strokeLine(0, H / 2, W, H / 2);
        g.setStroke(Color.web("#7fd17f"));
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double x = i * W / (n - 1), y = H / 2 - scope[start + i] * (H / 2 - 4);
            if (i == 0) g.moveTo(x, y);
            else g.lineTo(x, y);
        }
        g.stroke();
        readout.setText(String.format(Locale.ROOT, "RMS %.1f dBFS", db(model.rms(n))));
    }

    private void drawSpectrum(GraphicsContext g) {
        double[] db = model.spectrumDb();
        double nyquist = model.sampleRate() / 2, logSpan = Math.log(nyquist / LOW_HZ);
        g.setStroke(Color.gray(0.3));
        g.setFill(Color.gray(0.55));
        for (double f : new double[] {100, 1000, 10000}) {
            double x = W * Math.log(f / LOW_HZ) / logSpan;
            g.strokeLine(x, 0, x, H);
            g.fillText(f >= 1000 ? (int) (f / 1000) + "k" : String.valueOf((int) f), x + 2, H - 3);
        }
        g.setStroke(Color.web("#c99cf0"));
        g.beginPath();
        boolean first = true;
        // one point per pixel column: the loudest bin it covers, so narrow peaks are not lost between pixels
        for (int px = 0; px < W; px++) {
            int k0 = (int) Math.ceil(LOW_HZ * Math.exp(logSpan * px / W) / model.binHz());
            int k1 = (int) Math.floor(LOW_HZ * Math.exp(logSpan * (px + 1) / W) / model.binHz());
            k0 = Math.max(1, Math.min(k0, db.length - 1));
            k1 = Math.max(k0, Math.min(k1, db.length - 1));
            double top = BOTTOM_DB;
            for (int k = k0; k <= k1; k++) top = Math.max(top, db[k]);
            double y = H * (TOP_DB - top) / (TOP_DB - BOTTOM_DB);
            if (first) g.moveTo(px, y);
            else g.lineTo(px, y);
            first = false;
        }
        g.stroke();
        readout.setText(String.format(Locale.ROOT, "peak %.1f Hz at %.1f dB   (bin %.2f Hz)",
                model.peakHz(), db[model.peakBin()], model.binHz()));
    }

    private void drawLevel(GraphicsContext g) {
        double peak = model.drainPeak();
        heldPeak = Math.max(peak, heldPeak * 0.95); // a falling hold, about 3 dB a frame
        double rms = model.rms(4800);
        double pw = W * norm(db(heldPeak)), rw = W * norm(db(rms));
        g.setFill(Color.web("#3d7f3d"));
        g.fillRect(0, 20, rw, 40);
        g.setFill(db(heldPeak) > -1 ? Color.web("#e0503a") : Color.web("#9ad09a"));
        g.fillRect(Math.max(0, pw - 3), 20, 3, 40);
        g.setFill(Color.gray(0.6));
        for (int d = -60; d <= 0; d += 12) g.fillText(d + "", W * norm(d) - 10, 80);
        readout.setText(String.format(Locale.ROOT, "peak %.1f dBFS   RMS %.1f dBFS", db(heldPeak), db(rms)));
    }

    private static double norm(double db) {
        return Math.max(0, Math.min(1, (db + 60) / 60));
    }

    private static double db(double a) {
        return a > 0 ? 20 * Math.log10(a) : -120;
    }
}
