package dev.conch.engine.xml;

import java.util.List;
import java.util.Map;

/**
 * The words of network format version 1: which elements may appear where and which attributes each may carry.
 * One table, so the reader's "what is allowed here" messages and the documentation cannot drift apart.
 */
final class Vocabulary {
    static final String NETWORK = "network";
    static final String DESCRIPTION = "description";
    static final String NODE = "node";
    static final String PARAM = "param";
    static final String CONNECT = "connect";
    static final String CONTROL = "control";

    /** Attributes allowed on each element, in the order the writer puts them. */
    static final Map<String, List<String>> ATTRIBUTES = Map.of(
            NETWORK, List.of("name", "version", "sampleRate", "duration"),
            DESCRIPTION, List.of(),
            NODE, List.of("id", "type", "x", "y"),
            PARAM, List.of("name"),
            CONNECT, List.of("from", "to"),
            CONTROL, List.of("from", "to"));

    /** Child elements allowed inside each element; absent means text only. */
    static final Map<String, List<String>> CHILDREN = Map.of(
            NETWORK, List.of(DESCRIPTION, NODE, CONNECT, CONTROL),
            NODE, List.of(PARAM));

    private Vocabulary() {
    }

    static List<String> attributes(String element) {
        return ATTRIBUTES.getOrDefault(element, List.of());
    }

    static List<String> children(String element) {
        return CHILDREN.getOrDefault(element, List.of());
    }
}
