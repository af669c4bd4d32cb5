package dev.conch.engine.graph;

import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.FeedbackBreaker;
import dev.conch.engine.runtime.Processor;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands every loop-closing node its lead: the most samples its emit may run ahead of its absorb. Within a segment
 * emit fires at most its maxFirings before absorb catches up. Between segments a loop's stream may hold what its
 * reader left: nothing when everything downstream of its producer moves one token per frame (each then fires exactly
 * the segment's frames), else less than one segment's production of its producer. The lead adds these up in network
 * samples, a bound the schedule cannot exceed; a breaker that cannot delay that much says why.
 */
final class LoopLeads {
    private LoopLeads() {
    }

    static void close(BoundGraph bound, LoopAnalysis.Loops loops, RateAnalysis.Rates rates, BufferPlan buffers,
                      double sampleRate, Findings findings) {
        Set<String> uneven = unevenUpstream(bound, rates);
        for (Set<String> cycle : loops.cycles()) {
            long carried = 0;
            for (Link l : bound.links()) {
                if (!cycle.contains(l.fromNode()) || !cycle.contains(l.toNode()) || !uneven.contains(l.fromNode())) {
                    continue;
                }
                Processor from = bound.processor(l.fromNode());
                Rational r = rates.orOne(from);
                carried += BufferPlan.ceilDiv((int) (buffers.maxFirings(from) * r.den()), (int) r.num());
            }
            for (String id : cycle) {
                if (!loops.split().contains(id)) continue;
                Rational rate = rates.orOne(bound.processor(id));
                if (!Rational.ONE.equals(rate)) {
                    // reached through a multi-rate port from elsewhere (a per-frame control into a spectral node's
                    // port): the loop would run at another pace than the network, which the schedule does not bound
                    findings.problem(new Problem(bound.location(id), id, null, "closes a feedback loop that would run "
                            + rate + " times as fast as the network, because a node on it is fed at another rate (a"
                            + " per-sample control into a spectral node's control port, say); a loop runs at the"
                            + " network's rate: drive that port from a source of the loop's own rate, or break the loop"));
                    continue;
                }
                long lead = carried + buffers.maxFirings(bound.processor(id));
                String why = ((FeedbackBreaker) bound.processor(id)).closeLoop(sampleRate, (int) lead);
                if (why != null) {
                    findings.problem(new Problem(bound.location(id), id, null, "closes a feedback loop, but " + why));
                }
            }
        }
    }

    /** Nodes with a multi-rate node or port at or downstream of them: their streams may carry tokens over. */
    static Set<String> unevenUpstream(BoundGraph bound, RateAnalysis.Rates rates) {
        Set<String> uneven = new HashSet<>();
        bound.processors().forEach((id, p) -> {
            if (!Rational.ONE.equals(rates.orOne(p))) uneven.add(id);
        });
        for (Link l : bound.links()) {
            if (l.from().spec().rate() != 1 || l.to().spec().rate() != 1) uneven.add(l.fromNode());
        }
        ArrayDeque<String> upstream = new ArrayDeque<>(uneven);
        while (!upstream.isEmpty()) {
            String id = upstream.poll();
            for (Link l : bound.linksInto(id)) if (uneven.add(l.fromNode())) upstream.add(l.fromNode());
            for (ControlLink l : bound.controlsInto(id)) if (uneven.add(l.fromNode())) upstream.add(l.fromNode());
        }
        return uneven;
    }
}
