package dev.conch.editor.document;

import dev.conch.engine.model.MidiBinding;

/** A binding's source as the editor says it: "MIDI cc 74", "MIDI note pitch on channel 2". */
public final class MidiWords {
    private MidiWords() {
    }

    public static String of(MidiBinding m) {
        return "MIDI " + (m.kind() == MidiBinding.Kind.CC ? "cc " + m.cc() : "note " + m.kind().word())
                + (m.channel() == 0 ? "" : " on channel " + m.channel());
    }
}
