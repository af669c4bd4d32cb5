package dev.conch.editor.document;

import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.List;

/**
 * A node's ports and params as its params configure them (a mixer with inputs=4 has four inputs, an STFT's
 * spectrum size follows its fftSize): asked of the registry, not guessed from the default descriptor.
 */
public record NodeFacts(List<PortSpec> inputs, List<PortSpec> outputs, List<ParamSpec> params) {

    public static NodeFacts of(NodeSpec node, ProcessorRegistry registry) {
        if (!registry.has(node.type())) return new NodeFacts(List.of(), List.of(), List.of());
        var p = registry.create(node.type(), node.paramTexts()).processor();
        return new NodeFacts(p.inputs().stream().map(Input::spec).toList(),
                p.outputs().stream().map(Output::spec).toList(),
                p.params().stream().map(Param::spec).toList());
    }
}
