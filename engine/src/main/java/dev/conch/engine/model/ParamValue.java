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
