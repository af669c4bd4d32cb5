package dev.conch.editor.panel;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.midi.MidiControl;
import dev.conch.editor.transport.Player;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The performance panel in a window of its own: the editor's View › Performance panel, or {@code conch play --panel}. */
public final class PanelWindow {
    private final Stage stage;
    private final PerformancePanel panel;
    private final ScrollPane scroll;

    PanelWindow(Stage stage, PerformancePanel panel, Node bottom) {
        this.stage = stage;
        this.panel = panel;
        this.scroll = new ScrollPane(panel);
        scroll.setFitToWidth(true);
        stage.setScene(new Scene(new BorderPane(scroll, null, null, bottom, null)));
    }

    /** As large as the knobs need, up to most of a screen (the rest scrolls): measured once the skins exist. */
    private void fit() {
        Parent root = stage.getScene().getRoot();
        root.applyCss();
        root.layout();
        scroll.setPrefViewportWidth(Math.min(1400, Math.max(640, panel.prefWidth(-1))));
        scroll.setPrefViewportHeight(Math.min(800, Math.max(120, panel.prefHeight(-1))));
        stage.sizeToScene();
    }

    /**
     * The editor's panel: a released knob is a document edit (one undo step, which the player follows live), a
     * dragged one goes straight to the playing engine's control queue; it follows the document.
     */
    public static PanelWindow forEditor(Window owner, EditorViewModel vm, Player player, MidiControl midi) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.titleProperty().bind(vm.titleProperty().map(t -> "Performance panel: " + t));
        PerformancePanel panel = new PerformancePanel(vm.registry(), new PerformancePanel.Actions() {
            @Override
            public String commit(String node, String param, String text) {
                return vm.setParam(node, param, text);
            }

            @Override
            public void live(String node, String param, double value) {
                if (!player.playing()) return;
                try {
                    player.set(node, param, value);
                } catch (IllegalArgumentException notLiveYet) {
                    // a knob added since Play: the release's document edit swaps it in
                }
            }

            @Override
            public java.util.List<javafx.scene.control.MenuItem> menu(String node, String param) {
                return midi.menu(node, param);
            }
        });
        panel.show(vm.spec());
        vm.specProperty().addListener((o, was, now) -> panel.show(now));
        panel.followMidi(midi::takeMoved);
        return new PanelWindow(stage, panel, null);
    }

    public void show() {
        if (!stage.isShowing()) fit();
        stage.show();
        stage.toFront();
    }

    public boolean showing() {
        return stage.isShowing();
    }

    public void close() {
        stage.close();
    }

    public PerformancePanel panel() {
        return panel;
    }

    public Stage stage() {
        return stage;
    }
}
