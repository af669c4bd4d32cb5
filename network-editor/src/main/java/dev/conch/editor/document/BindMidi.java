package dev.conch.editor.document;

import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code <midi cc>} binding, as MIDI learn makes it: it replaces any controller binding the param had (one knob
 * per param), and the compiler judges the rest (a param that cannot change live is refused in its words).
 */
public record BindMidi(MidiBinding binding) implements Edit {

    @Override
    public NetworkSpec applyTo(NetworkSpec spec, ProcessorRegistry registry) throws EditRefused {
        Specs.node(spec, binding.to().node());
        List<MidiBinding> list = new ArrayList<>(spec.midi().stream()
                .filter(m -> !(m.kind() == MidiBinding.Kind.CC && m.to().equals(binding.to()))).toList());
        list.add(binding);
        NetworkSpec next = Specs.with(spec, spec.nodes(), spec.connections(), spec.controls(), list);
        ConnectionCheck.refuseNewProblems(spec, next, registry);
        return next;
    }

    @Override
    public String label() {
        return "bind " + MidiWords.of(binding) + " to " + binding.to();
    }
}
