package dev.conch.engine.xml;

import java.util.List;
import java.util.Map;

/**
 * The words of network format versions 1 to 4 (version 2 changed which params spectral nodes take, not the
 * words; version 3 added {@code <comment>}; version 4 changed where relative file paths start): which elements may appear where and which attributes each may carry.
 * One table, so the reader's "what is allowed here" messages and the documentation cannot drift apart.
 */
final class Vocabulary {
    static final String NETWORK = "network";
    static final String DESCRIPTION = "description";
    static final String NODE = "node";
    static final String PARAM = "param";
    static final String CONNECT = "connect";
    static final String CONTROL = "control";
    static final String AUTOMATE = "automate";
    static final String MIDI = "midi";
    static final String COMMENT = "comment";
    static final String SET_VALUE = "setValueAtTime";
    static final String LINEAR_RAMP = "linearRampToValueAtTime";
    static final String EXPONENTIAL_RAMP = "exponentialRampToValueAtTime";
    static final String SET_TARGET = "setTargetAtTime";
    static final String VALUE_CURVE = "setValueCurveAtTime";

    /** Attributes allowed on each element, in the order the writer puts them. */
    static final Map<String, List<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry(NETWORK, List.of("name", "version", "sampleRate", "duration")),
            Map.entry(DESCRIPTION, List.of()),
            Map.entry(NODE, List.of("id", "type", "x", "y", "count")),
            Map.entry(PARAM, List.of("name")),
            Map.entry(CONNECT, List.of("from", "to")),
            Map.entry(CONTROL, List.of("from", "to", "mode")),
            Map.entry(AUTOMATE, List.of("param")),
            Map.entry(MIDI, List.of("cc", "note", "channel", "to")),
            Map.entry(COMMENT, List.of("x", "y")),
            // the Web Audio API's argument names
            Map.entry(SET_VALUE, List.of("value", "startTime")),
            Map.entry(LINEAR_RAMP, List.of("value", "endTime")),
            Map.entry(EXPONENTIAL_RAMP, List.of("value", "endTime")),
            Map.entry(SET_TARGET, List.of("target", "startTime", "timeConstant")),
            Map.entry(VALUE_CURVE, List.of("values", "startTime", "duration")));

    /** Child elements allowed inside each element; absent means text only. */
    static final Map<String, List<String>> CHILDREN = Map.of(
            NETWORK, List.of(DESCRIPTION, NODE, CONNECT, CONTROL, MIDI, COMMENT),
            NODE, List.of(PARAM, AUTOMATE),
            AUTOMATE, List.of(SET_VALUE, LINEAR_RAMP, EXPONENTIAL_RAMP, SET_TARGET, VALUE_CURVE));

    private Vocabulary() {
    }

    static List<String> attributes(String element) {
        return ATTRIBUTES.getOrDefault(element, List.of());
    }

    static List<String> children(String element) {
        return CHILDREN.getOrDefault(element, List.of());
    }
}
