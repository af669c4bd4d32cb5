package dev.conch.editor.monitor;

import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.Engine;
import javafx.geometry.Insets;
import javafx.scene.layout.FlowPane;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The strip of open monitors under the canvas. One monitor per port (the engine keeps one tap per port): asking
 * for another kind on a port already monitored switches that monitor's kind.
 */
public final class MonitorPanel extends FlowPane {
    private final Supplier<Engine> engines;
    private final Map<Endpoint, MonitorView> open = new LinkedHashMap<>();

    public MonitorPanel(Supplier<Engine> engines) {
        super(6, 6);
        this.engines = engines;
        setId("monitors");
        setPadding(new Insets(4));
        setStyle("-fx-background-color: #cfd2c8;");
        refreshVisibility();
    }

    public MonitorView open(Endpoint port, MonitorKind kind) {
        MonitorView v = open.get(port);
        if (v != null) {
            v.kind(kind);
            return v;
        }
        MonitorView created = new MonitorView(port, kind, engines, () -> close(port));
        open.put(port, created);
        getChildren().add(created);
        refreshVisibility();
        return created;
    }

    public void close(Endpoint port) {
        MonitorView v = open.remove(port);
        if (v == null) return;
        v.dispose();
        getChildren().remove(v);
        refreshVisibility();
    }

    /** After an edit: monitors on nodes that no longer exist close (their taps went with the old engine). */
    public void retainNodes(java.util.Set<String> nodes) {
        for (Endpoint p : java.util.List.copyOf(open.keySet())) if (!nodes.contains(p.node())) close(p);
    }

    public void closeAll() {
        for (Endpoint p : java.util.List.copyOf(open.keySet())) close(p);
    }

    public Optional<MonitorView> monitor(Endpoint port) {
        return Optional.ofNullable(open.get(port));
    }

    public int count() {
        return open.size();
    }

    private void refreshVisibility() {
        setVisible(!open.isEmpty());
        setManaged(!open.isEmpty());
    }
}
