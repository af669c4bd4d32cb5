package dev.conch.editor.monitor;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.SpectrumFormat;
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
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
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
    private final double[] columns = new double[(int) W];
    private final double[] rows = new double[(int) H];
    private final int[] pixels = new int[(int) W * (int) H];
    private final WritableImage image = new WritableImage((int) W, (int) H);
    private final AnimationTimer timer;
    /** A little under 1/30 s, so a 60 Hz pulse draws every second pulse and never skips two. */
    private static final long FRAME_NANOS = 30_000_000L;
    private long lastDraw;
    private Engine tapped;
    /** The output tapped in {@link #tapped}'s network: the port itself, or what gives a sub-network node's output. */
    private Endpoint at;
    private SpscAudioRing ring;
    private MonitorModel model;
    /** Set instead of {@link #model} when the port carries spectrum frames (known once tapped). */
    private SpectrumFrames frameModel;
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

    /** The frames of a spectrum port (null for an audio or control port, or until the network plays). FX thread. */
    public SpectrumFrames frameModel() {
        return frameModel;
    }

    /** Frames redrawn since the monitor opened. */
    public long frames() {
        return frames;
    }

    /** Stops the timer and the tap. */
    public void dispose() {
        timer.stop();
        if (tapped != null && at != null) tapped.untap(at.node(), at.port());
        tapped = null;
        ring = null;
    }

    private void tick(long now) {
        Engine e = engines.get();
        if (e != tapped) retap(e);
        if (ring != null) {
            int n;
            while ((n = ring.poll(chunk, chunk[0].length)) > 0) {
                if (frameModel != null) frameModel.feed(chunk[0], n);
                else model.feed(chunk[0], n);
            }
        }
        if (now - lastDraw < FRAME_NANOS) return; // 30 redraws a second are enough, and leave the FX thread time
        lastDraw = now;
        draw();
        frames++;
    }

    private void retap(Engine e) {
        if (tapped != null && at != null) tapped.untap(at.node(), at.port());
        tapped = e;
        ring = null;
        at = null;
        if (e == null) return;
        // a sub-network node is inlined when compiled: its output is an inner node's (or its copies' sum)
        Endpoint flat = e.network().flatOutput(port);
        if (flat == null && inlined(e, port.node())) {
            readout.setText("Not computed: nothing is connected to " + port + ", so the network does not make it");
            return;
        }
        at = flat == null ? port : flat;
        try {
            dev.conch.engine.runtime.Processor p = e.network().processors().get(at.node());
            var out = p == null ? null : p.output(at.port());
            dev.conch.engine.runtime.SpectrumFormat format = out == null ? null : out.spec().format();
            if (format != null) { // a spectrum stream: its frames as they are, in its own framing
                if (frameModel == null || !frameModel.format().equals(format) || frameModel.sampleRate() != e.sampleRate()) {
                    frameModel = new SpectrumFrames(format, e.sampleRate());
                }
                model = null;
                onlySpectra();
                ring = e.tap(at.node(), at.port(), SpectrumFrames.ringFloats(format, e.maxBlock()));
                return;
            }
            frameModel = null;
            ring = e.tap(at.node(), at.port(), RING);
            if (model == null || model.sampleRate() != e.sampleRate()) model = new MonitorModel(e.sampleRate());
        } catch (IllegalArgumentException gone) {
            readout.setText("Not playing: " + gone.getMessage()); // the node was removed by an edit
        }
    }

    /** Whether {@code node} was a sub-network node of what {@code e} plays: its nodes are there under its id. */
    private static boolean inlined(Engine e, String node) {
        return e.network().processors().keySet().stream().anyMatch(id -> node.equals(SubNetworks.ownerOf(id)));
    }

    /**
     * A spectrum stream has no waveform and no level: its monitor is a spectrum or a spectrogram (a scope or meter
     * asked for shows the spectrum).
     */
    private void onlySpectra() {
        MonitorKind k = kind.getValue();
        kind.getItems().setAll(MonitorKind.SPECTRUM, MonitorKind.SPECTROGRAM);
        kind.setValue(k == MonitorKind.SPECTROGRAM ? k : MonitorKind.SPECTRUM);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#15181c"));
        g.fillRect(0, 0, W, H);
        if (frameModel != null && frameModel.frames() > 0) {
            if (kind.getValue() == MonitorKind.SPECTROGRAM) drawSpectrogram(g, frameModel);
            else drawSpectrum(g, frameModel);
            SpectrumFormat f = frameModel.format();
            readout.setText(readout.getText() + String.format(Locale.ROOT, "   %d-point frames, hop %d", f.fftSize(), f.hop()));
            return;
        }
        if (model == null || model.received() == 0) {
            g.setFill(Color.gray(0.6));
            g.fillText("waiting for sound: press Play", 10, H / 2);
            return;
        }
        switch (kind.getValue()) {
            case SCOPE -> drawScope(g);
            case SPECTRUM -> drawSpectrum(g, model);
            case SPECTROGRAM -> drawSpectrogram(g, model);
            case LEVEL -> drawLevel(g);
            case VALUE -> drawValue(g);
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

    private void drawSpectrum(GraphicsContext g, Spectrum model) {
        double[] db = model.spectrumDb();
        double nyquist = model.sampleRate() / 2, logSpan = Math.log(nyquist / LOW_HZ);
        g.setStroke(Color.gray(0.3));
        g.setFill(Color.gray(0.55));
        for (double f : new double[] {100, 1000, 10000}) {
            double x = W * Math.log(f / LOW_HZ) / logSpan;
            g.strokeLine(x, 0, x, H);
            g.fillText(f >= 1000 ? (int) (f / 1000) + "k" : String.valueOf((int) f), x + 2, H - 3);
        }
        LogAxis.cells(db, model.binHz(), LOW_HZ, nyquist, columns);
        g.setStroke(Color.web("#c99cf0"));
        g.beginPath();
        for (int px = 0; px < columns.length; px++) {
            double y = H * (TOP_DB - Math.max(BOTTOM_DB, columns[px])) / (TOP_DB - BOTTOM_DB);
            if (px == 0) g.moveTo(px, y);
            else g.lineTo(px, y);
        }
        g.stroke();
        readout.setText(String.format(Locale.ROOT, "peak %.1f Hz at %.1f dB   (bin %.2f Hz)",
                model.peakHz(), db[model.peakBin()], model.binHz()));
    }

    /** Time scrolls left, one pixel column a frame; rows are log frequency (20 Hz at the bottom), colour is dB. */
    private void drawSpectrogram(GraphicsContext g, Spectrum model) {
        double[] db = model.spectrumDb();
        LogAxis.cells(db, model.binHz(), LOW_HZ, model.sampleRate() / 2, rows);
        int w = (int) W, h = (int) H;
        for (int y = 0; y < h; y++) {
            System.arraycopy(pixels, y * w + 1, pixels, y * w, w - 1);
            pixels[y * w + w - 1] = heat(rows[h - 1 - y]);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        g.drawImage(image, 0, 0);
        readout.setText(String.format(Locale.ROOT, "peak %.1f Hz at %.1f dB   (20 Hz to %.0f Hz, log)",
                model.peakHz(), db[model.peakBin()], model.sampleRate() / 2));
    }

    /** Black through purple and orange to pale yellow over -100..0 dB. */
    private static int heat(double db) {
        double t = Math.max(0, Math.min(1, (db - BOTTOM_DB) / (TOP_DB - BOTTOM_DB)));
        int r = (int) (255 * Math.min(1, 1.6 * t)), gr = (int) (255 * Math.max(0, Math.min(1, 2.2 * t - 1.0)));
        int b = (int) (255 * Math.max(0, Math.min(1, t < 0.4 ? 1.5 * t : 1.8 - 2 * t + Math.max(0, 4 * t - 3.4))));
        return 0xff000000 | (r << 16) | (gr << 8) | b;
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

    /** The latest value large, over the trace of the last samples scaled to their own range (a control is rarely in ±1). */
    private void drawValue(GraphicsContext g) {
        model.latest(scope);
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : scope) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi - lo > 1e-9 ? hi - lo : 1, base = hi - lo > 1e-9 ? lo : lo - 0.5;
        g.setStroke(Color.web("#e0c060"));
        g.beginPath();
        for (int i = 0; i < scope.length; i++) {
            double x = i * W / (scope.length - 1), y = H - 8 - (scope[i] - base) / span * (H - 56);
            if (i == 0) g.moveTo(x, y);
            else g.lineTo(x, y);
        }
        g.stroke();
        float now = scope[scope.length - 1];
        g.setFill(Color.web("#f0f0e8"));
        g.setFont(javafx.scene.text.Font.font("monospace", 26));
        g.fillText(String.format(Locale.ROOT, "%.6g", now), 10, 34);
        g.setFont(javafx.scene.text.Font.getDefault());
        readout.setText(String.format(Locale.ROOT, "value %.6g   (%.6g to %.6g lately)", now, lo, hi));
    }

    private static double norm(double db) {
        return Math.max(0, Math.min(1, (db + 60) / 60));
    }

    private static double db(double a) {
        return a > 0 ? 20 * Math.log10(a) : -120;
    }
}
