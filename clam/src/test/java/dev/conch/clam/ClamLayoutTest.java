package dev.conch.clam;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imported networks open with their boxes apart: over CLAM's whole corpus, no two nodes' boxes (at the size the editor
 * draws them at most) overlap, and a network that had to be laid out runs left to right.
 */
class ClamLayoutTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @Test
    void noTwoBoxesOfAnImportOverlap() throws Exception {
        assumeTrue(Files.isDirectory(ClamCorpus.root()), "CLAM's networks are not beside the project");
        int imported = 0, laidOut = 0;
        List<String> overlapping = new ArrayList<>();
        for (Path file : ClamCorpus.all()) {
            NetworkSpec spec;
            try {
                spec = ClamImporter.read(file, file.toString(), REGISTRY).spec();
            } catch (ClamFormatException e) {
                continue; // not a network this importer reads: no canvas to lay out
            }
            imported++;
            Map<String, Integer> ports = ClamLayout.ports(spec.nodes(), spec.connections(), spec.controls());
            List<ClamLayout.Box> boxes = spec.nodes().stream().map(n -> ClamLayout.box(n, ports.get(n.id()))).toList();
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    if (boxes.get(i).overlaps(boxes.get(j))) {
                        overlapping.add(file.getFileName() + ": " + spec.nodes().get(i).id() + " and " + spec.nodes().get(j).id());
                    }
                }
            }
            if (spec.nodes().stream().allMatch(n -> n.x() >= ClamLayout.GAP && n.y() >= ClamLayout.GAP)
                    && leftToRight(spec)) {
                laidOut++;
            }
        }
        assertTrue(imported > 100, "only " + imported + " imported");
        assertEquals(List.of(), overlapping);
        assertTrue(laidOut > 0, "no import was laid out, so the layout was never tried");
    }

    /** A network with two boxes on one spot is laid out in columns along its wires: sources left, sinks right. */
    @Test
    void collidingBoxesAreLaidOutAlongTheWires() {
        List<NodeSpec> nodes = List.of(new NodeSpec("sink", "AudioOutput", Map.of(), 10, 10, Location.UNKNOWN),
                new NodeSpec("osc", "Oscillator", Map.of(), 10, 10, Location.UNKNOWN),
                new NodeSpec("gain", "Gain", Map.of(), 10, 20, Location.UNKNOWN));
        List<Connection> wires = List.of(new Connection("osc.out", "gain.in"), new Connection("gain.out", "sink.in1"));
        List<NodeSpec> spaced = ClamLayout.spaced(nodes, wires, List.of());
        NodeSpec osc = spaced.get(1), gain = spaced.get(2), sink = spaced.get(0);
        assertTrue(osc.x() < gain.x() && gain.x() < sink.x(), spaced::toString);
        assertFalse(ClamLayout.anyOverlap(spaced.stream().map(n -> ClamLayout.box(n, 1)).toList()));
        List<NodeSpec> apart = List.of(new NodeSpec("a", "Gain", Map.of(), 0, 0, Location.UNKNOWN),
                new NodeSpec("b", "Gain", Map.of(), 400, 0, Location.UNKNOWN));
        assertEquals(apart, ClamLayout.spaced(apart, List.of(), List.of()), "boxes already apart stay where CLAM put them");
    }

    private static boolean leftToRight(NetworkSpec spec) {
        for (Connection c : spec.connections()) {
            var from = spec.node(c.from().node()).orElse(null);
            var to = spec.node(c.to().node()).orElse(null);
            if (from == null || to == null || from.x() >= to.x()) return false;
        }
        return !spec.connections().isEmpty();
    }
}
