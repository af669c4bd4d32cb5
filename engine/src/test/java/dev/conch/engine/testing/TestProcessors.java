package dev.conch.engine.testing;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test-only processors, and a small builder for networks written in code. */
public final class TestProcessors {
    private TestProcessors() {
    }

    public static ProcessorRegistry registry() {
        return ProcessorRegistry.of(AudioOutput.class, dev.conch.engine.runtime.AudioInput.class, Ramp.class, ThreeToFive.class, FiveToThree.class, Latent.class,
                Sum.class, LoopDelay.class, Thrower.class, ControlRamp.class, Hold.class, Split.class);
    }

    /** Builds a NetworkSpec; nodes and connections get line numbers in the order they are added (1, 2, 3...). */
    public static final class Net {
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final List<Connection> connections = new ArrayList<>();
        private final List<ControlConnection> controls = new ArrayList<>();
        private int line = 1;

        public Net node(String id, String type, String... params) {
            Map<String, ParamValue> m = new LinkedHashMap<>();
            int l = line++;
            for (int i = 0; i < params.length; i += 2) m.put(params[i], new ParamValue(params[i + 1], new Location(l, 20 + i)));
            nodes.add(new NodeSpec(id, type, m, 0, 0, new Location(l, 3)));
            return this;
        }

        public Net connect(String from, String to) {
            Connection c = new Connection(from, to);
            connections.add(new Connection(c.from(), c.to(), new Location(line++, 3)));
            return this;
        }

        public Net control(String from, String to) {
            ControlConnection c = new ControlConnection(from, to);
            controls.add(new ControlConnection(c.from(), c.to(), new Location(line++, 3)));
            return this;
        }

        /** The line the next node or connection will get. */
        public int nextLine() {
            return line;
        }

        public NetworkSpec spec() {
            return new NetworkSpec("test", NetworkSpec.FORMAT_VERSION, 48000, 0, "", nodes, connections, controls);
        }
    }
}
