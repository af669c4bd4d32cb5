package dev.conch.engine.model;

/**
 * The sentences several places say about one kind of mistake, each written once here: the compiler, the reader,
 * the engine's live setters and the CLI tell a sound designer the same thing in the same words. Each returns the
 * sentence's shared part; a caller appends only what is its own (where to look, what to do).
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /** {@code " (did you mean 'near'?)"}, or nothing when there is no plausible suggestion. */
    public static String didYouMean(String near) {
        return near != null ? " (did you mean '" + near + "'?)" : "";
    }

    /** As {@link #didYouMean} for an element name: {@code " (did you mean <near>?)"}. */
    public static String didYouMeanElement(String near) {
        return near != null ? " (did you mean <" + near + ">?)" : "";
    }

    /** How a node is named in a sentence: {@code "Oscillator 'osc'"}. */
    public static String node(String type, String id) {
        return type + " '" + id + "'";
    }

    /** {@code "unknown processor type 'Oscilator' (did you mean 'Oscillator'?)"}. */
    public static String unknownType(String type, String near) {
        return "unknown processor type '" + type + "'" + didYouMean(near);
    }

    /** {@code "no node 'oss' in this network"}. */
    public static String noNode(String id) {
        return "no node '" + id + "' in this network";
    }

    /**
     * {@code "<owner> has no parameter 'freq' <purpose> (did you mean 'frequency'?)"}; {@code owner} is a node
     * ({@link #node}) or a type, {@code purpose} says what the param was wanted for (" to automate") or is empty.
     */
    public static String noParameter(String owner, String param, String purpose, String near) {
        return owner + " has no parameter '" + param + "'" + purpose + didYouMean(near);
    }

    /** {@code "<owner> has no output 'x'"} (or input): the ports' list and suggestion are the caller's. */
    public static String noPort(String owner, boolean output, String port) {
        return owner + " has no " + (output ? "output" : "input") + " '" + port + "'";
    }

    /**
     * {@code "osc.waveform is fixed when the network is compiled, so a control cannot drive it"}: a structural
     * param asked to change after compiling; {@code consequence} says what therefore cannot happen, with its own
     * leading punctuation.
     */
    public static String fixedAtCompile(String param, String consequence) {
        return param + " is fixed when the network is compiled" + consequence;
    }
}
