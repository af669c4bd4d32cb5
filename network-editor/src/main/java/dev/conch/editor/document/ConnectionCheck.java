package dev.conch.editor.document;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asks the compiler whether a structural edit breaks the network. A network being built is often incomplete
 * (a new node's input not yet wired), so only problems the edit itself introduces refuse it.
 */
final class ConnectionCheck {
    /** The block size the check compiles for; any legal one finds the same structural problems. */
    private static final int CHECK_BLOCK = 256;

    private ConnectionCheck() {
    }

    static void refuseNewProblems(NetworkSpec before, NetworkSpec after, ProcessorRegistry registry) throws EditRefused {
        Set<String> old = problems(before, registry).stream().map(Problem::describe).collect(Collectors.toSet());
        List<String> fresh = new ArrayList<>();
        for (Problem p : problems(after, registry)) if (!old.contains(p.describe())) fresh.add(p.sentence());
        if (!fresh.isEmpty()) throw new EditRefused(String.join("; ", fresh));
    }

    /** Every problem the compiler finds (none when it compiles). */
    static List<Problem> problems(NetworkSpec spec, ProcessorRegistry registry) {
        try {
            NetworkCompiler.compile(spec, registry, CHECK_BLOCK);
            return List.of();
        } catch (NetworkException e) {
            return e.problems();
        }
    }

}
