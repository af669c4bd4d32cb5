package dev.conch.engine.model;

import java.util.List;

/**
 * A param's automation timeline: events in time order (see {@link AutomationEvent}). Before the first event the
 * param has its own value. Applied sample by sample, in offline renders and live alike.
 */
public record Automation(String param, List<AutomationEvent> events, Location location) {
    public Automation {
        events = List.copyOf(events);
        location = location == null ? Location.UNKNOWN : location;
    }

    public Automation(String param, List<AutomationEvent> events) {
        this(param, events, Location.UNKNOWN);
    }
}
