package dev.conch.editor.document;

import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.List;

/** Removes the modulation of a param (a param has at most one: the compiler refuses a second). */
public record RemoveControl(Endpoint param) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        List<ControlConnection> kept = spec.controls().stream().filter(c -> !c.to().equals(param)).toList();
        if (kept.size() == spec.controls().size()) throw new EditRefused(param + " is not modulated");
        return Specs.with(spec, spec.nodes(), spec.connections(), kept, spec.midi());
    }

    @Override
    public String label() {
        return "remove the modulation of " + param;
    }
}
