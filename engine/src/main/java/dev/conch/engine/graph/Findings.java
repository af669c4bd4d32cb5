package dev.conch.engine.graph;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * What the passes find, in the order they find it: problems (the network is refused) and warnings (legal but
 * probably not meant). Every pass adds to one of these, so the user reads them in one list, file order within a pass.
 */
final class Findings {
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    void problem(Problem p) {
        problems.add(p);
    }

    void warning(Problem p) {
        warnings.add(p);
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    /** Ends compiling after a pass that found problems: later passes assume a network without them. */
    void failIfAny(String source) throws NetworkException {
        if (!problems.isEmpty()) throw new NetworkException(source == null ? "network" : source, problems);
    }
}
