package dev.conch.editor.palette;

import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Consumer;

/**
 * The quick-add box (Pd's Ctrl+1, Blender's Shift+A): a search field at the pointer showing the best match as you
 * type; Enter adds it there, Escape or clicking elsewhere closes. The same search as the palette.
 */
public final class QuickAdd {
    private final ProcessorRegistry registry;
    private final Consumer<String> add;
    private final Popup popup = new Popup();
    private final TextField field = new TextField();
    private final Label best = new Label();
    /**
     * From {@link #show} to the field's first key press: the character of the key that opened the box (Shift+A's "A")
     * is typed after it opened, into its field, and is not a search.
     */
    private boolean opening;

    public QuickAdd(ProcessorRegistry registry, Consumer<String> add) {
        this.registry = registry;
        this.add = add;
        field.setId("quick-add");
        field.setPromptText("node type");
        field.setPrefColumnCount(16);
        best.setId("quick-add-best");
        VBox box = new VBox(3, field, best);
        box.setPadding(new Insets(6));
        box.setStyle("-fx-background-color: #fafaf5; -fx-border-color: #8a8a80; -fx-effect: dropshadow(gaussian, #0006, 6, 0, 0, 2);");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        field.textProperty().addListener((o, was, now) -> best.setText(describe(now)));
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> opening = false);
        field.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (opening) e.consume();
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                e.consume();
            }
        });
        field.setOnAction(e -> {
            ProcessorDescriptor d = match(field.getText());
            if (d == null) {
                best.setText("nothing matches '" + field.getText().trim() + "'");
                return;
            }
            popup.hide();
            add.accept(d.type());
        });
    }

    /** Opens empty at a screen position (the pointer). */
    public void show(Window owner, double screenX, double screenY) {
        field.clear();
        opening = true;
        best.setText(describe(""));
        popup.show(owner, screenX, screenY);
        field.requestFocus();
    }

    public void hide() {
        popup.hide();
    }

    public boolean showing() {
        return popup.isShowing();
    }

    /** The type Enter would add for {@code text}, or null when nothing matches. */
    public ProcessorDescriptor match(String text) {
        if (text.isBlank()) return null;
        List<ProcessorDescriptor> found = Palette.matches(registry, text);
        return found.isEmpty() ? null : Palette.bestOf(found, text);
    }

    private String describe(String text) {
        if (text.isBlank()) return "type a name, Enter adds it here";
        ProcessorDescriptor d = match(text);
        return d == null ? "nothing matches" : "Enter: " + d.type() + " - " + d.description();
    }
}
