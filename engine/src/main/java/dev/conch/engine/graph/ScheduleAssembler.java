package dev.conch.engine.graph;

import dev.conch.engine.model.Location;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.LatencyDelay;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.Schedule;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last pass: turns the analyses into a {@link Schedule}. Adds the steps in order, each compensation delay right
 * after its producer, wires every stream and control (through its delay where the latency plan put one), gives
 * every stream its planned capacity, then builds, which prepares the processors: one that refuses is a problem.
 * Decides nothing itself.
 */
final class ScheduleAssembler {
    private ScheduleAssembler() {
    }

    /** What the schedule shows for a compensation delay's type. */
    static final String COMPENSATION = "latency compensation";

    /**
     * @param types what each step computes, by the node name the schedule reports it under: a node's type, or
     *              {@link #COMPENSATION}
     */
    record Assembled(Schedule schedule, Map<String, String> types) {
    }

    static Assembled assemble(BoundGraph bound, StepOrder steps, RateAnalysis.Rates rates, LatencyPlan latency,
                             BufferPlan buffers, double sampleRate, int segment, Findings findings) {
        Map<Link, LatencyDelay> delays = new IdentityHashMap<>();
        for (Link l : bound.links()) {
            int pad = latency.padding(l);
            if (pad != 0) delays.put(l, new LatencyDelay(pad, l.from().spec()));
        }
        Schedule.Builder b = new Schedule.Builder();
        Map<String, String> types = new LinkedHashMap<>();
        rates.byProcessor().forEach((p, r) -> b.firingRate(p, r.num(), r.den()));
        for (Step v : steps.steps()) {
            b.step(v.name(), v.node(), v.processor(), v.kind(), BoundGraph.isSink(v.processor()));
            b.maxFirings(v.processor(), buffers.maxFirings(v.processor()));
            types.put(v.node(), bound.type(v.node()));
            if (!v.produces()) continue;
            // compensation delays run right after their producer
            for (Link l : bound.linksFrom(v.node())) {
                LatencyDelay d = delays.get(l);
                if (d == null) continue;
                String name = l.fromNode() + "." + l.from().name() + "+" + d.samples();
                b.step(name, name, d, Schedule.Kind.PROCESS, false);
                b.maxFirings(d, buffers.compensationFirings(l));
                types.put(name, COMPENSATION);
            }
        }
        for (Link l : bound.links()) {
            LatencyDelay d = delays.get(l);
            if (d == null) {
                b.connect(l.from(), l.to());
            } else {
                b.connect(l.from(), d.inputs().get(0));
                b.connect(d.outputs().get(0), l.to());
                b.capacity(d.outputs().get(0), buffers.compensationCapacity(l));
            }
        }
        for (ControlLink l : bound.controls()) b.connectControl(l.from(), l.to(), l.mode(), rates.stride(l, bound));
        for (Processor p : bound.processors().values()) {
            for (Output out : p.outputs()) b.capacity(out, buffers.capacity(out));
        }
        Map<String, RuntimeException> prepareFailures = new LinkedHashMap<>();
        Schedule schedule = b.build(segment);
        schedule.prepare(sampleRate, prepareFailures::put);
        prepareFailures.forEach((id, ex) -> findings.problem(new Problem(
                bound.has(id) ? bound.location(id) : Location.UNKNOWN, bound.has(id) ? id : null, null,
                ex.getMessage() != null ? ex.getMessage() : ex.toString())));
        return new Assembled(schedule, types);
    }
}
