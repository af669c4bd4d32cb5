package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

/** The whole network replaced (a recovered autosave): an ordinary undo step, so the file's version is one undo away. */
public record ReplaceNetwork(NetworkSpec next, String label) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) {
        // it stands in the document's place: its relative paths (written from the document's folder) start there,
        // not from wherever the copy was kept
        return next.withOrigin(spec.origin());
    }
}
