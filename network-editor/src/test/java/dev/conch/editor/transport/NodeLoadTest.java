package dev.conch.editor.transport;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Per-node load while glass-drone plays through the paced null driver: every node reported, sane fractions. */
class NodeLoadTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");

    @Test
    void everyNodeGetsAShareOfTheDeadline() throws Exception {
        NetworkSpec spec = NetworkXml.read(GLASS);
        Player player = new Player(ProcessorRegistry.load());
        NodeLoad load = new NodeLoad();
        try {
            player.start(spec, "null");
            assertTrue(load.sample(player.engine()).isEmpty(), "the first sample is the baseline");
            Map<String, Double> loads = Map.of();
            for (int i = 0; i < 50 && loads.isEmpty(); i++) {
                Thread.sleep(100);
                loads = load.sample(player.engine());
            }
            System.out.println("node loads (fraction of the deadline): " + loads);
            for (NodeSpec n : spec.nodes()) assertTrue(loads.containsKey(n.id()), n.id() + " missing from " + loads);
            double sum = 0;
            for (double v : loads.values()) {
                assertTrue(v >= 0 && Double.isFinite(v), "a load is a non-negative fraction: " + loads);
                sum += v;
            }
            assertTrue(sum > 0, "the nodes took some time: " + loads);
            assertTrue(load.sample(null).isEmpty(), "stopped: nothing to show");
        } finally {
            player.stop();
        }
    }
}
