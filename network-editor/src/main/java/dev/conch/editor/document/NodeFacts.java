package dev.conch.editor.document;

import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.xml.NetworkXml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
            NetworkSpec inner = read(SubNetworks.resolve(node.type(), origin));
            if (inner == null) return new NodeFacts(List.of(), List.of(), List.of());
            ProcessorDescriptor d = SubNetworks.describe(node.type(), inner, registry);
            List<ParamSpec> params = new ArrayList<>(d.params());
            for (String name : node.params().keySet()) {
                ParamSpec p = pathParam(name, inner, registry);
                if (p != null) params.add(p);
            }
            return new NodeFacts(d.inputs(), d.outputs(), params);
        }
        if (!registry.has(node.type())) return new NodeFacts(List.of(), List.of(), List.of());
        // its file params resolved from the network's folder, as compiling does: a reader's ports follow its file
        var p = registry.create(node.type(), FilePaths.texts(node, registry, new PathBase(origin.file(), false)))
                .processor();
        return new NodeFacts(p.inputs().stream().map(Input::spec).toList(),
                p.outputs().stream().map(Output::spec).toList(),
                p.params().stream().map(Param::spec).toList());
    }

    /** The network a sub-network type names, or null when it is missing or broken (compiling says why). */
    private static NetworkSpec read(Path file) {
        if (file == null) return null;
        try {
            return NetworkXml.read(file);
        } catch (NetworkException | IOException e) {
            return null;
        }
    }

    /**
     * An inner node's param a sub-network node sets by its path ({@code filter.q}), as that node declares it under
     * the path's name, its default the inner node's own value; null when the path names no param inside.
     */
    private static ParamSpec pathParam(String name, NetworkSpec inner, ProcessorRegistry registry) {
        int dot = name.lastIndexOf('.');
        NodeSpec target = dot > 0 ? inner.node(name.substring(0, dot)).orElse(null) : null;
        if (target == null || !registry.has(target.type())) return null;
        ParamSpec s = registry.descriptor(target.type()).param(name.substring(dot + 1));
        if (s == null) return null;
        var own = target.params().get(s.name());
        return new ParamSpec(name, s.type(), s.unit(), s.min(), s.max(), own != null ? own.text() : s.defaultText(),
                s.choices(), s.rate(), s.smoothingMs(), s.structural(), "param " + s.name() + " of the inner node "
                + target.id(), s.scale(), s.step(), s.powersOfTwo(), s.file());
    }
}
