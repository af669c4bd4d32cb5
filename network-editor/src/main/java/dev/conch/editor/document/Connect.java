package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Connects an output port to an input port. The compiler is the judge: a kind mismatch, a spectrum of another
 * size, an input already fed or a loop without a delay is refused with the compiler's own sentence.
 */
public record Connect(Endpoint from, Endpoint to) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        List<Connection> list = new ArrayList<>(spec.connections());
        Connection c = new Connection(from, to, Location.UNKNOWN);
        if (list.contains(c)) throw new EditRefused(from + " is already connected to " + to);
        list.add(c);
        NetworkSpec next = Specs.withConnections(spec, list);
        ConnectionCheck.refuseNewProblems(spec, next, registry);
        return next;
    }

    @Override
    public String label() {
        return "connect " + from + " to " + to;
    }
}
