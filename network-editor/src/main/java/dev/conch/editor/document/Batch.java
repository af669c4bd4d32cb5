package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.List;

/** Several edits as one undo step (deleting a selection, moving several nodes): all of them or none. */
public record Batch(String label, List<Edit> edits) implements Edit {
    public Batch {
        edits = List.copyOf(edits);
    }

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        NetworkSpec s = spec;
        for (Edit e : edits) s = e.applyTo(s, registry);
        return s;
    }
}
