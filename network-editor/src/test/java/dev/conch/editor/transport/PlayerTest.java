package dev.conch.editor.transport;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Play/Stop as the transport bar drives it, through the paced null driver (no sound card needed). */
class PlayerTest {
    final ProcessorRegistry registry = ProcessorRegistry.load();
    @TempDir
    Path dir;

    /** A 440 Hz sine at amplitude 0.5 through a 0 dB gain, both channels. */
    private NetworkSpec sine() throws Exception {
        return NetworkXml.read(sineFile(dir));
    }

    /** The sine network written in {@code dir}. */
    static Path sineFile(Path dir) throws IOException {
        Path file = dir.resolve("sine.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="sine" version="1" sampleRate="48000">
                  <node id="osc" type="Oscillator"><param name="frequency">440</param><param name="amplitude">0.5</param></node>
                  <node id="gain" type="Gain"><param name="gain">0</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">2</param></node>
                  <connect from="osc.out" to="gain.in"/>
                  <connect from="gain.out" to="out.in1"/>
                  <connect from="gain.out" to="out.in2"/>
                </network>
                """);
        return file;
    }

    /**
     * Waits until the peak the player reports over 0.1 s settles within 2 % of {@code expected} (a set ramps over
     * 20 ms, a swap crossfades over 30 ms); fails with the last peak after 10 s. A change that is ignored never
     * settles there.
     */
    static void peakSettlesAt(Player player, double expected, String what) throws InterruptedException {
        float peak = 0;
        for (int tries = 0; tries < 100; tries++) {
            player.drainPeak(); // what was played before this window
            Thread.sleep(100);
            peak = player.drainPeak();
            if (Math.abs(peak - expected) < 0.02 * expected) return;
        }
        fail(what + ": the played peak stayed at " + peak + ", expected " + expected);
    }

    @Test
    void aLiveSetAndAHotSwapChangeWhatIsPlayedThenStopStops() throws Exception {
        NetworkSpec spec = sine();
        Player player = new Player(registry);
        try {
            player.start(spec, "null");
            assertTrue(player.playing());
            peakSettlesAt(player, 0.5, "as loaded");
            assertTrue(player.set("osc", "amplitude", 0.1), "a live change is queued");
            peakSettlesAt(player, 0.1, "after setting osc.amplitude to 0.1");
            // the swapped network has the loaded amplitude again and -20 dB of gain: 0.5 × 0.1
            player.swap(spec.withParam("gain", "gain", "-20"));
            peakSettlesAt(player, 0.05, "after swapping in gain -20 dB");
            assertTrue(player.stats().callbacks() >= 10, "callbacks: " + player.stats().callbacks());
        } finally {
            player.stop();
        }
        assertFalse(player.playing());
        assertEquals("stopped", player.describe());
        assertEquals(0f, player.drainPeak(), "nothing plays once stopped");
        assertFalse(player.set("osc", "amplitude", 0.3), "nothing to change once stopped");
    }

    /**
     * Issue 21: before its device starts, the player runs a copy of the network for as long as {@code conch play}
     * does (2 s: 96000 frames at 48 kHz), so the JIT has compiled its nodes when the first callback comes. The copy
     * is neither the engine played nor opened: a network writing a file writes only what was played (warming the
     * played engine would put 2 s in front of the take; an opened copy would leave a second, partial file).
     */
    @Test
    void theDeviceStartsAfterACopyHasWarmedTheJitAndTheCopyWritesNothing() throws Exception {
        Path take = dir.resolve("take.wav");
        Path file = dir.resolve("writer.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="writer" version="2" sampleRate="48000">
                  <node id="osc" type="Oscillator"><param name="frequency">1000</param></node>
                  <node id="rec" type="AudioFileWriter"><param name="file">%s</param><param name="channels">1</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="osc.out" to="rec.in1"/>
                  <connect from="osc.out" to="out.in1"/>
                </network>
                """.formatted(take.toString().replace("&", "&amp;").replace("<", "&lt;")));
        Player player = new Player(registry);
        assertEquals(0, player.warmedUp());
        long playedAtStart;
        try {
            player.start(NetworkXml.read(file), "null");
            playedAtStart = player.engine().framesPlayed();
            Thread.sleep(300);
        } finally {
            player.stop();
        }
        assertTrue(player.warmedUp() >= 256 * 2_000L, "at least one stretch of the copy (Prewarm): " + player.warmedUp());
        assertTrue(playedAtStart < 48_000, "the engine played had not run the warm-up: " + playedAtStart);
        try (var files = Files.list(dir)) {
            assertEquals(java.util.Set.of("writer.xml", "take.wav"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        long frames = dev.conch.engine.io.AudioFileLoader.probe(take).frames();
        assertTrue(frames > 0 && frames < 48_000, "the take holds the 0.3 s played, not the warm-up: " + frames);
    }

    /** The transport's Threads choice: the engine runs on the audio thread and a worker, and plays the same. */
    @Test
    void playsOnTheThreadsChosenAndSwapsKeepThem() throws Exception {
        Player player = new Player(registry);
        player.threads(2);
        try {
            player.start(sine(), "null");
            assertEquals(2, player.engine().threads());
            peakSettlesAt(player, 0.5, "as loaded, on 2 threads");
            player.swap(sine().withParam("gain", "gain", "-20"));
            peakSettlesAt(player, 0.05, "after a swap, on 2 threads");
            assertEquals(2, player.engine().threads(), "the swapped-in engine");
        } finally {
            player.stop();
        }
        assertThrows(IllegalArgumentException.class, () -> player.threads(0));
    }

    @Test
    void aNetworkWithoutOutputSaysSo() {
        NetworkSpec silent = new NetworkSpec("silent", 1, 48000, 0, "", List.of(), List.of(), List.of());
        IOException e = assertThrows(IOException.class, () -> new Player(registry).start(silent, "null"));
        assertTrue(e.getMessage().contains("no AudioOutput"), e.getMessage());
    }

    /** A network that takes sound in (AudioInput -> Gain -> out) and a mono 0.4-amplitude sine file for it. */
    private NetworkSpec throughInput(int channels) throws Exception {
        return NetworkXml.read("<network name=\"in\" version=\"2\" sampleRate=\"48000\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">" + channels + "</param></node>"
                + "<node id=\"gain\" type=\"Gain\"><param name=\"gain\">0</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">2</param></node>"
                + "<connect from=\"in.out" + channels + "\" to=\"gain.in\"/><connect from=\"gain.out\" to=\"out.in1\"/>"
                + "</network>", "in.xml");
    }

    private Path sineWav(int channels) throws Exception {
        Path file = dir.resolve("sine" + channels + ".wav");
        float[][] x = new float[channels][48000];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < x[c].length; i++) x[c][i] = (float) (0.4 * Math.sin(2 * Math.PI * 300 * i / 48000.0));
        }
        try (var w = dev.conch.engine.io.WavWriter.open(file, channels, 48000, dev.conch.engine.io.SampleFormat.FLOAT32)) {
            w.write(x, 0, x[0].length);
            w.commit();
        }
        return file;
    }

    @Test
    void aNetworkThatTakesSoundInHearsTheChosenFileAndMetersIt() throws Exception {
        Player player = new Player(registry);
        player.input(sineWav(1));
        try {
            player.start(throughInput(2), "null"); // a mono file feeds both channels: out.in1 hears channel 2
            peakSettlesAt(player, 0.4, "the file through the network");
            Thread.sleep(200);
            float in = player.drainInputPeak();
            assertEquals(0.4, in, 0.01, "the input meter shows the file's level");
        } finally {
            player.stop();
        }
        assertEquals(0f, player.drainInputPeak(), "no input once stopped");
    }

    @Test
    void withoutAFileOrWithTheWrongOneTheNullDriverSaysWhatToDo() throws Exception {
        Player player = new Player(registry);
        IOException none = assertThrows(IOException.class, () -> player.start(throughInput(1), "null"));
        assertTrue(none.getMessage().contains("the null driver has no input: choose an input file"), none.getMessage());
        assertFalse(player.playing());
        player.input(sineWav(2));
        IOException wrong = assertThrows(IOException.class, () -> player.start(throughInput(3), "null"));
        assertTrue(wrong.getMessage().contains("has 2 channels but the network's AudioInput takes 3"), wrong.getMessage());
        assertFalse(player.playing());
    }
}
