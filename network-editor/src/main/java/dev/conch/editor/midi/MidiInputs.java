package dev.conch.editor.midi;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Transmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the editor's MIDI comes from: every input Java Sound sees, or in tests a {@link Transmitter} fed by hand.
 * {@link #connect} sends what the inputs send to one receiver and says which inputs those are.
 */
public interface MidiInputs {

    /** @return the inputs' names (empty when there are none) */
    List<String> connect(Receiver receiver);

    void close();

    /** Every MIDI input Java Sound sees (keyboards, controllers, virtual ports; not its own sequencer or synthesizer). */
    static MidiInputs javaSound() {
        return new MidiInputs() {
            private final List<MidiDevice> open = new ArrayList<>();

            @Override
            public List<String> connect(Receiver receiver) {
                close();
                List<String> names = new ArrayList<>();
                for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
                    try {
                        MidiDevice d = MidiSystem.getMidiDevice(info);
                        if (d.getMaxTransmitters() == 0 || d instanceof Sequencer || d instanceof Synthesizer) continue;
                        d.open();
                        d.getTransmitter().setReceiver(receiver);
                        open.add(d);
                        names.add(info.getName());
                    } catch (MidiUnavailableException busy) {
                        // another program holds it: the others still play
                    }
                }
                return names;
            }

            @Override
            public void close() {
                for (MidiDevice d : open) d.close();
                open.clear();
            }
        };
    }

    /** Inputs the caller has already connected to the receiver ({@code conch play --midi}): only their names. */
    static MidiInputs opened(List<String> names) {
        return new MidiInputs() {
            @Override
            public List<String> connect(Receiver receiver) {
                return List.copyOf(names);
            }

            @Override
            public void close() {
            }
        };
    }

    /** One transmitter (a test's, fed ShortMessages by hand), named {@code name}. */
    static MidiInputs of(String name, Transmitter transmitter) {
        return new MidiInputs() {
            @Override
            public List<String> connect(Receiver receiver) {
                transmitter.setReceiver(receiver);
                return List.of(name);
            }

            @Override
            public void close() {
                transmitter.setReceiver(null);
            }
        };
    }
}
