package dev.conch.editor.document;

import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.List;

/** Removes one MIDI binding (any kind: a controller's or a note's). */
public record UnbindMidi(MidiBinding binding) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        List<MidiBinding> kept = spec.midi().stream().filter(m -> !same(m, binding)).toList();
        if (kept.size() == spec.midi().size()) throw new EditRefused(MidiWords.of(binding) + " is not bound to " + binding.to());
        return Specs.with(spec, spec.nodes(), spec.connections(), spec.controls(), kept);
    }

    /** The same binding wherever its line in the file was. */
    static boolean same(MidiBinding a, MidiBinding b) {
        return a.kind() == b.kind() && a.channel() == b.channel() && a.cc() == b.cc() && a.to().equals(b.to());
    }

    @Override
    public String label() {
        return "remove the binding of " + MidiWords.of(binding) + " to " + binding.to();
    }
}
