package dev.conch.editor.inspector;

import javafx.scene.control.TextField;

import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A param's text field (the inspector's, a performance panel knob's) that commits what was typed on Enter and also
 * when the person leaves it (Tab, a click on the canvas or on another field) with text it has not tried yet. Without
 * the second, a value typed and left showed in the field while the network kept the old one, and a save wrote the
 * old one.
 *
 * <p>A field from an earlier show of its view (its node re-shown after an edit, an undo) is dead: leaving it then
 * commits nothing, as its text may be older than the network.
 */
public final class TypedText {
    private final TextField field;
    private final Consumer<String> commit;
    private final IntSupplier generation;
    private final int built;
    /** The text last committed or shown: leaving with it commits nothing. */
    private String tried;

    private TypedText(TextField field, Consumer<String> commit, IntSupplier generation) {
        this.field = field;
        this.commit = commit;
        this.generation = generation;
        this.built = generation.getAsInt();
        this.tried = field.getText();
    }

    /**
     * Wires {@code field} to {@code commit}; {@code generation} counts the inspector's shows. {@code typing} is told of
     * the field when it takes the focus, so that a command can commit it first ({@link Inspector#commitTyping}).
     */
    public static void wire(TextField field, Consumer<String> commit, IntSupplier generation, Consumer<TypedText> typing) {
        TypedText t = new TypedText(field, commit, generation);
        field.setOnAction(e -> {
            t.tried = field.getText();
            commit.accept(t.tried);
        });
        field.focusedProperty().addListener((o, was, now) -> {
            if (now) typing.accept(t);
            else t.commitIfChanged();
        });
    }

    /** Commits the field's text if it is new and the field still shows the network as it is. */
    public void commitIfChanged() {
        if (built != generation.getAsInt() || field.getText().equals(tried)) return;
        tried = field.getText();
        commit.accept(tried);
    }
}
