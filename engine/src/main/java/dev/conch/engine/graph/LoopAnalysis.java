package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.FeedbackBreaker;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the feedback loops of a bound graph (streams and controls both carry dependencies). A loop is legal only
 * through a {@link FeedbackBreaker} (a Delay): every breaker on it is split into an emit and an absorb step, which
 * cuts the loop for ordering. A loop, or a loop inside a loop, that no breaker cuts is a problem naming one cycle.
 */
final class LoopAnalysis {
    private LoopAnalysis() {
    }

    /**
     * @param split  the nodes that close a loop, each to be split into emit and absorb steps
     * @param cycles each loop's nodes (a strongly connected set), for sizing its lead
     */
    record Loops(Set<String> split, List<Set<String>> cycles) {
        boolean any() {
            return !split.isEmpty();
        }
    }

    static Loops find(BoundGraph bound, Findings findings) {
        Graph<String, DefaultEdge> g = nodeGraph(bound);
        Set<String> split = new HashSet<>();
        List<Set<String>> loopSets = new ArrayList<>();
        List<Set<String>> reported = new ArrayList<>();
        for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
            String only = scc.iterator().next();
            if (scc.size() == 1 && !g.containsEdge(only, only)) continue;
            List<String> breakers = scc.stream().filter(id -> bound.processor(id) instanceof FeedbackBreaker)
                    .sorted(Comparator.comparingInt(bound::fileIndex)).toList();
            if (breakers.isEmpty()) {
                reported.add(scc);
                findings.problem(withoutDelay(bound, cycleThrough(bound, g, scc)));
                continue;
            }
            split.addAll(breakers);
            loopSets.add(scc);
        }
        // a loop inside a loop may avoid every delay: check the graph with the delays cut
        Graph<String, DefaultEdge> cut = new DirectedPseudograph<>(DefaultEdge.class);
        g.vertexSet().forEach(cut::addVertex);
        for (DefaultEdge e : g.edgeSet()) {
            if (!split.contains(g.getEdgeTarget(e))) cut.addEdge(g.getEdgeSource(e), g.getEdgeTarget(e));
        }
        for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(cut).stronglyConnectedSets()) {
            String only = scc.iterator().next();
            if (scc.size() == 1 && !cut.containsEdge(only, only)) continue;
            if (scc.stream().anyMatch(split::contains)) continue;
            if (reported.stream().anyMatch(r -> r.containsAll(scc))) continue;
            findings.problem(withoutDelay(bound, cycleThrough(bound, cut, scc)));
        }
        return new Loops(split, loopSets);
    }

    private static Problem withoutDelay(BoundGraph bound, List<String> cycle) {
        return new Problem(bound.location(cycle.get(0)), cycle.get(0), null,
                "feedback loop without a delay: " + String.join(" -> ", cycle)
                        + "; a loop must pass through a node that delays by at least one block (a Delay)");
    }

    private static Graph<String, DefaultEdge> nodeGraph(BoundGraph bound) {
        Graph<String, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        bound.processors().keySet().forEach(g::addVertex);
        bound.links().forEach(l -> g.addEdge(l.fromNode(), l.toNode()));
        bound.controls().forEach(l -> g.addEdge(l.fromNode(), l.toNode()));
        return g;
    }

    /** One cycle inside a strongly connected set, as node ids, first repeated at the end. */
    private static List<String> cycleThrough(BoundGraph bound, Graph<String, DefaultEdge> g, Set<String> scc) {
        String start = scc.stream().min(Comparator.comparingInt(bound::fileIndex)).orElseThrow();
        Map<String, String> parent = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        parent.put(start, null);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (DefaultEdge e : g.outgoingEdgesOf(v)) {
                String w = g.getEdgeTarget(e);
                if (!scc.contains(w)) continue;
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String x = v; x != null; x = parent.get(x)) path.add(0, x);
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        return List.of(start, start);
    }
}
