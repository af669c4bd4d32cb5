package dev.conch.engine.model;

/** A param as written in the file: its text (parsed against the processor's spec by the compiler) and where. */
public record ParamValue(String text, Location location) {
    public ParamValue(String text) {
        this(text, Location.UNKNOWN);
    }
}
