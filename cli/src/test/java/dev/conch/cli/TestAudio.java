package dev.conch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;

/** Files the CLI's tests make: float WAVs with exactly the samples given, and a one-Gain network. */
final class TestAudio {
    private TestAudio() {
    }

    /** A 48 kHz 32-bit float WAV holding {@code channels} exactly (NaN included), its folder made if missing. */
    static Path floatWav(Path file, float[]... channels) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (WavWriter w = WavWriter.open(file, channels.length, 48000, SampleFormat.FLOAT32)) {
            w.write(channels, 0, channels[0].length);
            w.commit();
        }
        return file;
    }

    /** A take as a recorder leaves it: 0.1 s of a stereo tone at 48 kHz, 24-bit. */
    static Path stereoTake(Path file) throws Exception {
        float[][] x = {new float[4800], new float[4800]};
        for (int i = 0; i < 4800; i++) x[0][i] = x[1][i] = (float) (0.3 * Math.sin(i * 0.05));
        try (WavWriter w = WavWriter.open(file, 2, 48000, SampleFormat.PCM24)) {
            w.write(x, 0, 4800);
            w.commit();
        }
        return file;
    }

    /** A network taking one channel in, through a Gain of {@code gainDb}, to one channel out. */
    static Path monoGain(Path file, double gainDb) throws Exception {
        return Files.writeString(file, """
                <network name="gain" version="4" sampleRate="48000">
                  <node id="in" type="AudioInput"><param name="channels">1</param></node>
                  <node id="g" type="Gain"><param name="gain">%s</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="in.out1" to="g.in"/>
                  <connect from="g.out" to="out.in1"/>
                </network>
                """.formatted(gainDb));
    }
}
