package dev.conch.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node: id, processor type, params in file order, editor position, automation timelines of its params.
 *
 * @param count how many copies of a sub-network node to make (its clones); 1 for every other node
 */
public record NodeSpec(String id, String type, Map<String, ParamValue> params, double x, double y, Location location,
                       List<Automation> automations, int count) {
    /** How a type names a network file used as a node (a sub-network): {@code net:library/bell-voice.xml}. */
    public static final String SUBNETWORK = "net:";
    /** The most copies one sub-network node makes. */
    public static final int MAX_COUNT = 128;

    public NodeSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        automations = automations == null ? List.of() : List.copyOf(automations);
    }

    public NodeSpec(String id, String type, Map<String, ParamValue> params, double x, double y, Location location,
                    List<Automation> automations) {
        this(id, type, params, x, y, location, automations, 1);
    }

    public NodeSpec(String id, String type, Map<String, ParamValue> params, double x, double y, Location location) {
        this(id, type, params, x, y, location, List.of());
    }

    public NodeSpec(String id, String type, Map<String, ParamValue> params) {
        this(id, type, params, 0, 0, Location.UNKNOWN);
    }

    /** Whether this node is a network file used as a node ({@link #SUBNETWORK}), inlined when compiling. */
    public boolean isSubNetwork() {
        return type != null && type.startsWith(SUBNETWORK);
    }

    /** A copy with {@code a} as the timeline of its param (replacing any earlier one). */
    public NodeSpec withAutomation(Automation a) {
        List<Automation> list = new ArrayList<>();
        for (Automation old : automations) if (!old.param().equals(a.param())) list.add(old);
        list.add(a);
        return new NodeSpec(id, type, params, x, y, location, list, count);
    }

    /**
     * The params as plain texts, as written (relative file paths unresolved: {@code dev.conch.engine.graph.FilePaths}
     * gives the texts a processor is created with).
     */
    public Map<String, String> paramTexts() {
        Map<String, String> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.text()));
        return m;
    }

    /** A copy with one param set (added at the end if new), as written in the network's own file. */
    public NodeSpec withParam(String name, String text) {
        return withParam(name, text, null);
    }

    /** A copy with one param set, a relative file path in it starting from {@code base} (null: the network's folder). */
    public NodeSpec withParam(String name, String text, PathBase base) {
        Map<String, ParamValue> m = new LinkedHashMap<>(params);
        ParamValue old = m.get(name);
        m.put(name, new ParamValue(text, old != null ? old.location() : Location.UNKNOWN, base));
        return new NodeSpec(id, type, m, x, y, location, automations, count);
    }
}
