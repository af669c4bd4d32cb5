package dev.conch.engine.graph;

import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.Schedule;

import java.util.Objects;

/**
 * One step of the schedule: a node's processor, or one half of a loop-closing node ({@code kind} EMIT or ABSORB).
 * {@code name} is only what the schedule shows ({@code "d<"}, {@code "d>"}); nothing reads it back.
 *
 * <p>equals and hashCode are written out, as {@link Rational}'s are: a record's own cost every compile a first-call
 * bootstrap that no class-data cache keeps.
 *
 * @param index the step's place in the file, which breaks ties between steps ready at the same time
 */
record Step(String name, String node, Processor processor, Schedule.Kind kind, int index) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Step s && s.index == index && s.kind == kind && Objects.equals(s.processor, processor)
                && Objects.equals(s.node, node) && Objects.equals(s.name, name);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(node) * 31 + index) * 31 + (kind == null ? 0 : kind.ordinal());
    }

    /** The step that computes {@code node}'s outputs (for a split node, its emit half). */
    boolean produces() {
        return kind != Schedule.Kind.ABSORB;
    }

    /** The step that reads {@code node}'s inputs (for a split node, its absorb half). */
    boolean consumes() {
        return kind != Schedule.Kind.EMIT;
    }
}
