package dev.conch.cli;

import dev.conch.engine.concurrent.RealtimePriority;
import dev.conch.engine.driver.AudioDriver;
import dev.conch.engine.driver.CallbackStats;
import dev.conch.engine.driver.JavaSoundDriver;
import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.driver.PacedNullDriver;
import dev.conch.engine.driver.Prewarm;
import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.driver.jack.JackDriver;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.io.AsyncAudioWriter;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.midi.MidiLearner;
import dev.conch.engine.midi.MidiMapper;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sound.midi.MidiDevice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code conch play NET.xml}: runs a network live. Type {@code node.param=value} to change a param while it plays;
 * {@code --watch} reloads the file whenever it is saved and crossfades the new network in.
 */
@Command(name = "play", sortOptions = false,
        description = "Play a network live (Java Sound, JACK, or a paced null device).",
        footer = {"", "While playing, type node.param=value (or: set node.param value) and Enter; quit or Ctrl-C stops.",
                "", "Examples:", "  conch play networks/glass-drone.xml",
                "  conch play networks/glass-drone.xml --driver jack --block 128 --watch",
                "  conch play networks/glass-drone.xml --driver null --seconds 10 --record take.wav",
                "  conch play networks/glass-shaper.xml --driver jack --connect-inputs",
                "  conch play networks/glass-shaper.xml --input glass.wav",
                "  conch play networks/midi-synth.xml --panel --midi KEYBOARD"})
final class PlayCommand extends CliCommand {

    @Mixin
    NetworkArgs network;

    @Option(names = "--driver", paramLabel = "javasound|jack|null", defaultValue = "javasound",
            description = "audio output (default: ${DEFAULT-VALUE}); null runs paced with no sound")
    String driver;

    @Option(names = "--device", paramLabel = "NAME", description = "Java Sound device (see `conch devices`)")
    String device;

    @Option(names = "--block", paramLabel = "N", defaultValue = "256",
            description = "frames per callback, 1..8192 (default: ${DEFAULT-VALUE}; JACK uses its own period)")
    int block;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "threads running each callback's independent branches, 1..64 (default: ${DEFAULT-VALUE}: "
                    + "more is not yet measured safe live; what is played does not depend on it)")
    int threads;

    @Option(names = "--realtime-priority", paramLabel = "P", defaultValue = "" + RealtimePriority.AUDIO,
            description = "SCHED_FIFO priority of the audio thread (the workers run one below it), 1..99, or 0 for "
                    + "normal scheduling (default: ${DEFAULT-VALUE}; Linux; where the system refuses it, play goes on "
                    + "at normal priority and says so). JACK gives its own threads the server's priority")
    int realtimePriority;

    @Option(names = "--buffer", paramLabel = "BLOCKS", defaultValue = "3",
            description = "device buffer in blocks for javasound and null, 2..8 (default: ${DEFAULT-VALUE})")
    int buffer;

    @Option(names = "--input", paramLabel = "IN.wav",
            description = "play this sound file (looped) into the network's AudioInput instead of the device's input; "
                    + "repeat to fill more channels, in order. Needed with --driver null")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--connect-inputs",
            description = "JACK: connect the sound card's capture ports (system:capture_*) to the network's input ports")
    boolean connectInputs;

    @Option(names = "--seconds", paramLabel = "S", description = "stop after S seconds (default: until quit or Ctrl-C)")
    Double seconds;

    @Option(names = "--watch", description = "reload the file when it is saved; the new network crossfades in")
    boolean watch;

    @Option(names = "--fade", paramLabel = "MS", defaultValue = "20",
            description = "crossfade length for --watch reloads (default: ${DEFAULT-VALUE} ms)")
    double fadeMillis;

    @Option(names = "--record", paramLabel = "OUT.wav", description = "also record what is played (24-bit WAV)")
    Path record;

    @Option(names = "--midi", paramLabel = "DEVICE",
            description = "MIDI input (name or part of it, see `conch devices`) for the network's <midi> bindings")
    String midi;

    @Option(names = "--panel", description = "also show the network's knobs (its Constant nodes) in a window: live, "
            + "MIDI-learnable with --midi, savable into the file; closing it stops (needs a screen)")
    boolean panel;

    @Option(names = {"-q", "--quiet"}, description = "no status line")
    boolean quiet;

    private volatile boolean stopRequested;

    @Override
    int run() throws Exception {
        checkBlock(block);
        checkThreads(threads);
        if (buffer < 2 || buffer > 8) throw new UserError("--buffer " + buffer + ": give 2 to 8 blocks");
        if (realtimePriority < 0 || realtimePriority > 99) {
            throw new UserError("--realtime-priority " + realtimePriority + ": give 1 to 99, or 0 for normal scheduling");
        }
        if (panel && !EditCommand.hasDisplay()) {
            throw new UserError("--panel opens a window, and this session has no screen (DISPLAY is not set): run it on a "
                    + "desktop or under xvfb-run, or leave --panel out");
        }
        NetworkSpec spec = network.load(err(), inputs);
        String driverName = driver.toLowerCase(Locale.ROOT);
        if (!List.of("javasound", "jack", "null").contains(driverName)) {
            throw new UserError("--driver " + driver + ": choose javasound, jack or null");
        }
        WriteTargets.checkFolder("--record", record, "take.wav");
        ProcessorRegistry registry = ProcessorRegistry.load();
        CompiledNetwork net = NetworkFiles.compile(network.file, spec, registry, Math.max(block, 8192 / 8), err());
        boolean prints = NetworkFiles.printTo(net, out());
        boolean writes = NetworkFiles.writesFiles(spec);
        if (net.outputChannels() == 0 && !prints && !writes) err().println(network.file + ": warning: " + Messages.NOTHING_TO_SHOW);
        if (net.outputChannels() == 0 && record != null) {
            throw new UserError("--record " + record + ": " + network.file + " has no AudioOutput node, so there is no sound "
                    + "to record; leave out --record");
        }
        // the file played in, the network (watched for saves) and its samples are the user's: a take never replaces them
        WriteTargets targets = new WriteTargets(network.file, net, registry, inputs, "--input", "the recording");
        targets.checkNotRead("--record", record);
        targets.checkInputsNotWritten();
        if (connectInputs && !driverName.equals("jack")) {
            throw new UserError("--connect-inputs connects JACK ports; play with --driver jack, or leave it out");
        }
        RecordedInput fileInput = null;
        if (!inputs.isEmpty() || (net.inputChannels() > 0 && driverName.equals("null"))) {
            fileInput = InputFiles.load(network.file, net, inputs, true, "--input"); // the null driver has no capture
        }
        int deviceInputs = fileInput == null ? net.inputChannels() : 0;
        // a network that only prints or writes files still runs at the device's pace, playing silence
        AudioDriver audio = driver(spec, net.outputChannels() > 0 ? net.outputChannels() : 2, deviceInputs);
        audio.realtimePriority(realtimePriority);
        warmUp(spec, net);
        Engine engine = engine(net);
        LiveSession session = new LiveSession(engine, fadeMillis);
        session.onError(m -> err().println("conch: " + m));
        // before any file is opened: a MIDI input that is not there left the recording's temporary file behind
        MidiLearner learner = new MidiLearner(new MidiMapper(session, spec.midi(), block)); // learns only from the panel
        MidiDevice midiIn = midi == null ? null : Midi.open(midi, learner);
        if (midiIn != null && spec.midi().isEmpty() && !panel) {
            err().println("warning: " + network.file + " has no <midi> bindings, so MIDI from " + midi + " changes nothing");
        }
        engine.open();
        AsyncAudioWriter recorder = null;
        boolean started = false;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            try {
                finished.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "conch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            recorder = record == null ? null
                    : AsyncAudioWriter.open(record, net.outputChannels(), net.sampleRate(), SampleFormat.PCM24, 8192);
            session.record(recorder);
            audio.start(fileInput == null ? session : fileInput.feeding(session));
            started = true;
            out().println("playing " + network.file + " through " + audio.describe() + (watch ? ", watching for saves" : "")
                    + "; type node.param=value to change, quit to stop");
            if (net.inputChannels() > 0) out().println(inputLine(audio, fileInput, engine));
            noteRealtimeRefusal(audio, engine);
            out().flush();
            startDaemon("conch-stdin", () -> readCommands(session));
            if (watch) startDaemon("conch-watch", () -> watchFile(session, net.maxBlock()));
            if (panel) {
                List<String> midiNames = midiIn == null ? List.of() : List.of(midiIn.getDeviceInfo().getName());
                startDaemon("conch-panel", () -> {
                    // JavaFX loads here only: play without --panel never touches it
                    dev.conch.editor.panel.PanelApp.run(session, spec, Path.of(network.file), learner, midiNames);
                    stopRequested = true;
                });
            }
            statusLoop(audio.stats(), session);
        } finally {
            if (midiIn != null) midiIn.close();
            if (!started) {
                // the device never played (JACK not running, another rate): nothing was heard, so the recording's
                // target and the network's own file writers' keep what they held, where an empty take replaced them
                if (recorder != null) recorder.abort();
                try {
                    engine.abort();
                } catch (IOException suppressed) {
                    // the failure to start is the one to report
                }
            }
            audio.stop(); // also closes every engine the session still holds
            if (recorder != null && started) {
                session.record(null);
                AsyncAudioWriter.Result r = recorder.close();
                out().println("recorded " + r.file() + " (" + Messages.duration(r.framesWritten() / net.sampleRate()) + ")"
                        + (r.blocksDropped() > 0 ? "; " + r.blocksDropped() + " blocks were dropped because the disk fell behind" : ""));
                if (r.clipping().any()) err().println(Messages.clipped(r.file().toString(), r.clipping(), null));
            }
            String failure = session.engine().failure();
            if (failure != null) err().println("error: a processor failed and was silenced: " + failure);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
        CallbackStats s = audio.stats();
        out().println(String.format(Locale.ROOT, "stopped: %d callbacks, load %.1f%% mean / %.1f%% p99.9 / %.1f%% worst,"
                        + " %d xruns%s", s.callbacks(), 100 * s.meanLoad(), 100 * s.quantile(0.999), 100 * s.maxLoad(),
                s.misses(), cpuPart(s)));
        return OK;
    }

    /**
     * The callbacks' CPU time where the driver measures it (the null driver): wall-clock load includes the time the
     * OS ran other threads, CPU time is the network's own work, so the two tell a busy machine from a heavy network.
     */
    private static String cpuPart(CallbackStats s) {
        if (!s.workMeasured()) return "";
        return String.format(Locale.ROOT, "; CPU per callback %.1f%% mean / %.1f%% worst, %d callbacks over their period",
                100 * s.meanWork(), 100 * s.maxWork(), s.workMisses());
    }

    /** An engine on {@link #threads} threads, the workers one priority below the audio thread. */
    private Engine engine(CompiledNetwork net) {
        return new Engine(net).threads(threads).realtimePriority(Math.max(0, realtimePriority - 1));
    }

    /** One note when the system refused realtime priority to the audio thread or a worker: play goes on. */
    private void noteRealtimeRefusal(AudioDriver audio, Engine engine) {
        List<RealtimePriority.Outcome> asked = new ArrayList<>(engine.workerRealtime());
        if (audio.realtime() != null) asked.add(0, audio.realtime());
        asked.stream().filter(o -> !o.granted()).findFirst().ifPresent(o -> err().println("note: " + o.why()));
    }

    /** @param inputs capture channels the device must give (0 when a file or nothing feeds the input) */
    private AudioDriver driver(NetworkSpec spec, int channels, int inputs) {
        return switch (driver.toLowerCase(Locale.ROOT)) {
            case "javasound" -> new JavaSoundDriver(spec.sampleRate(), inputs, channels, block, buffer, device);
            case "jack" -> new JackDriver(JackDriver.DEFAULT_CLIENT_NAME, inputs, channels,
                    outputPortNames(spec, channels), true, connectInputs);
            default -> new PacedNullDriver(spec.sampleRate(), channels, block, buffer);
        };
    }

    /** Where the network's input comes from, and how late it plays it when a multi-rate chain runs ahead. */
    private String inputLine(AudioDriver audio, RecordedInput fileInput, Engine engine) {
        String from = fileInput != null ? String.join(" + ", inputs.stream().map(Path::toString).toList()) + " (looped)"
                : audio instanceof JackDriver jack ? String.join(", ", jack.inputPortNames())
                + (connectInputs ? " <- " + String.join(", ", jack.connections().stream()
                        .filter(c -> c.contains(" -> " + JackDriver.DEFAULT_CLIENT_NAME + ":in_"))
                        .map(c -> c.substring(0, c.indexOf(" -> "))).toList()) : " (connect them to hear the input)")
                : "the device's input (" + audio.describe() + ")";
        int lead = engine.inputLatency();
        return "input    " + from + (lead > 0 ? String.format(Locale.ROOT, ", played %d frames (%.1f ms) late for the "
                + "network's multi-rate chains", lead, 1000.0 * lead / engine.sampleRate()) : "");
    }

    /** JACK ports named after the network's output node: {@code out_1, out_2} for a node {@code out}. */
    private static List<String> outputPortNames(NetworkSpec spec, int channels) {
        String id = spec.nodes().stream().filter(n -> n.type().equals("AudioOutput")).findFirst()
                .map(n -> n.id()).orElse("out");
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= channels; c++) names.add(id + "_" + c);
        return names;
    }

    /** The JIT compiles a copy of the network before the device starts (see {@link Prewarm}). */
    private void warmUp(NetworkSpec spec, CompiledNetwork net) throws UserError {
        try {
            Prewarm.run(NetworkCompiler.compile(spec, ProcessorRegistry.load(), net.maxBlock()), block, Prewarm.BUDGET_SECONDS);
        } catch (NetworkException e) {
            throw new UserError(Messages.problems(network.file, e)); // it compiled once: only a compiler bug gets here
        }
    }

    private void statusLoop(CallbackStats stats, LiveSession session) throws InterruptedException {
        long start = System.nanoTime();
        float[][] levels = new float[64][64];
        float peak = 0;
        long lastPrint = 0;
        // a terminal gets one line redrawn in place; a log or a pipe gets plain lines, one a second, never a \r
        boolean redraw = RenderProgress.stderrIsTerminal();
        long interval = redraw ? 250_000_000L : 1_000_000_000L;
        while (!stopRequested) {
            Thread.sleep(50);
            int n;
            while ((n = session.meters().poll(levels, 64)) > 0) {
                for (int c = 0; c < session.meters().channels(); c++) {
                    for (int i = 0; i < n; i++) peak = Math.max(peak, levels[c][i]);
                }
            }
            long now = System.nanoTime();
            if (seconds != null && (now - start) / 1e9 >= seconds) break;
            if (!quiet && now - lastPrint > interval) {
                String db = peak <= 0 ? "-inf" : String.format(Locale.ROOT, "%.1f", 20 * Math.log10(peak));
                String status = String.format(Locale.ROOT, "load %5.1f%% mean / %5.1f%% worst   xruns %d   peak %s dBFS",
                        100 * stats.meanLoad(), 100 * stats.maxLoad(), stats.misses(), db);
                if (redraw) err().print("\r" + status + "   ");
                else err().println(status);
                err().flush();
                peak = 0;
                lastPrint = now;
            }
        }
        if (!quiet && redraw) err().println();
    }

    private void readCommands(LiveSession session) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                LiveCommands.Line line = LiveCommands.parse(text);
                if (line == null) continue;
                if (line.quit()) {
                    stopRequested = true;
                    return;
                }
                if (line.problem() != null) {
                    err().println("\n" + line.problem());
                    continue;
                }
                try {
                    if (!session.set(line.node(), line.param(), line.value())) err().println("\ntoo many changes queued; try again");
                } catch (IllegalArgumentException e) {
                    err().println("\n" + e.getMessage());
                }
            }
        } catch (IOException e) {
            err().println("\nconch: standard input: " + e.getMessage());
        }
    }

    private void watchFile(LiveSession session, int maxBlock) {
        Path file = Path.of(network.file).toAbsolutePath();
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            Set<Path> watched = watchedFiles(file, ws, Set.of());
            while (!stopRequested) {
                WatchKey key = ws.take();
                boolean ours = false;
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.context() instanceof Path name && watched.contains(normal(((Path) key.watchable()).resolve(name)))) {
                        ours = true;
                    }
                }
                key.reset();
                if (!ours) continue;
                Thread.sleep(100); // editors save in several writes; let them finish
                try {
                    watched = watchedFiles(file, ws, watched); // a sub-network included since is watched too
                    CompiledNetwork next = NetworkFiles.compile(network.file, network.load(), ProcessorRegistry.load(), maxBlock, err());
                    NetworkFiles.printTo(next, out());
                    Engine e = engine(next);
                    e.open();
                    session.swap(e);
                    err().println("\nreloaded " + network.file);
                } catch (UserError problems) {
                    err().println();
                    for (String l : problems.lines()) err().println(l);
                    err().println("(still playing the previous version)");
                } catch (Exception ex) {
                    err().println("\nconch: cannot reload " + network.file + ": " + ex.getMessage() + " (still playing the previous version)");
                }
            }
        } catch (IOException e) {
            err().println("\nconch: cannot watch " + network.file + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The network's file and every sub-network file it includes (a saved voice is heard as a saved network is),
     * their folders registered with {@code ws}. Read as written (the network given to play is already flattened).
     */
    private static Set<Path> watchedFiles(Path file, WatchService ws, Set<Path> before) throws IOException {
        Set<Path> files = new HashSet<>(before);
        files.add(normal(file));
        try {
            for (Path p : SubNetworks.files(NetworkXml.read(file))) files.add(normal(p));
        } catch (NetworkException | IOException | RuntimeException e) {
            // the compile reports it; the top file alone is watched until it reads
        }
        Set<Path> folders = new HashSet<>();
        for (Path f : files) if (f.getParent() != null && folders.add(f.getParent())) {
            f.getParent().register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        }
        return files;
    }

    /** One spelling per file, so a watch event's path and an included file's path compare equal. */
    private static Path normal(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static void startDaemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
