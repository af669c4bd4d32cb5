package dev.conch.editor.problems;

import dev.conch.engine.model.Problem;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * Every problem of the network, listed under the canvas (hidden while there is none): what the compiler finds
 * and a failure on the audio thread. Clicking one hands it to {@code picked} (the window selects its node).
 * Locations are left out: a line of the XML file means nothing inside the editor.
 */
public final class ProblemsPanel extends VBox {
    private static final String ERROR_COLOUR = "#b00020";
    private final Label header = new Label();
    private final ListView<Problem> list;

    public ProblemsPanel(ObservableList<Problem> problems, Consumer<Problem> picked) {
        super(2);
        setId("problems");
        setPadding(new Insets(4, 8, 4, 8));
        setStyle("-fx-background-color: #f6e7e7;");
        header.setStyle("-fx-font-weight: bold; -fx-text-fill: " + ERROR_COLOUR + ";");
        list = new ListView<>(problems);
        list.setId("problems-list");
        list.setPrefHeight(96);
        list.setCellFactory(v -> new ListCell<>() {
            {
                // a sentence longer than the list wraps onto more lines (it ran on past the edge, read only by
                // scrolling sideways): the cell takes the list's width, not its text's
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : sentence(p));
                setStyle(empty ? "" : "-fx-text-fill: " + ERROR_COLOUR + ";");
            }
        });
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null) picked.accept(p);
        });
        getChildren().addAll(header, list);
        problems.addListener((ListChangeListener<Problem>) c -> refresh(problems));
        refresh(problems);
    }

    private void refresh(ObservableList<Problem> problems) {
        header.setText(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        setVisible(!problems.isEmpty());
        setManaged(!problems.isEmpty());
    }

    /** The listed problems (tests click them). */
    public ListView<Problem> list() {
        return list;
    }

    /** "node 'shape', 'in': nothing is connected…": the problem without its file location. */
    public static String sentence(Problem p) {
        return p.sentence();
    }
}
