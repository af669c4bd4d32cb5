package dev.conch.engine.runtime;

/** How a parameter's text in the network file is read. */
public enum ParamType {
    /** A real number within [min, max]. */
    NUMBER,
    /** A whole number within [min, max]. */
    INTEGER,
    /** One of a fixed list of words; its value is the word's index. */
    CHOICE,
    /** true/false (also on/off, yes/no, 1/0). */
    BOOLEAN,
    /** Free text: a file path, a breakpoint table. Changing it needs a recompile, never a live change. */
    TEXT
}
