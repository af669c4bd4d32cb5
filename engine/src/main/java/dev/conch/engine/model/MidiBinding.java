package dev.conch.engine.model;

import java.util.Locale;

/**
 * A MIDI message mapped to a param while a network plays live ({@code conch play --midi DEVICE}):
 * <ul>
 *   <li>{@code <midi cc="74" to="filter.frequency"/>}: controller 74's 0…127 spread linearly over the param's range;</li>
 *   <li>{@code <midi note="pitch" to="osc.frequency"/>}: the last held note's frequency in Hz (A4 = 440 Hz);</li>
 *   <li>{@code <midi note="gate" to="gate.value"/>}: 1 while a note is held, 0 when the last is released;</li>
 *   <li>{@code <midi note="velocity" to="amp.gain"/>}: the note-on velocity spread over the param's range.</li>
 * </ul>
 *
 * @param channel 1…16, or 0 for any channel
 * @param cc      the controller number for {@link Kind#CC}, else -1
 */
public record MidiBinding(Kind kind, int channel, int cc, Endpoint to, Location location) {

    public enum Kind {
        CC, PITCH, GATE, VELOCITY;

        /** The word for note bindings in files: pitch, gate, velocity. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MidiBinding {
        location = location == null ? Location.UNKNOWN : location;
    }
}
