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

    /**
     * bell-choir's 8 cloned bells run as bells#0/bell ... bells#7/bell and their Sum bells/out: the node on the
     * canvas showed no load at all. Its load is theirs together.
     */
    @Test
    void aSubNetworkNodesLoadIsItsInlinedNodesTogether() throws Exception {
        NetworkSpec spec = NetworkXml.read(GLASS.resolveSibling("bell-choir.xml"));
        Player player = new Player(ProcessorRegistry.load());
        NodeLoad load = new NodeLoad();
        try {
            player.start(spec, "null");
            load.sample(player.engine());
            Map<String, Double> loads = Map.of();
            for (int i = 0; i < 50 && loads.isEmpty(); i++) {
                Thread.sleep(100);
                loads = load.sample(player.engine());
            }
            double inner = 0;
            int copies = 0;
            for (var e : loads.entrySet()) {
                if (e.getKey().startsWith("bells#") || e.getKey().startsWith("bells/")) inner += e.getValue();
                if (e.getKey().matches("bells#\\d/bell")) copies++;
            }
            assertEquals(8, copies, "every copy timed: " + loads);
            assertTrue(loads.containsKey("bells"), "the node on the canvas has a load: " + loads);
            assertEquals(inner, loads.get("bells"), 1e-12);
            assertTrue(inner > 0, loads.toString());
        } finally {
            player.stop();
        }
    }
}
