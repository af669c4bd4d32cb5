package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

/** Sets one param's text, checked against the processor's declared range, unit or choices first. */
public record SetParam(String node, String param, String text) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        NodeSpec n = Specs.node(spec, node);
        // as the node's params configure it: a Constant's value takes its own min to max, not the default 0 to 1;
        // a sub-network's params are its knobs, read from its file beside this network's
        ParamSpec p = NodeFacts.of(n, registry, spec.origin()).params().stream().filter(k -> k.name().equals(param))
                .findFirst().orElse(null);
        if (p == null) {
            throw new EditRefused(dev.conch.engine.model.Diagnostics.noParameter(
                    dev.conch.engine.model.Diagnostics.node(n.type(), node), param, "", null));
        }
        try {
            p.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EditRefused("node '" + node + "', " + param + ": " + e.getMessage());
        }
        return spec.withParam(node, param, text.trim());
    }

    @Override
    public String label() {
        return "set " + node + "." + param + " to " + text.trim();
    }
}
