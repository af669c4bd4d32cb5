package dev.conch.editor.document;

import dev.conch.engine.model.Comment;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;

/** A note on the canvas ({@code <comment>}); a blank one is refused, as it could not be seen or clicked. */
public record AddComment(Comment comment) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        if (comment.text().isBlank()) throw new EditRefused("a comment needs some text");
        List<Comment> list = new ArrayList<>(spec.comments());
        list.add(comment);
        return spec.withComments(list);
    }

    @Override
    public String label() {
        return "add a comment";
    }
}
