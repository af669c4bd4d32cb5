package dev.conch.editor.document;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.List;

/**
 * A node's ports and params as its params configure them (a mixer with inputs=4 has four inputs, an STFT's
 * spectrum size follows its fftSize): asked of the registry, not guessed from the default descriptor.
 */
public record NodeFacts(List<PortSpec> inputs, List<PortSpec> outputs, List<ParamSpec> params) {

    public static NodeFacts of(NodeSpec node, ProcessorRegistry registry) {
        return of(node, registry, Origin.NONE);
    }

    /**
     * As {@link #of(NodeSpec, ProcessorRegistry)} in a network read from {@code origin}, which a sub-network node's
     * file is relative to: its inlets, outlets and knobs ({@link SubNetworks#describe}).
     */
    public static NodeFacts of(NodeSpec node, ProcessorRegistry registry, Origin origin) {
        if (node.isSubNetwork()) {
            ProcessorDescriptor d = SubNetworks.descriptor(node.type(), origin, registry);
            return d == null ? new NodeFacts(List.of(), List.of(), List.of()) : new NodeFacts(d.inputs(), d.outputs(), d.params());
        }
        if (!registry.has(node.type())) return new NodeFacts(List.of(), List.of(), List.of());
        var p = registry.create(node.type(), node.paramTexts()).processor();
        return new NodeFacts(p.inputs().stream().map(Input::spec).toList(),
                p.outputs().stream().map(Output::spec).toList(),
                p.params().stream().map(Param::spec).toList());
    }
}
