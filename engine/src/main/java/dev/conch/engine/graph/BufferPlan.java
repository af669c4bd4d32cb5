package dev.conch.engine.graph;

import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.Schedule;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much each step may have to do in one segment, and so how big every buffer is, decided once before anything
 * runs: a sink fires once per frame; a step nothing reads fires by its own rate; any other step as often as its
 * hungriest reader needs, worked out from the sinks backwards. Each stream then holds a segment's production plus
 * what its readers may leave for the next segment.
 */
final class BufferPlan {
    private final BoundGraph bound;
    private final Map<Processor, Integer> maxFirings;
    private final Map<Output, Integer> capacities = new IdentityHashMap<>();

    private BufferPlan(BoundGraph bound, Map<Processor, Integer> maxFirings, RateAnalysis.Rates rates) {
        this.bound = bound;
        this.maxFirings = maxFirings;
        bound.processors().forEach((id, p) -> {
            for (Output out : p.outputs()) {
                int readerRate = 1;
                for (Link l : bound.linksFrom(id)) if (l.from() == out) readerRate = Math.max(readerRate, l.to().spec().rate());
                for (ControlLink l : bound.controlsFrom(id)) {
                    if (l.from() == out) readerRate = Math.max(readerRate, rates.stride(l, bound));
                }
                capacities.put(out, capacity(maxFirings(p), out.spec().rate(), readerRate));
            }
        });
    }

    /** Plans the buffers for segments of {@code segment} frames. */
    static BufferPlan plan(BoundGraph bound, StepOrder steps, RateAnalysis.Rates rates, int segment) {
        Map<Processor, Integer> maxFirings = new IdentityHashMap<>();
        List<Step> order = steps.steps();
        for (int k = order.size() - 1; k >= 0; k--) {
            Step v = order.get(k);
            Processor p = v.processor();
            int f = 0;
            if (BoundGraph.isSink(p)) {
                f = segment;
            } else if ((v.kind() == Schedule.Kind.ABSORB || bound.isLeaf(v.node())) && rates.has(p)) {
                // nothing reads it (an absorb half has no outputs), so it fires by its own rate: at most ceil(block x rate)
                Rational r = rates.of(p);
                f = (int) ((segment * r.num() + r.den() - 1) / r.den());
            } else if (v.produces()) {
                for (Link l : bound.linksFrom(v.node())) {
                    int demand = maxFirings.getOrDefault(bound.processor(l.toNode()), 0) * l.to().spec().rate();
                    f = Math.max(f, ceilDiv(demand, l.from().spec().rate()));
                }
                for (ControlLink l : bound.controlsFrom(v.node())) {
                    f = Math.max(f, maxFirings.getOrDefault(bound.processor(l.toNode()), 0) * rates.stride(l, bound));
                }
            }
            maxFirings.merge(p, f, Math::max);
        }
        return new BufferPlan(bound, maxFirings, rates);
    }

    /** Most firings one segment can ask of {@code p}. */
    int maxFirings(Processor p) {
        return maxFirings.getOrDefault(p, 0);
    }

    /** Tokens the stream behind {@code out}, an output of the graph's processors, must hold. */
    int capacity(Output out) {
        return capacities.get(out);
    }

    /** Most firings of the compensation delay on {@code l}: one per firing of the node it feeds. */
    int compensationFirings(Link l) {
        return maxFirings(bound.processor(l.toNode()));
    }

    /** Tokens the stream out of the compensation delay on {@code l} must hold. */
    int compensationCapacity(Link l) {
        return capacity(compensationFirings(l), 1, 1);
    }

    /**
     * Tokens a stream must hold: one segment's production plus what readers may leave for the next segment. With
     * balanced rates a reader's leftover stays below the producer's and consumer's granularity; twice the production
     * plus both rates is a wide margin, and tests drive random block sizes to check it is never reached.
     */
    private static int capacity(int maxFirings, int rate, int readerRate) {
        return 2 * maxFirings * rate + 4 * (rate + readerRate) + 8;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
