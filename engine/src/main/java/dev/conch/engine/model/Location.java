package dev.conch.engine.model;

/**
 * Where something was written in a network file (1-based line and column), or {@link #UNKNOWN} for specs
 * built in code. Locations never take part in equality: a spec read back from a saved file equals the original.
 */
public record Location(int line, int column) {
    public static final Location UNKNOWN = new Location(0, 0);

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
        return known() ? line + ":" + column : "?";
    }
}
