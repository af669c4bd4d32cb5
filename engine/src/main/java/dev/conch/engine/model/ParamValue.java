package dev.conch.engine.model;

/**
 * A param as written in the file: its text (parsed against the processor's spec by the compiler) and where.
 *
 * @param base where a relative file path in the text starts; null: the folder of the network file the param is in
 *             (a sub-network's params, once inlined, and {@code --set} values carry their own). Never takes part in
 *             equality, as the location does not.
 */
public record ParamValue(String text, Location location, PathBase base) {
    public ParamValue(String text, Location location) {
        this(text, location, null);
    }

    public ParamValue(String text) {
        this(text, Location.UNKNOWN);
    }

    /**
     * Where a problem with this value is told: its line in the file, or {@code node}'s when it has none. A value typed
     * on the command line ({@code --set}, {@link PathBase#TYPED}) has no line: the one it replaced holds the file's
     * own value, and naming it sent the user to a line with nothing wrong on it.
     */
    public Location problemAt(Location node) {
        if (typed()) return Location.UNKNOWN;
        return location.known() ? location : node;
    }

    /** What a problem with this value says after its sentence: where the value came from when not from the file. */
    public String problemSource() {
        return typed() ? " (as given on the command line)" : "";
    }

    private boolean typed() {
        return base == PathBase.TYPED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamValue v && java.util.Objects.equals(text, v.text)
                && java.util.Objects.equals(location, v.location);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(text, location);
    }
}
