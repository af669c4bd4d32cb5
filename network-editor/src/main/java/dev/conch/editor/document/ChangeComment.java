package dev.conch.editor.document;

import dev.conch.engine.model.Comment;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The comment at {@code index}, which must still be {@code was}, moved, rewritten, or removed ({@code now} null).
 * Comments have no id: the index says which, {@code was} makes sure it is still the one the user saw.
 */
public record ChangeComment(int index, Comment was, Comment now) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        List<Comment> list = new ArrayList<>(spec.comments());
        if (index < 0 || index >= list.size() || !list.get(index).equals(was)) {
            throw new EditRefused("that comment is no longer on the canvas");
        }
        if (now == null) {
            list.remove(index);
        } else {
            if (now.text().isBlank()) throw new EditRefused("a comment needs some text (Delete removes it)");
            list.set(index, now);
        }
        return spec.withComments(list);
    }

    @Override
    public String label() {
        if (now == null) return "remove a comment";
        return now.text().equals(was.text()) ? "move a comment" : "edit a comment";
    }
}
