package dev.conch.cli;

import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;
import javax.sound.midi.spi.MidiDeviceProvider;

/**
 * A MIDI input for Java Sound made of nothing but this class: registered as a {@link MidiDeviceProvider} in the
 * tests' META-INF/services, it is listed by {@code MidiSystem} like a USB keyboard, and {@link #play} sends a
 * message to whatever receiver the program under test connected to it.
 */
public final class FakeMidiKeyboard extends MidiDeviceProvider {
    static final String NAME = "Conch Test Keys";
    private static final MidiDevice.Info INFO = new MidiDevice.Info(NAME, "Conch tests", "a fake MIDI input", "1") {
    };
    private static volatile Receiver connected;
    private static final Device DEVICE = new Device();

    @Override
    public MidiDevice.Info[] getDeviceInfo() {
        return new MidiDevice.Info[] {INFO};
    }

    @Override
    public MidiDevice getDevice(MidiDevice.Info info) {
        if (info != INFO) throw new IllegalArgumentException("not this provider's device: " + info);
        return DEVICE;
    }

    /** True once a program opened the keyboard and connected a receiver. */
    static boolean connected() {
        return connected != null && DEVICE.isOpen();
    }

    /** Sends {@code m} to the connected receiver, as the keyboard would. */
    static void play(MidiMessage m) {
        Receiver r = connected;
        if (r == null) throw new IllegalStateException("nothing listens to " + NAME);
        r.send(m, -1);
    }

    private static final class Device implements MidiDevice {
        private volatile boolean open;

        @Override
        public Info getDeviceInfo() {
            return INFO;
        }

        @Override
        public void open() {
            open = true;
        }

        @Override
        public void close() {
            open = false;
            connected = null;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public long getMicrosecondPosition() {
            return -1;
        }

        @Override
        public int getMaxReceivers() {
            return 0;
        }

        @Override
        public int getMaxTransmitters() {
            return -1;
        }

        @Override
        public Receiver getReceiver() {
            throw new UnsupportedOperationException("an input only");
        }

        @Override
        public List<Receiver> getReceivers() {
            return List.of();
        }

        @Override
        public Transmitter getTransmitter() {
            return new Transmitter() {
                @Override
                public void setReceiver(Receiver receiver) {
                    connected = receiver;
                }

                @Override
                public Receiver getReceiver() {
                    return connected;
                }

                @Override
                public void close() {
                    connected = null;
                }
            };
        }

        @Override
        public List<Transmitter> getTransmitters() {
            return List.of();
        }
    }
}
