package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.Schedule;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a bound graph and the order they run in: one step per node, two for a node that closes a loop (its
 * emit runs before the loop, its absorb after), sorted so that every step runs after the steps it reads, ties
 * broken by file order. Refuses a control into a loop-closing node that depends on the node's own output.
 */
final class StepOrder {
    private final List<Step> order;
    private final Map<String, Step> producer, consumer;

    private StepOrder(List<Step> order, Map<String, Step> producer, Map<String, Step> consumer) {
        this.order = List.copyOf(order);
        this.producer = Map.copyOf(producer);
        this.consumer = Map.copyOf(consumer);
    }

    static StepOrder of(BoundGraph bound, LoopAnalysis.Loops loops, Findings findings) {
        Graph<Step, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        Map<String, Step> producer = new HashMap<>(), consumer = new HashMap<>();
        int index = 0;
        for (Map.Entry<String, Processor> e : bound.processors().entrySet()) {
            String id = e.getKey();
            if (loops.split().contains(id)) {
                Step emit = new Step(id + "<", id, e.getValue(), Schedule.Kind.EMIT, index++);
                Step absorb = new Step(id + ">", id, e.getValue(), Schedule.Kind.ABSORB, index++);
                g.addVertex(emit);
                g.addVertex(absorb);
                producer.put(id, emit);
                consumer.put(id, absorb);
            } else {
                Step v = new Step(id, id, e.getValue(), Schedule.Kind.PROCESS, index++);
                g.addVertex(v);
                producer.put(id, v);
                consumer.put(id, v);
            }
        }
        for (Link l : bound.links()) g.addEdge(producer.get(l.fromNode()), consumer.get(l.toNode()));
        // a loop-closing node reads its params in emit, so its controls must be computed before its emit step
        for (ControlLink l : bound.controls()) g.addEdge(producer.get(l.fromNode()), producer.get(l.toNode()));
        var paths = new DijkstraShortestPath<>(g);
        boolean refused = false;
        for (ControlLink l : bound.controls()) {
            if (!loops.split().contains(l.toNode())) continue;
            if (paths.getPath(producer.get(l.toNode()), producer.get(l.fromNode())) == null) continue;
            String param = l.toNode() + "." + l.to().name();
            refused = true;
            findings.problem(new Problem(l.location(), l.toNode(), l.to().name(), param + " is driven by "
                    + (bound.isAutomation(l.fromNode()) ? "automation" : l.fromNode() + "." + l.from().name())
                    + ", which depends on " + l.toNode() + "'s own output; a node that closes a feedback loop reads"
                    + " its params before the loop runs: drive it from a node that does not depend on " + l.toNode()));
        }
        List<Step> order = new ArrayList<>();
        if (refused) return new StepOrder(order, producer, consumer); // such a control closes a cycle: no order
        // not Comparator.comparingInt, whose serializable lambda the AOT cache does not keep (as SpectrumInheritance)
        new TopologicalOrderIterator<>(g, (a, b) -> Integer.compare(a.index(), b.index())).forEachRemaining(order::add);
        return new StepOrder(order, producer, consumer);
    }

    /** Every step, in the order the audio thread runs them (none when a control was refused). */
    List<Step> steps() {
        return order;
    }

    /** The step computing {@code node}'s outputs. */
    Step producer(String node) {
        return producer.get(node);
    }

    /** The step reading {@code node}'s inputs. */
    Step consumer(String node) {
        return consumer.get(node);
    }
}
