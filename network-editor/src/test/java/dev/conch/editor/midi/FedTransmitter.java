package dev.conch.editor.midi;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Transmitter;

/** A MIDI controller for tests: each {@link #cc} is sent to the receiver as a device's thread would send it. */
public final class FedTransmitter implements Transmitter {
    private volatile Receiver receiver;

    /** Controller {@code number} moved to {@code value} on {@code channel} (1 to 16), from a thread of its own. */
    public void cc(int channel, int number, int value) throws Exception {
        ShortMessage m;
        try {
            m = new ShortMessage(ShortMessage.CONTROL_CHANGE, channel - 1, number, value);
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
        Thread t = new Thread(() -> receiver.send(m, -1), "test-midi-in");
        t.start();
        t.join();
    }

    @Override
    public void setReceiver(Receiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public Receiver getReceiver() {
        return receiver;
    }

    @Override
    public void close() {
    }
}
