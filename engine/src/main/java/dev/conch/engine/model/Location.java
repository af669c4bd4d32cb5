package dev.conch.engine.model;

/**
 * Where something was written in a network file (1-based line and column), or {@link #UNKNOWN} for specs
 * built in code. Locations never take part in equality: a spec read back from a saved file equals the original.
 *
 * @param inside for what a sub-network brought in: where it was written in the sub-network's file, as
 *               {@code library/bell-voice.xml:8:3} (nested ones follow, comma-separated); null for the file itself.
 *               Line and column are then those of the including node, so a message points at both files.
 */
public record Location(int line, int column, String inside) {
    public static final Location UNKNOWN = new Location(0, 0);

    public Location(int line, int column) {
        this(line, column, null);
    }

    /** This location (of a node including {@code file}) holding {@code inner}, a location in that file. */
    public Location holding(String file, Location inner) {
        String here = file + (inner.known() ? ":" + inner.line() + ":" + inner.column() : "");
        return new Location(line, column, inner.inside() == null ? here : here + ", " + inner.inside());
    }

    public boolean known() {
        return line > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return (known() ? line + ":" + column : "?") + (inside == null ? "" : " (in " + inside + ")");
    }
}
