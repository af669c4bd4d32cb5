package dev.conch.editor.canvas;

import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.PortSpec;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/** A port dot, coloured by kind; its id ({@code port-out-filter-out}) lets tests and styles find it. */
public final class PortView extends Circle {
    private final Endpoint endpoint;
    private final PortSpec spec;
    private final boolean output;

    PortView(String node, PortSpec spec, boolean output) {
        super(6, PortColors.of(spec.kind()));
        this.endpoint = new Endpoint(node, spec.name());
        this.spec = spec;
        this.output = output;
        setId("port-" + (output ? "out" : "in") + "-" + node + "-" + spec.name());
        setStroke(Color.gray(0.2));
        Tooltip.install(this, new Tooltip(endpoint + ": " + spec.typeLabel()
                + (spec.description().isEmpty() ? "" : " (" + spec.description() + ")")));
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public PortSpec spec() {
        return spec;
    }

    public boolean output() {
        return output;
    }

    private boolean marked;

    /** A problem picked in the problems panel is about this port: a red ring until the canvas is redrawn. */
    void mark() {
        marked = true;
        setStroke(Color.web("#b00020"));
        setStrokeWidth(3);
    }

    public boolean marked() {
        return marked;
    }

    /** While a wire is dragged: compatible inputs glow, the others fade. */
    void hint(Boolean compatible) {
        setStroke(compatible == null ? Color.gray(0.2) : compatible ? Color.GOLD : Color.gray(0.75));
        setStrokeWidth(compatible != null && compatible ? 3 : 1);
        setOpacity(compatible != null && !compatible ? 0.4 : 1);
    }
}
