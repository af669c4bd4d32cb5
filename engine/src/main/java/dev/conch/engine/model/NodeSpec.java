package dev.conch.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One node: id, processor type, params in file order, editor position. */
public record NodeSpec(String id, String type, Map<String, ParamValue> params, double x, double y, Location location) {

    public NodeSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public NodeSpec(String id, String type, Map<String, ParamValue> params) {
        this(id, type, params, 0, 0, Location.UNKNOWN);
    }

    /** The params as plain texts, for {@link dev.conch.engine.runtime.ProcessorRegistry#create}. */
    public Map<String, String> paramTexts() {
        Map<String, String> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.text()));
        return m;
    }

    /** A copy with one param set (added at the end if new). */
    public NodeSpec withParam(String name, String text) {
        Map<String, ParamValue> m = new LinkedHashMap<>(params);
        ParamValue old = m.get(name);
        m.put(name, new ParamValue(text, old != null ? old.location() : Location.UNKNOWN));
        return new NodeSpec(id, type, m, x, y, location);
    }
}
