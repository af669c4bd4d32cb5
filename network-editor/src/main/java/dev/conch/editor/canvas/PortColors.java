package dev.conch.editor.canvas;

import dev.conch.engine.runtime.PortKind;
import javafx.scene.paint.Color;

/** One colour per port kind, the same on ports and wires, so a mismatch is visible before it is refused. */
public final class PortColors {
    private PortColors() {
    }

    public static Color of(PortKind kind) {
        return switch (kind) {
            case AUDIO -> Color.web("#3b82c4");
            case SPECTRUM -> Color.web("#b05cc8");
            case CONTROL -> Color.web("#3aa357");
        };
    }
}
