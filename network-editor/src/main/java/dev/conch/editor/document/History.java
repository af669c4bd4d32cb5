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

    /**
     * Every step's networks passed through {@code how}: the document moved to another folder, and undo must bring
     * back networks whose relative paths are written from there too.
     */
    void rewrite(java.util.function.UnaryOperator<NetworkSpec> how) {
        for (Deque<Step> steps : java.util.List.of(undo, redo)) {
            java.util.List<Step> all = new java.util.ArrayList<>(steps);
            steps.clear();
            for (Step s : all) steps.addLast(new Step(s.label(), how.apply(s.before()), how.apply(s.after())));
        }
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
