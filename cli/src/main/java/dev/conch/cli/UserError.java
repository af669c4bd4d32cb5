package dev.conch.cli;

import java.util.List;

/**
 * A mistake the user can fix (a missing file, a bad option, a broken network): printed as plain sentences on
 * stderr, exit code 2, no stack trace.
 */
final class UserError extends Exception {
    private final List<String> lines;

    UserError(String sentence) {
        this(List.of(sentence));
    }

    UserError(List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.lines = List.copyOf(lines);
    }

    List<String> lines() {
        return lines;
    }
}
