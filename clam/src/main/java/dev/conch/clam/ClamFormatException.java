package dev.conch.clam;

import dev.conch.engine.model.Location;

/** A file that is not a CLAM network at all (not XML, another root, a processing without id or type). */
public final class ClamFormatException extends Exception {
    private final Location location;

    ClamFormatException(Location location, String sentence) {
        super(sentence, null, false, false);
        this.location = location;
    }

    /** Where in the file, or {@link Location#UNKNOWN}. */
    public Location location() {
        return location;
    }

    /** {@code source:line:col: what}, the file named as the user named it. */
    public String sentence(String source) {
        return source + ":" + (location.known() ? location.line() + ":" + location.column() + ":" : "") + " " + getMessage();
    }
}
