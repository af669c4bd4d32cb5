package dev.conch.engine.runtime;

/** How often a processor reads a parameter, which is how finely live changes and control connections act on it. */
public enum ParamRate {
    /** Read once per process call. */
    BLOCK,
    /** Read every sample through {@link Param#next()}: sample-accurate, smoothed if the spec says so. */
    SAMPLE
}
