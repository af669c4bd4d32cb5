package dev.conch.engine.model;

import java.util.List;

/** A network that cannot be read or compiled, with every problem found (not just the first). */
public final class NetworkException extends Exception {
    private final String source;
    private final List<Problem> problems;

    public NetworkException(String source, List<Problem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or "network") the problems are in. */
    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(String source, List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems").append(" in ").append(source);
        for (Problem p : problems) sb.append("\n  ").append(source).append(':').append(p.describe());
        return sb.toString();
    }
}
