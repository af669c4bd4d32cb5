package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch graph}: the DOT text is read back by jgrapht's own DOT parser (an independent check that it is
 * valid DOT), and must hold every node with its "id\nType" label and every connection with its port names.
 */
class GraphTest {

    @Test
    void dotParsesBackWithEveryNodeAndEdge() {
        CliRun r = CliRun.of("graph", CliRun.network("sine.xml"));
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("digraph"), r::toString);

        Map<String, Map<String, Attribute>> vertexAttrs = new HashMap<>();
        Map<DefaultEdge, Map<String, Attribute>> edgeAttrs = new HashMap<>();
        Graph<String, DefaultEdge> g = new DirectedPseudograph<>(null, DefaultEdge::new, false);
        DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((p, a) -> vertexAttrs.computeIfAbsent(p.getFirst(), k -> new HashMap<>()).put(p.getSecond(), a));
        importer.addEdgeAttributeConsumer((p, a) -> edgeAttrs.computeIfAbsent(p.getFirst(), k -> new HashMap<>()).put(p.getSecond(), a));
        importer.importGraph(g, new StringReader(r.out()));

        assertEquals(2, g.vertexSet().size(), r::toString);
        assertEquals("osc\\nOscillator", vertexAttrs.get("osc").get("label").getValue());
        assertEquals("out\\nAudioOutput", vertexAttrs.get("out").get("label").getValue());
        assertEquals(2, g.getAllEdges("osc", "out").size(), "one edge per connection\n" + r);
        assertTrue(g.getAllEdges("osc", "out").stream().anyMatch(e -> edgeAttrs.get(e).get("label").getValue().equals("out -> in1")));
        assertTrue(g.getAllEdges("osc", "out").stream().anyMatch(e -> edgeAttrs.get(e).get("label").getValue().equals("out -> in2")));
    }

    @Test
    void writesToAFileWithDashO(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("sine.dot");
        CliRun r = CliRun.of("graph", CliRun.network("sine.xml"), "-o", dot.toString());
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(CliRun.of("graph", CliRun.network("sine.xml")).out(), Files.readString(dot));
    }
    /** -o naming the network it draws replaced the network with its picture (exit 0). Refused, the file as it was. */
    @Test
    void neverWritesOverTheNetworkItDraws(@TempDir Path dir) throws Exception {
        Path net = Files.copy(Path.of(CliRun.network("sine.xml")), dir.resolve("sine.xml"));
        byte[] before = Files.readAllBytes(net);
        CliRun r = CliRun.of("graph", net.toString(), "-o", net.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("-o " + net + " is " + net + ", which the graph draws"), r::toString);
        assertTrue(r.err().contains("such as " + dir.resolve("sine.dot")), r::toString);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(net));
    }
}
