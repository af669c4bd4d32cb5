package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.sound.midi.ShortMessage;

import dev.conch.engine.testing.Scheduling;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch play} through the paced null driver, heard through its own {@code --record}: every recording is read
 * back with Java Sound (not Conch's reader) and its frequency measured from zero crossings, so an option that is
 * parsed but ignored fails here.
 */
class PlayTest {
    @TempDir
    Path dir;

    @Test
    void setAndRateTakeEffectInWhatIsPlayed() throws Exception {
        Path rec = dir.resolve("take.wav");
        CliRun r = play("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.5",
                "--set", "osc.frequency=300", "--rate", "44100", "--record", rec.toString(), "--quiet");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("stopped:") && r.out().contains("recorded " + rec), r::toString);
        RenderTest.Wav w = RenderTest.Wav.read(rec);
        assertEquals(44100f, w.format().getSampleRate(), "the recording's header rate is --rate's");
        assertEquals(2, w.channels().length);
        assertEquals(24, w.format().getSampleSizeInBits(), "--record writes 24-bit WAV");
        // the sine.xml network says 1000 Hz; --set says 300. Measured at the header's rate, so a wrong rate shows too
        float[] x = w.channels()[0];
        assertTrue(x.length > 0.3 * 44100, "0.5 s played, " + x.length + " frames recorded");
        assertEquals(300, Signals.zeroCrossingFrequency(x, 0, x.length, 44100), 0.05);
        assertEquals(0.5, Signals.maxAbs(x), 1e-3, "amplitude 0.5 as the network says");
        assertEquals(0f, Signals.maxAbs(w.channels()[1]) - Signals.maxAbs(x), "both channels carry the sine");
    }

    /**
     * {@code --threads 2}: glass-drone (two branches, the saw's and the LFO's) played on the audio thread and a worker
     * records the very samples a serial render of the same frames writes.
     */
    @Test
    void playOnTwoThreadsIsTheSerialRender() throws Exception {
        Path rec = dir.resolve("two.wav");
        Path wav = dir.resolve("one.wav");
        String drone = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml").toString();
        CliRun r = play("play", drone, "--driver", "null", "--seconds", "1", "--threads", "2",
                "--record", rec.toString(), "--quiet");
        assertEquals(0, r.exit(), r::toString);
        CliRun render = CliRun.of("render", drone, "-o", wav.toString(), "--seconds", "2", "--block", "256", "--quiet");
        assertEquals(0, render.exit(), render::toString);
        float[][] played = RenderTest.Wav.read(rec).channels();
        float[][] rendered = RenderTest.Wav.read(wav).channels();
        assertTrue(played[0].length > 0.5 * 48000, "1 s played, " + played[0].length + " frames recorded");
        assertTrue(Signals.maxAbs(played[0]) > 0.001, "glass-drone played silence: the comparison proves nothing");
        for (int c = 0; c < played.length; c++) {
            assertArrayEquals(Arrays.copyOf(rendered[c], played[c].length), played[c], "channel " + c);
        }
    }

    /** A log or a pipe gets the status as plain lines: a \r redraw would pile up in it as one garbled line. */
    @Test
    void theStatusIsPlainLinesWhenStderrIsNotATerminal() {
        assertFalse(RenderProgress.stderrIsTerminal(), "the test's stderr is not a terminal");
        CliRun r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "2.5");
        assertEquals(0, r.exit(), r::toString);
        assertFalse(r.err().contains("\r"), r::toString);
        assertTrue(r.err().lines().filter(l -> l.startsWith("load ") && l.endsWith(" dBFS")).count() >= 2, r::toString);
    }

    /**
     * The null driver measures each callback's CPU time as well as its wall-clock time, and play reports both: the
     * CPU time can be no more than the wall-clock time it was measured within, and a worst is no less than a mean.
     */
    @Test
    void playReportsTheCallbacksCpuTimeBesideTheirWallClockLoadAndMisses() {
        CliRun r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--block", "64", "--seconds", "1",
                "--quiet");
        assertEquals(0, r.exit(), r::toString);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("stopped: (\\d+) callbacks, load ([0-9.]+)% mean / "
                + "([0-9.]+)% p99.9 / ([0-9.]+)% worst, (\\d+) xruns; CPU per callback ([0-9.]+)% mean / ([0-9.]+)% worst, "
                + "(\\d+) callbacks over their period").matcher(r.out());
        assertTrue(m.find(), r::toString);
        double wallMean = Double.parseDouble(m.group(2)), p999 = Double.parseDouble(m.group(3));
        double wallWorst = Double.parseDouble(m.group(4));
        double cpuMean = Double.parseDouble(m.group(6)), cpuWorst = Double.parseDouble(m.group(7));
        assertTrue(Long.parseLong(m.group(1)) > 500, "1 s at 64 frames is some 700 callbacks: " + r.out());
        assertTrue(p999 <= wallWorst && cpuMean <= cpuWorst, r.out());
        // the CPU clock is read inside the wall-clock span (PacedNullDriver), so only the printing's rounding is allowed
        assertTrue(cpuMean <= wallMean + 0.2, "CPU time within the wall-clock time: " + r.out());
    }

    @Test
    void aBadRateOrSetIsOneSentence() {
        CliRun rate = play("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.1", "--rate", "5");
        assertEquals(2, rate.exit(), rate::toString);
        assertTrue(rate.err().contains("--rate 5: give a sample rate from 1000 to 768000 Hz"), rate::toString);
        CliRun set = play("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.1",
                "--set", "oss.frequency=3");
        assertEquals(2, set.exit(), set::toString);
        assertTrue(set.err().contains("no node 'oss' (did you mean 'osc'?)"), set::toString);
        assertFalse(rate.err().contains("\tat ") || set.err().contains("\tat "), "no stack trace");
    }

    /**
     * While playing, the kernel (read in /proc) runs the audio thread and the worker as SCHED_FIFO when the system
     * permits it ({@code chrt} says), and {@code --realtime-priority 0} leaves them normal; a refusal is a note and
     * play goes on.
     */
    @Test
    void theAudioThreadAndTheWorkersPlayAtRealtimePriorityWherePermitted() throws Exception {
        boolean permitted = Scheduling.fifoPermitted();
        for (String priority : new String[] {"60", "0"}) {
            java.util.concurrent.atomic.AtomicReference<CliRun> run = new java.util.concurrent.atomic.AtomicReference<>();
            Thread player = new Thread(() -> run.set(CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null",
                    "--seconds", "1.5", "--threads", "2", "--realtime-priority", priority, "--quiet")));
            player.start();
            java.util.List<Integer> audio = java.util.List.of();
            long end = System.nanoTime() + 10_000_000_000L;
            while (audio.isEmpty() && player.isAlive() && System.nanoTime() < end) {
                Thread.sleep(20);
                audio = Scheduling.policiesOf("conch-audio-null");
            }
            java.util.List<Integer> workers = Scheduling.policiesOf("conch-worker-");
            player.join();
            assertEquals(0, run.get().exit(), run.get()::toString);
            boolean fifo = permitted && !priority.equals("0");
            int want = fifo ? Scheduling.FIFO : Scheduling.OTHER;
            assertEquals(java.util.List.of(want), audio, "the audio thread at --realtime-priority " + priority);
            assertTrue(workers.contains(want), "a worker at --realtime-priority " + priority + ": " + workers);
            assertEquals(permitted || priority.equals("0") ? "" : "note", run.get().err().contains("note: the system "
                    + "does not permit realtime priority") ? "note" : "", run.get()::toString);
        }
        CliRun bad = play("play", CliRun.network("sine.xml"), "--driver", "null", "--realtime-priority", "100");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("--realtime-priority 100: give 1 to 99, or 0 for normal scheduling"), bad::toString);
    }

    /**
     * Before the device starts, play warms the JIT on a copy of the network (Prewarm: offline until the JIT is done); the copy must not
     * open its file writer: nothing but the played take appears beside the network (an opened copy leaves its
     * temporary file behind), and the take holds what was played, 0.5 s.
     */
    @Test
    void theWarmUpCopyWritesNothing() throws Exception {
        Path wav = dir.resolve("writer-take.wav");
        Path net = dir.resolve("writer.xml");
        Files.writeString(net, """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="writer" version="1" sampleRate="48000">
                  <node id="osc" type="Oscillator"><param name="frequency">1000</param></node>
                  <node id="rec" type="AudioFileWriter">
                    <param name="file">%s</param><param name="channels">1</param>
                  </node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="osc.out" to="rec.in1"/>
                  <connect from="osc.out" to="out.in1"/>
                </network>
                """.formatted(wav.toString().replace("&", "&amp;").replace("<", "&lt;")));
        CliRun r = play("play", net.toString(), "--driver", "null", "--seconds", "0.5", "--quiet");
        assertEquals(0, r.exit(), r::toString);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.Set.of("writer.xml", "writer-take.wav"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        long frames = dev.conch.engine.io.AudioFileLoader.probe(wav).frames();
        assertTrue(frames > 0 && frames < 48000, "frames written by 0.5 s of play: " + frames);
    }

    /**
     * Commands typed on standard input while playing: a change is heard (1000 Hz becomes 250 Hz), a typo gets its
     * sentence and playing goes on, and {@code quit} stops long before {@code --seconds}.
     */
    @Test
    void commandsTypedOnStandardInputChangeWhatIsPlayedAndQuitStops() throws Exception {
        Path rec = dir.resolve("typed.wav");
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        Thread typist = new Thread(() -> {
            try {
                keyboard.write("oss.frequency=3\nosc.frequency=250\n".getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
                Thread.sleep(1500);
                keyboard.write("quit\n".getBytes(StandardCharsets.UTF_8));
                keyboard.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        typist.start();
        CliRun r = play(stdin, "play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "60",
                "--record", rec.toString(), "--quiet");
        double took = (System.nanoTime() - start) / 1e9;
        typist.join();
        assertEquals(0, r.exit(), r::toString);
        assertTrue(took < 30, "quit stopped playing after " + took + " s, not --seconds 60");
        assertTrue(r.err().contains("no node 'oss'"), "the typo is answered: " + r);
        RenderTest.Wav w = RenderTest.Wav.read(rec);
        float[] x = w.channels()[0];
        int tail = 12000; // the last 0.25 s
        assertTrue(x.length > 2 * tail, "recorded " + x.length + " frames");
        assertEquals(250, Signals.zeroCrossingFrequency(x, x.length - tail, tail, 48000), 0.05, "the typed frequency");
    }

    /**
     * {@code --watch}: the file is saved with a new frequency while it plays. The recording starts at the old
     * 1000 Hz, ends at the saved 500 Hz, and the change is a crossfade: no step between neighbouring samples is
     * larger than the sines' own (2π·1000/48000·0.5 = 0.065), where a cut between them could jump by up to 1.
     */
    @Test
    void watchReloadsASavedFileAndCrossfadesItIn() throws Exception {
        Path net = dir.resolve("watched.xml");
        String xml = Files.readString(Path.of(CliRun.network("sine.xml")));
        Files.writeString(net, xml);
        String saved = xml.replace("<param name=\"frequency\">1000</param>", "<param name=\"frequency\">500</param>");
        assertFalse(saved.equals(xml), "the edit applies to sine.xml");
        Path rec = dir.resolve("watched.wav");
        Thread editor = new Thread(() -> {
            try {
                // the recording's temporary file appears just before the device starts; the watch begins right after
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < deadline && countFiles() < 2) Thread.sleep(20);
                for (int save = 0; save < 2; save++) { // saved twice, as an editor might: the same content
                    Thread.sleep(700);
                    Files.writeString(net, saved);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        editor.start();
        CliRun r = play("play", net.toString(), "--driver", "null", "--seconds", "3.5", "--watch",
                "--record", rec.toString(), "--quiet");
        editor.join();
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("reloaded " + net), r::toString);
        float[] x = RenderTest.Wav.read(rec).channels()[0];
        assertTrue(x.length > 2 * 48000, "recorded " + x.length + " frames");
        assertEquals(1000, Signals.zeroCrossingFrequency(x, 0, 4800, 48000), 0.1, "the first 0.1 s");
        assertEquals(500, Signals.zeroCrossingFrequency(x, x.length - 12000, 12000, 48000), 0.05, "the last 0.25 s");
        float maxStep = 0;
        for (int i = 1; i < x.length; i++) maxStep = Math.max(maxStep, Math.abs(x[i] - x[i - 1]));
        assertTrue(maxStep < 0.07f, "largest step between samples " + maxStep + ": a cut, not a crossfade");
    }

    /**
     * {@code --watch} hears a sub-network saved too, not only the file given: the tone lives in voices/tone.xml (another
     * folder than the network's), and saving it at 500 Hz while playing is heard as saving the network is.
     */
    @Test
    void watchReloadsWhenAnIncludedSubNetworkIsSaved() throws Exception {
        Path net = dir.resolve("top.xml");
        Files.writeString(net, """
                <network name="top" version="2" sampleRate="48000">
                  <node id="tone" type="net:voices/tone.xml"/>
                  <node id="out" type="AudioOutput"><param name="channels">2</param></node>
                  <connect from="tone.out" to="out.in1"/>
                  <connect from="tone.out" to="out.in2"/>
                </network>
                """);
        Path voice = dir.resolve("voices").resolve("tone.xml");
        Files.createDirectories(voice.getParent());
        String tone = """
                <network name="tone" version="2">
                  <node id="osc" type="Oscillator"><param name="frequency">1000</param><param name="amplitude">0.5</param></node>
                  <node id="out" type="Outlet"/>
                  <connect from="osc.out" to="out.in"/>
                </network>
                """;
        Files.writeString(voice, tone);
        Path rec = dir.resolve("watched.wav");
        Thread editor = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < deadline && countFiles() < 3) Thread.sleep(20);
                Thread.sleep(700);
                Files.writeString(voice, tone.replace(">1000<", ">500<"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        editor.start();
        CliRun r = play("play", net.toString(), "--driver", "null", "--seconds", "3", "--watch",
                "--record", rec.toString(), "--quiet");
        editor.join();
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("reloaded " + net), r::toString);
        float[] x = RenderTest.Wav.read(rec).channels()[0];
        assertEquals(1000, Signals.zeroCrossingFrequency(x, 0, 4800, 48000), 0.1, "the first 0.1 s");
        assertEquals(500, Signals.zeroCrossingFrequency(x, x.length - 12000, 12000, 48000), 0.05, "the last 0.25 s");
    }

    /**
     * {@code --midi}: a MIDI input (a fake keyboard registered with Java Sound, see {@link FakeMidiKeyboard}) drives
     * the network's {@code <midi note="pitch">} binding: playing A4 turns the 1000 Hz sine into 440 Hz, heard in
     * the recording; a second note and its release go back to the held A4, the last note winning meanwhile.
     */
    @Test
    void midiNotesFromAnInputPlayThroughTheNetworksBindings() throws Exception {
        Path net = dir.resolve("keys.xml");
        String xml = Files.readString(Path.of(CliRun.network("sine.xml")));
        Files.writeString(net, xml.replace("</network>", "  <midi note=\"pitch\" to=\"osc.frequency\"/>\n</network>"));
        Path rec = dir.resolve("keys.wav");
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        Thread player = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!FakeMidiKeyboard.connected() && System.nanoTime() < deadline) Thread.sleep(10);
                Thread.sleep(300);
                FakeMidiKeyboard.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 69, 100));
                FakeMidiKeyboard.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 81, 100));
                Thread.sleep(300);
                FakeMidiKeyboard.play(new ShortMessage(ShortMessage.NOTE_OFF, 0, 81, 0));
                Thread.sleep(700);
                keyboard.write("quit\n".getBytes(StandardCharsets.UTF_8));
                keyboard.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        player.start();
        CliRun r = play(stdin, "play", net.toString(), "--driver", "null", "--seconds", "60", "--midi", "Test Keys",
                "--record", rec.toString(), "--quiet");
        player.join();
        assertEquals(0, r.exit(), r::toString);
        assertFalse(r.err().contains("no <midi> bindings"), r::toString);
        assertFalse(FakeMidiKeyboard.connected(), "play closed the MIDI input");
        float[] x = RenderTest.Wav.read(rec).channels()[0];
        assertEquals(1000, Signals.zeroCrossingFrequency(x, 0, 4800, 48000), 0.1, "before any note");
        assertEquals(440, Signals.zeroCrossingFrequency(x, x.length - 12000, 12000, 48000), 0.05,
                "A4, held after A5 was released");
        boolean a5 = false;
        for (int at = 4800; at + 2400 < x.length - 12000 && !a5; at += 1200) {
            a5 = Math.abs(Signals.zeroCrossingFrequency(x, at, 2400, 48000) - 880) < 0.5;
        }
        assertTrue(a5, "A5 (880 Hz) played while both notes were held");
    }

    /** A --midi device that does not exist is one sentence naming the inputs there are. */
    @Test
    void anUnknownMidiInputIsOneSentence() {
        CliRun r = play("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.1", "--midi", "Nope 9");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--midi Nope 9: no MIDI input with that name") && r.err().contains(FakeMidiKeyboard.NAME),
                r::toString);
    }

    /**
     * Runs play with {@code stdin} as its standard input. Every run gets its own: play reads commands from
     * System.in on a daemon thread that outlives the run, and on the JVM's own stdin it would swallow the commands
     * surefire sends its test JVM (the fork then waits 30 s to be killed at exit).
     */
    /**
     * --record naming the file played in (--input), the network being played, or a sample a node reads: the recording
     * replaced it (exit 0, the take gone), where render refuses the same -o. A folder, or a missing one, is refused
     * as an argument (exit 2) before the device starts. Every file stays as it was.
     */
    @Test
    void aRecordingNeverWritesOverAFileThePlayReads() throws Exception {
        Path take = TestAudio.stereoTake(dir.resolve("take.wav"));
        byte[] before = Files.readAllBytes(take);
        Path networks = Path.of(System.getProperty("conch.networks", "../networks"));
        String shaper = networks.resolve("glass-shaper.xml").toString();
        CliRun input = play("play", shaper, "--driver", "null", "--input", take.toString(), "--seconds", "0.2",
                "--record", dir.resolve(".").resolve("take.wav").toString(), "--quiet");
        assertEquals(2, input.exit(), input::toString);
        assertTrue(input.err().contains("is the --input file " + take + ": the recording would write over what it "
                + "reads; give --record another file"), input::toString);
        assertArrayEquals(before, Files.readAllBytes(take));

        Path net = Files.copy(Path.of(CliRun.network("sine.xml")), dir.resolve("sine.xml"));
        byte[] netBefore = Files.readAllBytes(net);
        CliRun self = play("play", net.toString(), "--driver", "null", "--seconds", "0.2", "--record", net.toString(),
                "--quiet");
        assertEquals(2, self.exit(), self::toString);
        assertTrue(self.err().contains("is the network file " + net + ": the recording would write sound over it"),
                self::toString);
        assertArrayEquals(netBefore, Files.readAllBytes(net));

        Files.createDirectories(dir.resolve("ir"));
        Path ir = Files.copy(networks.resolve("ir/room-ir.wav"), dir.resolve("ir/room-ir.wav"));
        Path reverb = Files.copy(networks.resolve("convolution-reverb.xml"), dir.resolve("convolution-reverb.xml"));
        byte[] irBefore = Files.readAllBytes(ir);
        CliRun node = play("play", reverb.toString(), "--driver", "null", "--seconds", "0.2", "--record", ir.toString(),
                "--quiet");
        assertEquals(2, node.exit(), node::toString);
        assertTrue(node.err().contains("node 'room' reads " + ir + ", the file --record names, so the recording would "
                + "write over it"), node::toString);
        assertArrayEquals(irBefore, Files.readAllBytes(ir));

        CliRun folder = play("play", net.toString(), "--driver", "null", "--seconds", "0.2", "--record", dir.toString());
        assertEquals(2, folder.exit(), folder::toString);
        assertTrue(folder.err().contains("--record " + dir + ": is a directory"), folder::toString);
        CliRun missing = play("play", net.toString(), "--driver", "null", "--seconds", "0.2", "--record",
                dir.resolve("no/take.wav").toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("does not exist"), missing::toString);
    }

    /**
     * A play that never starts leaves --record's target as it was, with no temporary file beside it: a MIDI input
     * that is not there left the take's temporary file behind, and a device that failed to start (JACK not running,
     * in a child JVM told to find a server that does not exist) replaced the user's earlier take with an empty one.
     */
    @Test
    void aPlayThatNeverStartsLeavesTheRecordingsTargetAsItWas() throws Exception {
        Path take = dir.resolve("take.wav");
        byte[] before = "the user's earlier take".getBytes(StandardCharsets.UTF_8);
        Files.write(take, before);
        CliRun midi = play("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.2", "--midi",
                "conch-no-such-keyboard", "--record", take.toString());
        assertEquals(2, midi.exit(), midi::toString);
        assertArrayEquals(before, Files.readAllBytes(take));
        assertEquals(1, countFiles(), "nothing beside the take\n" + midi);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Conch.class.getName(),
                "play", CliRun.network("sine.xml"), "--driver", "jack", "--seconds", "1", "--record", take.toString())
                .redirectErrorStream(true);
        pb.environment().put("JACK_DEFAULT_SERVER", "conch-no-such-server-" + ProcessHandle.current().pid());
        pb.environment().put("JACK_NO_START_SERVER", "1");
        Process child = pb.start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
        assertTrue(child.exitValue() != 0, "a device that cannot play is a failure\n" + output);
        assertFalse(output.contains("recorded "), output);
        assertArrayEquals(before, Files.readAllBytes(take), "the earlier take was replaced\n" + output);
        assertEquals(1, countFiles(), "nothing beside the take\n" + output);
    }

    private static CliRun play(InputStream stdin, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(stdin);
            return CliRun.of(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static CliRun play(String... args) {
        return play(InputStream.nullInputStream(), args);
    }

    private long countFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /**
     * A choice typed while playing takes the word, as --set does, and the index: the recording's last 50 ms must be
     * a sawtooth, i.e. break the sine's exact recurrence x[n+1] + x[n-1] = 2 cos(w) x[n] at its jumps.
     */
    @Test
    void aChoiceTypedWhilePlayingTakesTheWordOrTheIndex(@TempDir Path dir) throws Exception {
        for (String typed : new String[] {"osc.waveform=saw", "set osc waveform 1"}) {
            Path rec = dir.resolve(typed.length() + ".wav");
            java.io.InputStream stdin = System.in;
            CliRun r;
            try {
                System.setIn(new java.io.ByteArrayInputStream((typed + "\n").getBytes(StandardCharsets.UTF_8)));
                // 2 s: the line is read by play's console thread, which a loaded machine may run late (0.6 s was
                // too short for it at a load average of 18)
                r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "2",
                        "--record", rec.toString(), "--quiet");
            } finally {
                System.setIn(stdin);
            }
            assertEquals(0, r.exit(), r::toString);
            assertFalse(r.err().contains("choices by index") || r.err().contains("not a number"), r::toString);
            float[] x = RenderTest.Wav.read(rec).channels()[0];
            double k = 2 * Math.cos(2 * Math.PI * 1000 / 48000);
            double worst = 0;
            for (int n = x.length - 2400; n < x.length - 1; n++) {
                worst = Math.max(worst, Math.abs(x[n + 1] + x[n - 1] - k * x[n]));
            }
            assertTrue(worst > 0.2, typed + ": still a sine at the end (residual " + worst + ")\n" + r);
        }
        CliRun sine = CliRun.of("render", CliRun.network("sine.xml"), "-o", dir.resolve("s.wav").toString(),
                "--set", "osc.waveform=0", "-q");
        assertEquals(0, sine.exit(), "--set takes the index too\n" + sine);
    }

    /** --record writes 24 bits: a sine at amplitude 4 (+12.0 dBFS) clips, and play says so, with the count. */
    @Test
    void aRecordingThatClipsSaysSo(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("loud.wav");
        CliRun r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.3",
                "--set", "osc.amplitude=4", "--record", rec.toString(), "--quiet");
        assertEquals(0, r.exit(), r::toString);
        long atFullScale = 0;
        for (float[] ch : RenderTest.Wav.read(rec).channels()) {
            for (float x : ch) if (x == -1f || x == 8388607 / 8388608f) atFullScale++;
        }
        assertTrue(atFullScale > 1000, "the test signal clips: " + atFullScale);
        assertTrue(r.err().contains("warning: " + rec + ": " + atFullScale + " samples clipped (peak +12.0 dBFS); "
                + "lower the gain"), atFullScale + "\n" + r);
    }
}
