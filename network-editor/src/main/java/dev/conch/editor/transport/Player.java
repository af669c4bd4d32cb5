package dev.conch.editor.transport;

import dev.conch.engine.concurrent.RealtimePriority;
import dev.conch.engine.driver.AudioDriver;
import dev.conch.engine.driver.CallbackStats;
import dev.conch.engine.driver.JavaSoundDriver;
import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.driver.PacedNullDriver;
import dev.conch.engine.driver.Prewarm;
import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.driver.jack.JackDriver;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plays the document's network through a driver (no JavaFX here). Param changes go live through the session's
 * control queue; structural edits compile a new engine off the audio thread and hot-swap it with a crossfade.
 *
 * <p>A network that takes sound in (an AudioInput) hears the chosen {@link #input(Path) file}, looped, through any
 * driver, or without one the device's input: JACK's capture ports, connected from the sound card's, or Java Sound's
 * capture line on the playback device.
 */
public final class Player implements Transport {
    public static final List<String> DRIVERS = List.of("null", "javasound", "jack");
    private static final int BLOCK = 256;
    private static final int MAX_BLOCK = 1024;
    private static final double FADE_MS = 30;

    private final ProcessorRegistry registry;
    // Started, swapped and stopped on one thread (the editor's transport worker, see PlaybackController); read by
    // the FX thread's meters and clock and by the MIDI thread (engine()): hence volatile, each read once per use.
    private volatile AudioDriver driver;
    private volatile LiveSession session;
    private float[][] levels = new float[0][0]; // the reader's own (drainPeak), sized to the session it reads
    private float[][] inputLevels = new float[0][0];
    private volatile Path inputFile;
    private volatile int threads = 1;
    /** Frames the last start ran a copy of the network for before its device started (the JIT's warm-up). */
    private volatile long warmedUp;
    /** The network playing (the last started or swapped in): what a restart or a loop plays again. */
    private volatile NetworkSpec playing;
    private volatile AtEnd atEnd = AtEnd.STOP;
    /** The session's loop count when the next loop was last armed. */
    private volatile long armedAfter = -1;
    /** Longest a swap spends running the new engine up to the playing one's position (off the FX thread). */
    private static final long CATCH_UP_NANOS = 1_500_000_000L;

    public Player(ProcessorRegistry registry) {
        this.registry = registry;
    }

    /**
     * Threads running each callback from the next start or swap: the audio thread and {@code threads - 1} workers
     * (1, the default, as {@code conch play}); what is played does not depend on it.
     */
    public void threads(int threads) {
        if (threads < 1 || threads > 64) throw new IllegalArgumentException("1 to 64 threads, not " + threads);
        this.threads = threads;
    }

    /** Threads the next start or swap plays on. */
    public int threads() {
        return threads;
    }

    /** Frames of the network's copy the last start ran before the device started ({@link Prewarm}); 0 before any. */
    public long warmedUp() {
        return warmedUp;
    }

    /** What the network's AudioInput hears from the next start: this file, looped, or with null the device. */
    public void input(Path file) {
        this.inputFile = file;
    }

    /** The input file chosen, or null for the device. */
    public Path input() {
        return inputFile;
    }

    @Override
    public boolean playing() {
        return driver != null;
    }

    /** Starts playing {@code spec}; a sentence when it cannot (a problem in the network, no sound card). */
    @Override
    public void start(NetworkSpec spec, String driverName) throws NetworkException, IOException {
        stop();
        Engine engine = engine(spec);
        if (engine.outputChannels() == 0) {
            engine.close();
            throw new IOException("the network has no AudioOutput node: there is nothing to play");
        }
        int channels = engine.outputChannels();
        String name = driverName.toLowerCase(Locale.ROOT);
        RecordedInput file = null;
        if (engine.inputChannels() > 0 && (inputFile != null || name.equals("null"))) {
            try {
                file = recording(engine);
            } catch (IOException e) {
                engine.close();
                throw e;
            }
        }
        int deviceInputs = file == null ? engine.inputChannels() : 0;
        AudioDriver d = switch (name) {
            case "javasound" -> new JavaSoundDriver(spec.sampleRate(), deviceInputs, channels, BLOCK, 4, null);
            case "jack" -> new JackDriver(JackDriver.DEFAULT_CLIENT_NAME, deviceInputs, channels, ports(channels), true,
                    true);
            default -> new PacedNullDriver(spec.sampleRate(), channels, BLOCK, 4);
        };
        d.realtimePriority(RealtimePriority.AUDIO); // where the system refuses it, the sound goes on at normal priority
        // no cold first second: the JIT compiles a copy first, as conch play does, but within a second: the user
        // waits for the sound meanwhile (conch play waits up to Prewarm.BUDGET_SECONDS)
        warmedUp = Prewarm.run(NetworkCompiler.compile(spec, registry, MAX_BLOCK), BLOCK, 1).callbacks() * BLOCK;
        LiveSession s = new LiveSession(engine, FADE_MS);
        try {
            d.start(file == null ? s : file.feeding(s));
        } catch (IOException | RuntimeException e) {
            d.stop();
            s.shutdown();
            throw e;
        }
        playing = spec;
        armedAfter = -1;
        endAt(s, spec);
        driver = d;
        session = s;
    }

    @Override
    public void stop() {
        if (driver == null) return;
        driver.stop(); // also closes the engines the session holds
        driver = null;
        session = null;
        playing = null;
    }

    /** A live param change (no recompile); false when not playing or the queue was full. */
    @Override
    public boolean set(String node, String param, double value) {
        LiveSession s = session;
        return s != null && s.set(node, param, value);
    }

    /** A structural edit while playing: the new network crossfades in, the sound never stops. */
    @Override
    public void swap(NetworkSpec spec) throws NetworkException, IOException {
        if (session == null) return;
        Engine next = engine(spec);
        catchUp(next, session.engine());
        playing = spec;
        armedAfter = -1; // the next loop must play this network, not the one before the edit
        endAt(session, spec);
        session.swap(next);
    }

    /**
     * Runs {@code next} silently up to where {@code live} is, so an edit changes the sound from here on instead of
     * starting the network over (an automation lane's edit is heard at the play cursor). The same samples as if it
     * had played from the start; off the audio thread. A long network may not catch up within
     * {@value #CATCH_UP_NANOS} ns: it then starts where it got to.
     */
    private static void catchUp(Engine next, Engine live) {
        float[][] scratch = new float[Math.max(1, next.outputChannels())][MAX_BLOCK];
        long deadline = System.nanoTime() + CATCH_UP_NANOS;
        long behind;
        while ((behind = live.framesPlayed() - next.frame()) > 0 && System.nanoTime() < deadline) {
            next.process(scratch, (int) Math.min(MAX_BLOCK, behind));
        }
    }

    /** What happens when a network with a duration reaches its end (one without plays on). */
    public enum AtEnd {
        STOP("stop"), LOOP("loop"), PLAY_ON("play on");

        private final String word;

        AtEnd(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** From now on (and from the next start), at the network's end it stops, loops or plays on. */
    public void atEnd(AtEnd mode) {
        atEnd = mode;
        armedAfter = -1;
        if (session != null && playing != null) endAt(session, playing);
    }

    public AtEnd atEnd() {
        return atEnd;
    }

    private void endAt(LiveSession s, NetworkSpec spec) {
        long end = atEnd == AtEnd.PLAY_ON || spec.duration() <= 0 ? Long.MAX_VALUE
                : Math.round(spec.duration() * spec.sampleRate());
        s.endAt(end, atEnd == AtEnd.LOOP);
    }

    /** The play position in seconds (0 when stopped): the playing engine's clock. */
    public double position() {
        LiveSession s = session;
        if (s == null) return 0;
        Engine e = s.engine();
        return e.framesPlayed() / e.sampleRate();
    }

    /** The network's duration in seconds while playing (0: it has none, or it is stopped). */
    public double duration() {
        NetworkSpec p = playing;
        return p == null ? 0 : p.duration();
    }

    /** True once a network that stops at its end has played past it: the caller stops the driver. */
    public boolean ended() {
        LiveSession s = session;
        return s != null && s.endFrame() != Long.MAX_VALUE && atEnd == AtEnd.STOP
                && s.engine().framesPlayed() >= s.endFrame();
    }

    /** Times the network started over at its end since Play. */
    public long loops() {
        LiveSession s = session;
        return s == null ? 0 : s.loops();
    }

    /**
     * Keeps a looping network's next start ready: compiles and opens the network from its start once after each loop
     * (and after each edit), off the audio thread. Called a few times a second while playing.
     */
    public void prepareLoop() throws NetworkException, IOException {
        LiveSession s = session;
        if (s == null || atEnd != AtEnd.LOOP || playing == null || playing.duration() <= 0) return;
        if (armedAfter == s.loops() && s.loopArmed()) return;
        s.armLoop(engine(playing));
        armedAfter = s.loops();
    }

    /** Starts the network over from its beginning, without stopping the sound (a crossfade, as an edit). */
    @Override
    public void restart() throws NetworkException, IOException {
        if (session == null || playing == null) return;
        session.swap(engine(playing));
    }

    /** The engine playing (or about to, after a swap); null when stopped. Monitors tap it. */
    public Engine engine() {
        LiveSession s = session;
        return s == null ? null : s.engine();
    }

    /** Why the sound stopped or a node went silent (a sentence), or null. See {@link LiveSession#failure()}. */
    @Override
    public String failure() {
        LiveSession s = session;
        return s == null ? null : s.failure();
    }

    /** True when the audio thread stopped by itself after an internal error: call {@link #stop()} to clean up. */
    @Override
    public boolean stopped() {
        LiveSession s = session;
        return s != null && s.stopped();
    }

    public CallbackStats stats() {
        AudioDriver d = driver;
        return d == null ? null : d.stats();
    }

    @Override
    public String describe() {
        AudioDriver d = driver;
        return d == null ? "stopped" : d.describe();
    }

    /** The loudest sample played since the last call (0 when stopped). Call from one thread only. */
    public float drainPeak() {
        LiveSession s = session;
        if (s == null) return 0;
        if (levels.length != s.meters().channels()) levels = new float[s.meters().channels()][1024];
        float peak = 0;
        int n;
        while ((n = s.meters().poll(levels, levels[0].length)) > 0) {
            for (int c = 0; c < levels.length; c++) {
                for (int i = 0; i < n; i++) peak = Math.max(peak, Math.abs(levels[c][i]));
            }
        }
        return peak;
    }

    /** The loudest sample the network heard at its input since the last call (0 when stopped or without input). */
    public float drainInputPeak() {
        LiveSession s = session;
        if (s == null) return 0;
        if (inputLevels.length != s.inputMeters().channels()) inputLevels = new float[s.inputMeters().channels()][1024];
        float peak = 0;
        int n;
        while ((n = s.inputMeters().poll(inputLevels, inputLevels[0].length)) > 0) {
            for (int c = 0; c < inputLevels.length; c++) {
                for (int i = 0; i < n; i++) peak = Math.max(peak, Math.abs(inputLevels[c][i]));
            }
        }
        return peak;
    }

    /**
     * The chosen file at the network's rate for its AudioInput: a file with as many channels as the input fills them
     * in order, a mono file feeds every channel; anything else is a sentence.
     */
    private RecordedInput recording(Engine engine) throws IOException {
        int wanted = engine.inputChannels();
        if (inputFile == null) {
            throw new IOException("the network takes sound in, and the null driver has no input: choose an input file "
                    + "(Input: file...), or play through Java Sound or JACK to hear the device's input");
        }
        float[][] x = RecordedInput.read(inputFile, engine.sampleRate());
        if (x.length == 0 || x[0].length == 0) throw new IOException("the input file " + inputFile.getFileName() + " holds no sound");
        if (x.length == 1 && wanted > 1) {
            float[][] every = new float[wanted][];
            java.util.Arrays.fill(every, x[0]);
            x = every;
        }
        if (x.length != wanted) {
            throw new IOException("the input file " + inputFile.getFileName() + " has " + x.length + " channels but "
                    + "the network's AudioInput takes " + wanted + ": choose a file with " + wanted + " (or a mono "
                    + "file, which feeds every channel), or set the AudioInput's channels to " + x.length);
        }
        return new RecordedInput(x, true);
    }

    private Engine engine(NetworkSpec spec) throws NetworkException, IOException {
        Engine e = new Engine(NetworkCompiler.compile(spec, registry, MAX_BLOCK)).threads(threads)
                .realtimePriority(RealtimePriority.WORKER);
        e.open();
        return e;
    }

    private static List<String> ports(int channels) {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= channels; c++) names.add("out_" + c);
        return names;
    }
}
