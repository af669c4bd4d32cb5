package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

/**
 * The network's own attributes, as the properties dialog sets them: name, sample rate, duration (0: not given, a
 * render then needs --seconds) and description. Checked as the file reader checks them, so a saved file reads back.
 */
public record SetNetworkProperties(String name, double sampleRate, double duration, String description) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new EditRefused("the sample rate must be a positive number of samples per second, such as 48000");
        }
        if (!(duration >= 0 && duration <= NetworkSpec.MAX_DURATION)) {
            throw new EditRefused("the duration must be 0 (not given) to " + (long) NetworkSpec.MAX_DURATION
                    + " seconds (24 hours)");
        }
        return new NetworkSpec(name.trim(), spec.version(), sampleRate, duration, description.trim(), spec.nodes(),
                spec.connections(), spec.controls(), spec.midi(), spec.origin(), spec.comments());
    }

    @Override
    public String label() {
        return "change the network's properties";
    }
}
