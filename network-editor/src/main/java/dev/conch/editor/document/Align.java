package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Arranging a selection as one undo step (a {@link Batch} of {@link MoveNode}s): left edges lined up on the
 * leftmost, top edges on the topmost, or left edges spread evenly between the leftmost and the rightmost.
 * Positions are the nodes' top-left corners, as in the file.
 */
public final class Align {
    private Align() {
    }

    public static Batch left(NetworkSpec spec, Collection<String> ids) {
        List<NodeSpec> nodes = nodes(spec, ids);
        double x = nodes.stream().mapToDouble(NodeSpec::x).min().orElse(0);
        List<Edit> moves = new ArrayList<>();
        for (NodeSpec n : nodes) moves.add(new MoveNode(n.id(), x, n.y()));
        return new Batch("align " + count(nodes) + " left", moves);
    }

    public static Batch top(NetworkSpec spec, Collection<String> ids) {
        List<NodeSpec> nodes = nodes(spec, ids);
        double y = nodes.stream().mapToDouble(NodeSpec::y).min().orElse(0);
        List<Edit> moves = new ArrayList<>();
        for (NodeSpec n : nodes) moves.add(new MoveNode(n.id(), n.x(), y));
        return new Batch("align " + count(nodes) + " top", moves);
    }

    /** The leftmost and rightmost stay; the others get equal gaps between left edges, in their left-to-right order. */
    public static Batch distributeHorizontally(NetworkSpec spec, Collection<String> ids) {
        List<NodeSpec> nodes = new ArrayList<>(nodes(spec, ids));
        nodes.sort(Comparator.comparingDouble(NodeSpec::x).thenComparing(NodeSpec::id));
        List<Edit> moves = new ArrayList<>();
        if (nodes.size() >= 3) {
            double first = nodes.get(0).x(), step = (nodes.get(nodes.size() - 1).x() - first) / (nodes.size() - 1);
            for (int i = 1; i < nodes.size() - 1; i++) {
                NodeSpec n = nodes.get(i);
                moves.add(new MoveNode(n.id(), Math.rint(first + i * step), n.y()));
            }
        }
        return new Batch("distribute " + count(nodes) + " horizontally", moves);
    }

    private static List<NodeSpec> nodes(NetworkSpec spec, Collection<String> ids) {
        return spec.nodes().stream().filter(n -> ids.contains(n.id())).toList();
    }

    private static String count(List<NodeSpec> nodes) {
        return nodes.size() + (nodes.size() == 1 ? " node" : " nodes");
    }
}
