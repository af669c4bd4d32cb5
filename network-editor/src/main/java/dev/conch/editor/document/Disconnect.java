package dev.conch.editor.document;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;

/** Removes the connection from an output port to an input port. */
public record Disconnect(Endpoint from, Endpoint to) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        List<Connection> list = new ArrayList<>(spec.connections());
        if (!list.remove(new Connection(from, to, Location.UNKNOWN))) {
            throw new EditRefused(from + " is not connected to " + to);
        }
        return Specs.withConnections(spec, list);
    }

    @Override
    public String label() {
        return "disconnect " + from + " from " + to;
    }
}
