package dev.conch.engine.graph;

import dev.conch.engine.model.Location;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Processor;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Firings per output frame for every node that runs, from the balance equations of synchronous dataflow: along a
 * connection, producer firings x output rate = consumer firings x input rate. A control's source runs at the
 * fastest rate among the params it drives (an LFO driving an oscillator's amplitude and a spectral node's gain runs
 * per sample); a slower node reads every k-th value, so each driven node must fire a whole number of times slower
 * than the source. Also warns of nodes nothing hears.
 */
final class RateAnalysis {
    private final BoundGraph graph;
    private final Findings findings;
    private final Map<Processor, Rational> r = new IdentityHashMap<>();
    private final ArrayDeque<Processor> queue = new ArrayDeque<>();
    private boolean imbalanceReported;

    /** Each node's firings per network frame; a node absent never runs. */
    record Rates(Map<Processor, Rational> byProcessor) {
        Rational of(Processor p) {
            return byProcessor.get(p);
        }

        Rational orOne(Processor p) {
            return byProcessor.getOrDefault(p, Rational.ONE);
        }

        boolean has(Processor p) {
            return byProcessor.containsKey(p);
        }

        /** How many values of its source a driven param skips per value it takes (1 at the same rate). */
        int stride(ControlLink l, BoundGraph g) {
            Rational from = of(g.processor(l.fromNode())), to = of(g.processor(l.toNode()));
            return from == null || to == null ? 1 : (int) from.over(to).num();
        }
    }

    /** Sound arrives one frame per frame: an AudioInput the rates would read faster or slower cannot keep up. */
    private void checkInput() {
        r.forEach((p, rate) -> {
            if (!(p instanceof dev.conch.engine.runtime.AudioInput) || Rational.ONE.equals(rate)) return;
            String id = graph.id(p);
            findings.problem(new Problem(graph.location(id), id, null, "would be read " + rate + " times as fast as its "
                    + "sound arrives, because a multi-rate port downstream takes another number of samples than the "
                    + "network plays; lead the input through a chain that comes back to the network's rate (an STFT and "
                    + "its ISTFT), or through a file (AudioFileReader) instead"));
        });
    }

    private RateAnalysis(BoundGraph graph, Findings findings) {
        this.graph = graph;
        this.findings = findings;
    }

    static Rates solve(BoundGraph graph, Findings findings) {
        RateAnalysis a = new RateAnalysis(graph, findings);
        a.solve();
        a.checkStrides();
        a.checkInput();
        a.warnUnheard();
        return new Rates(Collections.unmodifiableMap(a.r));
    }

    private void solve() {
        graph.processors().forEach((id, p) -> {
            if (!BoundGraph.isSink(p)) return;
            for (Input in : p.inputs()) {
                if (in.spec().rate() != 1) {
                    findings.problem(new Problem(graph.location(id), id, in.name(),
                            "an output node's inputs must take one token per frame"));
                }
            }
            assign(p, Rational.ONE);
        });
        propagateLinks();
        spreadThroughControls();
        // a part of the network that reaches no output still runs (a monitor may tap it, and a loop's absorb half
        // pulls on it): each of its sources fires once per frame, seeding the rates of the part it belongs to
        graph.processors().forEach((id, p) -> {
            if (r.containsKey(p) || BoundGraph.isSink(p) || !graph.linksInto(id).isEmpty()) return;
            assign(p, Rational.ONE);
            propagateLinks();
            spreadThroughControls();
        });
    }

    private void checkStrides() {
        for (ControlLink l : graph.controls()) {
            Rational from = r.get(graph.processor(l.fromNode())), to = r.get(graph.processor(l.toNode()));
            if (from == null || to == null) continue;
            if (from.over(to).den() != 1) {
                findings.problem(new Problem(l.location(), l.toNode(), l.to().name(), l.fromNode() + "." + l.from().name()
                        + " gives " + from + " values per frame and " + l.toNode() + " fires " + to
                        + " times per frame, so " + l.toNode() + "." + l.to().name() + " cannot take every k-th value;"
                        + " a control can drive params of nodes that fire the same number of times per frame as its"
                        + " source or a whole number of times fewer: drive this param from a control source of its own"));
            }
        }
    }

    private void warnUnheard() {
        Set<String> heard = new HashSet<>(); // nodes with a path to an output or a file writer
        ArrayDeque<String> back = new ArrayDeque<>();
        graph.processors().forEach((id, p) -> {
            if (BoundGraph.isSink(p)) back.add(id);
        });
        while (!back.isEmpty()) {
            String id = back.poll();
            if (!heard.add(id)) continue;
            for (Link l : graph.linksInto(id)) back.add(l.fromNode());
            for (ControlLink l : graph.controlsInto(id)) back.add(l.fromNode());
        }
        graph.processors().forEach((id, p) -> {
            if (heard.contains(id) || graph.isAutomation(id)) return;
            findings.warning(new Problem(graph.location(id), id, null, r.containsKey(p)
                    ? "reaches no output or file writer: it runs (a monitor can show it) but is not heard"
                    : "reaches no output or file writer, so it never runs"));
        });
    }

    /**
     * A control's source runs at the fastest rate among the params it drives; a node reached only through the
     * control driving it runs at its source's rate. Repeated until nothing changes, spreading along streams too.
     */
    private void spreadThroughControls() {
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, Processor> e : graph.processors().entrySet()) {
                Processor p = e.getValue();
                if (r.containsKey(p)) continue;
                Rational fastest = null;
                for (ControlLink l : graph.controlsFrom(e.getKey())) {
                    Rational driven = r.get(graph.processor(l.toNode()));
                    if (driven != null && (fastest == null || driven.greaterThan(fastest))) fastest = driven;
                }
                for (ControlLink l : graph.controlsInto(e.getKey())) { // a node reached only through the control driving it
                    Rational source = r.get(graph.processor(l.fromNode()));
                    if (fastest == null && source != null) fastest = source;
                }
                if (fastest == null) continue;
                assign(p, fastest);
                propagateLinks();
                grew = true;
            }
        }
    }

    /** Spreads rates from the queued nodes along stream connections, both ways. */
    private void propagateLinks() {
        while (!queue.isEmpty()) {
            Processor p = queue.poll();
            Rational rp = r.get(p);
            String id = graph.id(p);
            for (Link l : graph.linksTouching(id)) {
                if (l.toNode().equals(id)) {
                    propagate(l.fromNode(), rp.times(l.to().spec().rate(), l.from().spec().rate()), l.location());
                }
                if (l.fromNode().equals(id)) {
                    propagate(l.toNode(), rp.times(l.from().spec().rate(), l.to().spec().rate()), l.location());
                }
            }
        }
    }

    /** Gives {@code p} its rate, and queues it to spread that rate along its streams. */
    private void assign(Processor p, Rational rate) {
        r.put(p, rate);
        queue.add(p);
    }

    private void propagate(String id, Rational value, Location where) {
        Processor p = graph.processor(id);
        Rational old = r.get(p);
        if (old == null) {
            assign(p, value);
        } else if (!old.equals(value) && !imbalanceReported) {
            // one imbalance makes every node downstream disagree too: the first is the one worth reading
            imbalanceReported = true;
            findings.problem(new Problem(where.known() ? where : graph.location(id), id, null,
                    "the token rates of the paths through this node do not agree: one path needs it to fire "
                            + old + " times per output frame, another " + value
                            + "; multi-rate nodes must balance on every path to the output"));
        }
    }
}
