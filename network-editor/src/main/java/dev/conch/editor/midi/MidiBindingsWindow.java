package dev.conch.editor.midi;

import dev.conch.editor.document.MidiWords;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Consumer;

/** MIDI → Bindings: the network's {@code <midi>} bindings, following the document, each removable (one undo step). */
public final class MidiBindingsWindow {
    private final Stage stage = new Stage();
    private final ListView<MidiBinding> list = new ListView<>();

    public MidiBindingsWindow(Window owner, ReadOnlyObjectProperty<NetworkSpec> spec, Consumer<MidiBinding> remove) {
        stage.initOwner(owner);
        stage.setTitle("MIDI bindings");
        list.setId("midi-bindings");
        list.setPrefSize(420, 220);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(MidiBinding m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : MidiWords.of(m) + "  →  " + m.to());
            }
        });
        list.setPlaceholder(new Label("No bindings: right-click a param (inspector or performance panel) → Learn MIDI"));
        Button removeButton = new Button("Remove");
        removeButton.setId("midi-remove");
        removeButton.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        removeButton.setOnAction(e -> {
            MidiBinding m = list.getSelectionModel().getSelectedItem();
            if (m != null) remove.accept(m);
        });
        list.getItems().setAll(spec.get().midi());
        spec.addListener((o, was, now) -> list.getItems().setAll(now.midi()));
        VBox root = new VBox(8, list, new HBox(8, removeButton));
        root.setPadding(new Insets(10));
        stage.setScene(new Scene(root));
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public void close() {
        stage.close();
    }

    public ListView<MidiBinding> list() {
        return list;
    }
}
