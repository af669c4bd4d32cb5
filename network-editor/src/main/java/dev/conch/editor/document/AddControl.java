package dev.conch.editor.document;

import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * A control output modulating a param ({@code <control from to mode>}). As with {@link Connect}, the compiler is
 * the judge: an audio output, a param that cannot change live, or one already driven is refused in its words.
 */
public record AddControl(Endpoint from, Endpoint param, ControlMode mode) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        Specs.node(spec, from.node());
        Specs.node(spec, param.node());
        List<ControlConnection> list = new ArrayList<>(spec.controls());
        list.add(new ControlConnection(from, param, mode, Location.UNKNOWN));
        NetworkSpec next = Specs.with(spec, spec.nodes(), spec.connections(), list, spec.midi());
        ConnectionCheck.refuseNewProblems(spec, next, registry);
        return next;
    }

    @Override
    public String label() {
        return "modulate " + param + " with " + from + " (" + mode.word() + ")";
    }
}
