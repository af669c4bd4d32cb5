package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

/**
 * One change a sound designer makes to a network. Specs are immutable, so an edit is a function from the old
 * network to the new one; undo keeps the old one (see {@link History}).
 */
public interface Edit {

    /** The new network, or {@link EditRefused} with a sentence saying why the change cannot be made. */
    NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused;

    /** "connect filter.out to delay.in": shown in the Edit menu's Undo/Redo items. */
    String label();
}
