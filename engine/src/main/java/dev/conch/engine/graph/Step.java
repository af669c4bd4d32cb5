package dev.conch.engine.graph;

import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.Schedule;

/**
 * One step of the schedule: a node's processor, or one half of a loop-closing node ({@code kind} EMIT or ABSORB).
 * {@code name} is only what the schedule shows ({@code "d<"}, {@code "d>"}); nothing reads it back.
 *
 * @param index the step's place in the file, which breaks ties between steps ready at the same time
 */
record Step(String name, String node, Processor processor, Schedule.Kind kind, int index) {
    /** The step that computes {@code node}'s outputs (for a split node, its emit half). */
    boolean produces() {
        return kind != Schedule.Kind.ABSORB;
    }

    /** The step that reads {@code node}'s inputs (for a split node, its absorb half). */
    boolean consumes() {
        return kind != Schedule.Kind.EMIT;
    }
}
