package dev.conch.engine.graph;

import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the passes find, in the order they find it: problems (the network is refused) and warnings (legal but
 * probably not meant). Every pass adds to one of these, so the user reads them in one list, file order within a pass.
 */
final class Findings {
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    void problem(Problem p) {
        if (problems.stream().anyMatch(q -> sameInAnotherCopy(p, q))) return;
        problems.add(p);
    }

    /**
     * The same mistake in two copies of a cloned sub-network (a value given once for all eight): said once, since
     * the place and the fix are the same.
     */
    private static boolean sameInAnotherCopy(Problem p, Problem q) {
        Location a = p.location(), b = q.location();
        return p.node() != null && q.node() != null && !p.node().equals(q.node())
                && SubNetworks.anyCopy(p.node()).equals(SubNetworks.anyCopy(q.node()))
                && a.line() == b.line() && a.column() == b.column() && Objects.equals(a.inside(), b.inside())
                && Objects.equals(p.port(), q.port()) && p.message().equals(q.message());
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
