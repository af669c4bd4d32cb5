package dev.conch.engine.model;

import java.util.Locale;

/** How a control connection combines with the param it drives. */
public enum ControlMode {
    /** The control value is the param's value. */
    REPLACE,
    /** The param's own value plus the control value (an LFO around a set cutoff). */
    ADD,
    /** The param's own value times the control value (an envelope on a gain). */
    MULTIPLY;

    /** The word used in network files: replace, add, multiply. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for a file's word, or null. */
    public static ControlMode of(String word) {
        for (ControlMode m : values()) if (m.word().equals(word)) return m;
        return null;
    }
}
