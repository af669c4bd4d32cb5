package dev.conch.engine.model;

import java.nio.file.Path;

/**
 * The file a network was read from, or {@link #NONE} for one built in code or read from text. Sub-network types
 * ({@code net:library/bell-voice.xml}) are relative to it. Like a {@link Location}, it never takes part in equality:
 * a network read from a file equals the same network read from its text.
 */
public record Origin(Path file) {
    public static final Origin NONE = new Origin(null);

    /** The folder relative sub-network paths start from: the file's, or the working directory. */
    public Path folder() {
        Path parent = file == null ? null : file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin;
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
