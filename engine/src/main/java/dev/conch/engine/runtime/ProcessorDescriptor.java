package dev.conch.engine.runtime;

import java.util.List;

/**
 * What a processor type offers, read from a default-configured instance: the one truth behind
 * {@code conch list}, {@code conch describe}, the editor palette and the XML validator.
 */
public record ProcessorDescriptor(String type, String category, String description, List<PortSpec> inputs,
                                  List<PortSpec> outputs, List<ParamSpec> params, boolean breaksFeedback) {

    public ParamSpec param(String name) {
        for (ParamSpec p : params) if (p.name().equals(name)) return p;
        return null;
    }
}
