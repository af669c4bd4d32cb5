package dev.conch.editor.comments;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.AddComment;
import dev.conch.editor.document.ChangeComment;
import dev.conch.editor.inspector.RightClickMenu;
import dev.conch.engine.model.Comment;
import dev.conch.engine.model.NetworkSpec;
import javafx.geometry.Point2D;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network's {@code <comment>} notes, drawn behind the wires in the canvas's coordinates: right-click the
 * background → Add comment here; drag a note to move it, double-click (or right-click → Edit) to rewrite it,
 * right-click → Delete. Each change is one undo step.
 */
public final class CommentLayer extends Pane {
    private final EditorViewModel vm;
    private final Window owner;
    private TextAsker asker = this::askWithDialog;

    /** Asks for a comment's text: the dialog, or in tests an answer given in advance. */
    @FunctionalInterface
    public interface TextAsker {
        /** @return the text, or empty when cancelled */
        Optional<String> ask(String title, String current);
    }

    public CommentLayer(EditorViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        setId("comments");
        setPickOnBounds(false); // the background between notes is the canvas's (pan, rubber band)
    }

    /** Redraws the notes of {@code spec}. */
    public void show(NetworkSpec spec) {
        getChildren().clear();
        List<Comment> all = spec.comments();
        for (int i = 0; i < all.size(); i++) getChildren().add(note(i, all.get(i)));
    }

    /** The background's right-click items at a point of the network. */
    public List<MenuItem> menuAt(Point2D at) {
        MenuItem add = new MenuItem("Add comment here");
        add.setId("comment-add");
        add.setOnAction(e -> asker.ask("Add a comment", "").ifPresent(text ->
                vm.apply(new AddComment(new Comment(Math.rint(at.getX()), Math.rint(at.getY()), text.strip())))));
        return List.of(add);
    }

    public void setTextAsker(TextAsker asker) {
        this.asker = asker;
    }

    private Label note(int index, Comment c) {
        Label note = new Label(c.text());
        note.setId("comment-" + index);
        note.setWrapText(true);
        note.setMaxWidth(280);
        note.setStyle("-fx-background-color: #fff6b3; -fx-border-color: #d8c65a; -fx-padding: 6 8 6 8; "
                + "-fx-text-fill: #3d3a20; -fx-font-size: 12px;");
        note.relocate(c.x(), c.y());
        double[] press = new double[4];
        note.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
            press[0] = p.getX();
            press[1] = p.getY();
            press[2] = note.getLayoutX();
            press[3] = note.getLayoutY();
            e.consume();
        });
        note.setOnMouseDragged(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY()); // network coordinates: the zoom is above us
            note.relocate(press[2] + p.getX() - press[0], press[3] + p.getY() - press[1]);
            e.consume();
        });
        note.setOnMouseReleased(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            double x = Math.rint(note.getLayoutX()), y = Math.rint(note.getLayoutY());
            if (x != c.x() || y != c.y()) vm.apply(new ChangeComment(index, c, new Comment(x, y, c.text())));
            e.consume();
        });
        note.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) edit(index, c);
        });
        RightClickMenu.attach(note, () -> {
            MenuItem edit = new MenuItem("Edit comment...");
            edit.setId("comment-edit");
            edit.setOnAction(e -> edit(index, c));
            MenuItem delete = new MenuItem("Delete comment");
            delete.setId("comment-delete");
            delete.setOnAction(e -> vm.apply(new ChangeComment(index, c, null)));
            return new ArrayList<>(List.of(edit, delete));
        });
        return note;
    }

    private void edit(int index, Comment c) {
        asker.ask("Edit the comment", c.text()).ifPresent(text -> {
            if (!text.strip().equals(c.text())) vm.apply(new ChangeComment(index, c, new Comment(c.x(), c.y(), text.strip())));
        });
    }

    private Optional<String> askWithDialog(String title, String current) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText("A note on the canvas, saved with the network (nothing plays it)");
        TextArea text = new TextArea(current);
        text.setId("comment-text");
        text.setWrapText(true);
        text.setPrefRowCount(5);
        dialog.getDialogPane().setContent(text);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? text.getText() : null);
        // typing goes into the note at once: left on the default button, a space pressed OK with no text
        dialog.setOnShown(e -> javafx.application.Platform.runLater(text::requestFocus)); // after the dialog focuses OK
        return dialog.showAndWait();
    }
}
