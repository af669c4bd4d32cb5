package dev.conch.clam;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NodeSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an import's nodes go on the canvas. CLAM's positions are kept when the Conch boxes drawn there stay apart;
 * when any two would overlap (a CLAM processing became several nodes, CLAM's boxes were smaller, its AudioSinks were
 * merged into one output), the whole network is laid out in layers instead: a column per step from the sources
 * along the wires (the order the network runs in), each column's nodes in CLAM's top-to-bottom order.
 */
final class ClamLayout {
    /** Room around each box, so that wires between neighbours can be seen. */
    static final double GAP = 40;

    private ClamLayout() {
    }

    /**
     * A box as the editor draws it, at most: a 130-pixel minimum, about 7 pixels a character of the longer of id and
     * type, and a port row of 20 pixels under a 36-pixel title for the side with more ports.
     */
    record Box(double x, double y, double width, double height) {
        boolean overlaps(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }
    }

    static Box box(NodeSpec n, int ports) {
        int chars = Math.max(n.id().length(), n.type().length());
        return new Box(n.x(), n.y(), Math.max(130, 7.5 * chars + 60), 44 + 20 * Math.max(1, ports));
    }

    /** {@code nodes} where they are when no two boxes overlap, else laid out in layers. */
    static List<NodeSpec> spaced(List<NodeSpec> nodes, List<Connection> connections, List<ControlConnection> controls) {
        Map<String, Integer> ports = ports(nodes, connections, controls);
        List<Box> boxes = nodes.stream().map(n -> box(n, ports.getOrDefault(n.id(), 1))).toList();
        if (!anyOverlap(boxes)) return nodes;
        Map<String, Integer> column = columns(nodes, connections, controls);
        Map<Integer, List<NodeSpec>> byColumn = new java.util.TreeMap<>();
        for (NodeSpec n : nodes) byColumn.computeIfAbsent(column.get(n.id()), c -> new ArrayList<>()).add(n);
        Map<String, NodeSpec> placed = new HashMap<>();
        double x = GAP;
        for (List<NodeSpec> col : byColumn.values()) {
            col.sort(Comparator.comparingDouble(NodeSpec::y).thenComparingDouble(NodeSpec::x));
            double y = GAP, widest = 0;
            for (NodeSpec n : col) {
                Box b = box(n, ports.getOrDefault(n.id(), 1));
                placed.put(n.id(), new NodeSpec(n.id(), n.type(), n.params(), x, y, n.location(), n.automations(), n.count()));
                y += b.height() + GAP;
                widest = Math.max(widest, b.width());
            }
            x += widest + 2 * GAP;
        }
        return nodes.stream().map(n -> placed.get(n.id())).toList();
    }

    static boolean anyOverlap(List<Box> boxes) {
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) if (boxes.get(i).overlaps(boxes.get(j))) return true;
        }
        return false;
    }

    /** The port rows of each node's taller side, as far as its wires tell (at least one). */
    static Map<String, Integer> ports(List<NodeSpec> nodes, List<Connection> connections, List<ControlConnection> controls) {
        Map<String, Set<String>> ins = new HashMap<>(), outs = new HashMap<>();
        for (Connection c : connections) {
            outs.computeIfAbsent(c.from().node(), k -> new HashSet<>()).add(c.from().port());
            ins.computeIfAbsent(c.to().node(), k -> new HashSet<>()).add(c.to().port());
        }
        for (ControlConnection c : controls) outs.computeIfAbsent(c.from().node(), k -> new HashSet<>()).add(c.from().port());
        Map<String, Integer> rows = new HashMap<>();
        for (NodeSpec n : nodes) {
            int channels = 0;
            for (String p : List.of("channels", "inputs")) {
                var v = n.params().get(p);
                if (v != null && v.text().trim().matches("\\d{1,3}")) channels = Math.max(channels, Integer.parseInt(v.text().trim()));
            }
            rows.put(n.id(), Math.max(channels, Math.max(ins.getOrDefault(n.id(), Set.of()).size(),
                    outs.getOrDefault(n.id(), Set.of()).size())));
        }
        return rows;
    }

    /**
     * Each node's column: the most wires (connections and controls) on a path from a node nothing feeds, so every
     * node stands right of what feeds it. A loop (through a delay) is cut where it is met again.
     */
    static Map<String, Integer> columns(List<NodeSpec> nodes, List<Connection> connections, List<ControlConnection> controls) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        for (NodeSpec n : nodes) next.put(n.id(), new ArrayList<>());
        List<Endpoint[]> wires = new ArrayList<>();
        for (Connection c : connections) wires.add(new Endpoint[] {c.from(), c.to()});
        for (ControlConnection c : controls) wires.add(new Endpoint[] {c.from(), c.to()});
        Map<String, Integer> fed = new HashMap<>();
        for (Endpoint[] w : wires) {
            if (!next.containsKey(w[0].node()) || !next.containsKey(w[1].node()) || w[0].node().equals(w[1].node())) continue;
            next.get(w[0].node()).add(w[1].node());
            fed.merge(w[1].node(), 1, Integer::sum);
        }
        Map<String, Integer> column = new HashMap<>();
        for (NodeSpec n : nodes) column.put(n.id(), 0);
        for (NodeSpec n : nodes) if (!fed.containsKey(n.id())) deepen(n.id(), 0, next, column, new HashSet<>());
        return column;
    }

    private static void deepen(String id, int depth, Map<String, List<String>> next, Map<String, Integer> column,
                               Set<String> onPath) {
        if (!onPath.add(id)) return; // a loop: it was met on this path already
        column.merge(id, depth, Math::max);
        for (String to : next.get(id)) if (column.get(to) <= depth) deepen(to, depth + 1, next, column, onPath);
        onPath.remove(id);
    }
}
