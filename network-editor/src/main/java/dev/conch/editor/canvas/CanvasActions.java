package dev.conch.editor.canvas;

import dev.conch.editor.monitor.MonitorKind;
import dev.conch.engine.model.Endpoint;

/** What the canvas asks of the editor; the editor turns each into a document edit (or a refusal in the status bar). */
public interface CanvasActions {
    void connect(Endpoint from, Endpoint to);

    void moved(String node, double x, double y);

    void selected(String node);

    /** Open a monitor of this kind on an output port. */
    void monitor(Endpoint port, MonitorKind kind);
}
