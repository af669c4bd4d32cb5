package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo and redo. Specs are immutable, so each step keeps the whole network before and after: undo can never
 * drift from what the edit did, whatever the edit was.
 */
final class History {
    record Step(String label, NetworkSpec before, NetworkSpec after) {
    }

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();

    void done(Step step) {
        undo.push(step);
        redo.clear();
    }

    Step undo() {
        Step s = undo.pop();
        redo.push(s);
        return s;
    }

    Step redo() {
        Step s = redo.pop();
        undo.push(s);
        return s;
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    String undoLabel() {
        return undo.isEmpty() ? "" : undo.peek().label();
    }

    String redoLabel() {
        return redo.isEmpty() ? "" : redo.peek().label();
    }
}
