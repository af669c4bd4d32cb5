package dev.conch.editor.document;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces one param's automation timeline (an automation lane's edit: a point added, moved, deleted or its segment
 * retyped); no events removes the timeline. Events are kept in time order, as the engine reads them. As with
 * {@link AddControl}, the compiler is the judge: a param that cannot change live, one a modulation already drives,
 * a value out of range or an exponential ramp through zero is refused in its words.
 *
 * @param label what the lane did, for the Undo item ("add a point to filter.frequency")
 */
public record SetAutomation(String node, String param, List<AutomationEvent> events, String label) implements Edit {
    public SetAutomation {
        events = events.stream().sorted(Comparator.comparingDouble(AutomationEvent::time)).toList();
    }

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        NodeSpec n = Specs.node(spec, node);
        for (AutomationEvent e : events) {
            if (!(e.time() >= 0) || !Double.isFinite(e.time())) {
                throw new EditRefused(node + "." + param + ": an automation event at " + e.time() + " s is before the start");
            }
        }
        List<Automation> kept = new ArrayList<>();
        boolean replaced = false;
        for (Automation a : n.automations()) {
            if (!a.param().equals(param)) kept.add(a);
            else if (!events.isEmpty()) { // in its place: a file read and saved keeps its timelines in order
                kept.add(new Automation(param, events, a.location()));
                replaced = true;
            }
        }
        if (!replaced && !events.isEmpty()) kept.add(new Automation(param, events));
        NodeSpec changed = new NodeSpec(n.id(), n.type(), n.params(), n.x(), n.y(), n.location(), kept, n.count());
        NetworkSpec next = Specs.withNodes(spec, spec.nodes().stream().map(x -> x.id().equals(node) ? changed : x).toList());
        ConnectionCheck.refuseNewProblems(spec, next, registry);
        return next;
    }
}
