package dev.conch.editor.document;

import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.List;

/** Switches how a modulation combines with its param: replace, add or multiply. */
public record SetControlMode(Endpoint param, ControlMode mode) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        if (spec.controls().stream().noneMatch(c -> c.to().equals(param))) throw new EditRefused(param + " is not modulated");
        List<ControlConnection> list = spec.controls().stream()
                .map(c -> c.to().equals(param) ? new ControlConnection(c.from(), c.to(), mode, c.location()) : c).toList();
        return Specs.with(spec, spec.nodes(), spec.connections(), list, spec.midi());
    }

    @Override
    public String label() {
        return "switch the modulation of " + param + " to " + mode.word();
    }
}
