package dev.conch.editor;

import dev.conch.engine.model.NetworkSpec;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.Optional;

/** The questions the Edit and File menus ask about the network itself: a node's new id, the network's properties. */
final class NetworkDialogs {
    /** What the properties dialog gives back: numbers still as typed, the view-model says what is wrong with them. */
    record Properties(String name, String sampleRate, String duration, String description) {
    }

    private NetworkDialogs() {
    }

    /** The new id for {@code id}; empty when cancelled. */
    static Optional<String> newId(Window owner, String id) {
        TextInputDialog dialog = new TextInputDialog(id);
        dialog.initOwner(owner);
        dialog.setTitle("Rename node");
        dialog.setHeaderText("Rename '" + id + "': its wires, modulations and MIDI bindings follow");
        dialog.setContentText("New id:");
        dialog.getEditor().setId("rename-id");
        return dialog.showAndWait();
    }

    /** The network's name, sample rate, duration and description as edited; empty when cancelled. */
    static Optional<Properties> properties(Window owner, NetworkSpec spec) {
        Dialog<Properties> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Network properties");
        dialog.setHeaderText("The network's own attributes (a render may still override the rate and duration)");
        TextField name = field("props-name", spec.name());
        TextField rate = field("props-sample-rate", number(spec.sampleRate()));
        TextField duration = field("props-duration", spec.duration() == 0 ? "" : number(spec.duration()));
        duration.setPromptText("not given: a render needs --seconds");
        TextArea description = new TextArea(spec.description());
        description.setId("props-description");
        description.setWrapText(true);
        description.setPrefRowCount(4);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Sample rate (Hz)"), rate);
        grid.addRow(2, new Label("Duration (s)"), duration);
        grid.addRow(3, new Label("Description"), description);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? new Properties(name.getText(), rate.getText(), duration.getText(), description.getText()) : null);
        return dialog.showAndWait();
    }

    /** 48000, not 48000.0: as the file writes it. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        return f;
    }
}
