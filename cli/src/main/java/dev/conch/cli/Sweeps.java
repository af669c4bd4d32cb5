package dev.conch.cli;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's shorthand for an automation timeline: {@code ramp(200,2000,30s)} is a linear ramp from 200 at
 * 0 s to 2000 at 30 s, {@code exp(80,8000,10)} an exponential one; an optional fourth number delays the start:
 * {@code ramp(0,1,5s,2s)} holds 0 until 2 s, then ramps to 1 at 7 s.
 */
final class Sweeps {
    private static final String NUMBER = "\\s*(-?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\\s*";
    private static final Pattern SWEEP = Pattern.compile(
            "\\s*(ramp|exp)\\(" + NUMBER + "," + NUMBER + "," + NUMBER + "s?\\s*(?:," + NUMBER + "s?\\s*)?\\)\\s*");

    private Sweeps() {
    }

    /** The timeline for {@code text}, or null when it is not a sweep. */
    static Automation parse(String param, String text) {
        Matcher m = SWEEP.matcher(text);
        if (!m.matches()) return null;
        double from = Double.parseDouble(m.group(2));
        double to = Double.parseDouble(m.group(3));
        double seconds = Double.parseDouble(m.group(4));
        double start = m.group(5) == null ? 0 : Double.parseDouble(m.group(5));
        if (!(seconds > 0)) return null;
        AutomationEvent end = m.group(1).equals("ramp") ? AutomationEvent.linear(to, start + seconds)
                : AutomationEvent.exponential(to, start + seconds);
        return new Automation(param, start == 0 ? List.of(AutomationEvent.set(from, 0), end)
                : List.of(AutomationEvent.set(from, 0), AutomationEvent.set(from, start), end));
    }
}
