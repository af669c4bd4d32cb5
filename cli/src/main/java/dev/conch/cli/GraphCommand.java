package dev.conch.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.conch.engine.io.TempTarget;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conch graph NET.xml}: the network as Graphviz DOT ({@code dot -Tsvg}), nodes labelled with id and type,
 * edges with the ports they join; control connections dashed. Draws the file as written, so a network that does
 * not compile can still be looked at (endpoints naming a missing node show as a red box).
 */
@Command(name = "graph", description = "Write the network as a Graphviz DOT graph.",
        footer = {"", "Example:", "  conch graph networks/glass-drone.xml | dot -Tsvg > drone.svg"})
final class GraphCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "NET.xml", description = "the network file")
    String network;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.dot", description = "write here instead of stdout")
    Path output;

    /** One edge; identity, not value, so two identical connections still show as two edges. */
    static final class Wire {
        final String label;
        final boolean control;

        Wire(String label, boolean control) {
            this.label = label;
            this.control = control;
        }
    }

    @Override
    int run() throws Exception {
        NetworkSpec spec = NetworkFiles.readFlat(network);
        String dot = toDot(spec);
        if (output == null) {
            out().print(dot);
            out().flush();
        } else {
            // the network is what it draws: -o naming it (or a sub-network file) replaced it with the picture
            Path read = WriteTargets.networkFileAt(network, output);
            if (read != null) {
                throw new UserError("-o " + output + " is " + read + ", which the graph draws: it would be written "
                        + "over it; give -o another file, such as " + network.replaceFirst("\\.[^./]*$", "") + ".dot");
            }
            TempTarget.writeAtomically(output, dot.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return OK;
    }

    static String toDot(NetworkSpec spec) {
        Graph<String, Wire> g = new DirectedPseudograph<>(null, null, false);
        Map<String, String> labels = new LinkedHashMap<>();
        for (NodeSpec n : spec.nodes()) {
            g.addVertex(n.id());
            labels.put(n.id(), n.id() + "\\n" + n.type());
        }
        for (Connection c : spec.connections()) {
            addEdge(g, labels, c.from(), c.to(), new Wire(c.from().port() + " -> " + c.to().port(), false));
        }
        for (ControlConnection c : spec.controls()) {
            addEdge(g, labels, c.from(), c.to(), new Wire(c.from().port() + " -> " + c.to().port(), true));
        }

        DOTExporter<String, Wire> exporter = new DOTExporter<>(GraphCommand::quote);
        exporter.setGraphIdProvider(() -> quote(spec.name() == null || spec.name().isEmpty() ? "network" : spec.name()));
        exporter.setGraphAttributeProvider(() -> Map.of("rankdir", DefaultAttribute.createAttribute("LR")));
        exporter.setVertexAttributeProvider(v -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("label", DefaultAttribute.createAttribute(escape(labels.get(v))));
            a.put("shape", DefaultAttribute.createAttribute("box"));
            if (labels.get(v).endsWith("\\n(missing)")) a.put("color", DefaultAttribute.createAttribute("red"));
            return a;
        });
        exporter.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("label", DefaultAttribute.createAttribute(escape(e.label)));
            if (e.control) a.put("style", DefaultAttribute.createAttribute("dashed"));
            return a;
        });
        Writer w = new StringWriter();
        exporter.exportGraph(g, w);
        return w.toString();
    }

    private static void addEdge(Graph<String, Wire> g, Map<String, String> labels, Endpoint from, Endpoint to, Wire wire) {
        for (Endpoint e : new Endpoint[] {from, to}) {
            if (g.addVertex(e.node())) labels.put(e.node(), e.node() + "\\n(missing)");
        }
        g.addEdge(from.node(), to.node(), wire);
    }

    /** A DOT ID that is always valid: a double-quoted string. */
    private static String quote(String id) {
        return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Label text: keep our {@code \n} line breaks, neutralise anything else a node id might smuggle in. */
    private static String escape(String label) {
        return label.replace("\"", "'");
    }
}
