package dev.conch.cli;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import java.util.ArrayList;
import java.util.List;

/** MIDI inputs through Java Sound: listing them and connecting one to a receiver. */
final class Midi {
    private Midi() {
    }

    /** Devices that send MIDI (keyboards, controllers, virtual ports), by name. */
    static List<String> inputs() {
        List<String> names = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                if (MidiSystem.getMidiDevice(info).getMaxTransmitters() != 0) {
                    names.add(info.getName() + " (" + info.getDescription() + ")");
                }
            } catch (MidiUnavailableException ignored) {
                // a device that cannot even be asked is not worth listing
            }
        }
        return names;
    }

    /** Opens the input whose name contains {@code name} and sends its messages to {@code receiver}. */
    static MidiDevice open(String name, Receiver receiver) throws UserError {
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            if (!info.getName().contains(name)) continue;
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (d.getMaxTransmitters() == 0) continue;
                d.open();
                d.getTransmitter().setReceiver(receiver);
                return d;
            } catch (MidiUnavailableException e) {
                throw new UserError("--midi " + name + ": the device is busy or unavailable (" + e.getMessage() + ")");
            }
        }
        List<String> all = inputs();
        throw new UserError("--midi " + name + ": no MIDI input with that name"
                + (all.isEmpty() ? "; Java Sound sees no MIDI inputs" : "; inputs: " + String.join(", ", all)));
    }
}
