package dev.conch.cli;

import dev.conch.engine.driver.JavaSoundDriver;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code conch devices}: the audio outputs and inputs {@code conch play} can use. */
@Command(name = "devices", description = "List audio output and input devices for conch play.")
final class DevicesCommand extends CliCommand {

    @Override
    int run() {
        List<String> mixers = JavaSoundDriver.devices();
        out().println("Java Sound (--driver javasound --device NAME):");
        if (mixers.isEmpty()) out().println("  none: Java Sound sees no sound card (try --driver jack, or --driver null)");
        for (String m : mixers) out().println("  " + m);
        List<String> inputs = JavaSoundDriver.captureDevices();
        out().println("Java Sound inputs, for a network with an AudioInput (--driver javasound --device NAME):");
        if (inputs.isEmpty()) {
            out().println("  none: Java Sound sees no capture device (try --driver jack, or --driver null --input FILE)");
        }
        for (String m : inputs) out().println("  " + m);
        out().println("JACK (--driver jack): uses the running JACK server; ports conch:out_1.. connect to system:playback");
        out().println("null (--driver null): paced like a sound card, no sound; for testing realtime safety");
        List<String> midi = Midi.inputs();
        out().println("MIDI inputs (--midi NAME):");
        if (midi.isEmpty()) out().println("  none");
        for (String m : midi) out().println("  " + m);
        return OK;
    }
}
