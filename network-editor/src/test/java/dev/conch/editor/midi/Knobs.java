package dev.conch.editor.midi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A network whose sine's amplitude is a knob (a Constant from 0 to 1, starting at 0), and a cutoff knob in Hz. */
public final class Knobs {
    private Knobs() {
    }

    public static Path write(Path dir) throws IOException {
        return Files.writeString(dir.resolve("knobs.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="knobs" version="2" sampleRate="48000">
                  <node id="level" type="Constant" x="40" y="260">
                    <param name="min">0</param>
                    <param name="max">1</param>
                  </node>
                  <node id="cutoff" type="Constant" x="40" y="380">
                    <param name="min">20</param>
                    <param name="max">20000</param>
                    <param name="unit">Hz</param>
                    <param name="value">1000</param>
                  </node>
                  <node id="osc" type="Oscillator" x="40" y="120">
                    <param name="waveform">sine</param>
                    <param name="frequency">375</param>
                  </node>
                  <node id="out" type="AudioOutput" x="340" y="120">
                    <param name="channels">1</param>
                  </node>
                  <connect from="osc.out" to="out.in1"/>
                  <control from="level.out" to="osc.amplitude" mode="replace"/>
                </network>
                """);
    }
}
