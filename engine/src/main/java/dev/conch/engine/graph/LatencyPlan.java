package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.Schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency compensation, as JUCE's AudioProcessorGraph does it: a step's output latency is the largest of its
 * inputs' plus its own, and every input that arrives earlier than that is delayed by the difference, so paths of
 * unequal latency meet aligned. A loop's emit half starts a fresh path (what it emits was absorbed a loop earlier).
 * An early input on a multi-rate connection cannot be padded with whole samples: that is a warning.
 */
final class LatencyPlan {
    private final Map<Link, Integer> padding;
    private final Map<String, Integer> nodeLatency;
    private final List<String> compensations;
    private final int total;

    private LatencyPlan(Map<Link, Integer> padding, Map<String, Integer> nodeLatency, List<String> compensations,
                        int total) {
        this.padding = padding;
        this.nodeLatency = Collections.unmodifiableMap(nodeLatency);
        this.compensations = List.copyOf(compensations);
        this.total = total;
    }

    static LatencyPlan plan(BoundGraph bound, StepOrder steps, RateAnalysis.Rates rates, Findings findings) {
        Map<Step, Integer> latency = new HashMap<>();
        Map<Link, Integer> padding = new IdentityHashMap<>();
        Map<String, Integer> nodeLatency = new LinkedHashMap<>();
        List<String> compensations = new ArrayList<>();
        for (Step v : steps.steps()) {
            List<Link> into = v.consumes() ? bound.linksInto(v.node()) : List.of();
            int in = 0;
            for (Link l : into) in = Math.max(in, latency.get(steps.producer(l.fromNode())));
            if (v.produces()) {
                for (ControlLink l : bound.controlsInto(v.node())) {
                    in = Math.max(in, latency.get(steps.producer(l.fromNode())));
                }
            }
            for (Link l : into) {
                int pad = in - latency.get(steps.producer(l.fromNode()));
                if (pad == 0) continue;
                if (l.from().spec().width() != 1 || l.from().spec().rate() != 1 || l.to().spec().rate() != 1
                        || !Rational.ONE.equals(rates.of(bound.processor(l.fromNode())))) {
                    findings.warning(new Problem(l.location(), l.toNode(), l.to().name(), "arrives " + pad
                            + " samples earlier than the other inputs and cannot be aligned on a multi-rate connection"));
                    continue;
                }
                padding.put(l, pad);
                compensations.add(l.describe() + ": " + pad + " samples");
            }
            int own = v.kind() == Schedule.Kind.ABSORB ? 0 : v.processor().latency();
            latency.put(v, v.kind() == Schedule.Kind.EMIT ? own : in + own);
            if (v.produces()) nodeLatency.put(v.node(), latency.get(v));
        }
        String output = bound.audioOutput();
        return new LatencyPlan(padding, nodeLatency, compensations, output == null ? 0 : nodeLatency.get(output));
    }

    /** Samples of delay to insert on {@code l} (0: none). */
    int padding(Link l) {
        return padding.getOrDefault(l, 0);
    }

    /** Latency in samples at each node's output, in the order the steps run. */
    Map<String, Integer> nodeLatency() {
        return nodeLatency;
    }

    /** Each delay inserted, as {@code "dry.out -> mix.in2: 128 samples"}, in the order the steps run. */
    List<String> compensations() {
        return compensations;
    }

    /** Samples between the sources and the output node. */
    int total() {
        return total;
    }
}
