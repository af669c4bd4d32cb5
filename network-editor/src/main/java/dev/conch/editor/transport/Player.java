package dev.conch.editor.transport;

import dev.conch.engine.driver.AudioDriver;
import dev.conch.engine.driver.CallbackStats;
import dev.conch.engine.driver.JavaSoundDriver;
import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.driver.PacedNullDriver;
import dev.conch.engine.driver.jack.JackDriver;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plays the document's network through a driver (no JavaFX here). Param changes go live through the session's
 * control queue; structural edits compile a new engine off the audio thread and hot-swap it with a crossfade.
 */
public final class Player implements Transport {
    public static final List<String> DRIVERS = List.of("null", "javasound", "jack");
    private static final int BLOCK = 256;
    private static final int MAX_BLOCK = 1024;
    private static final double FADE_MS = 30;

    private final ProcessorRegistry registry;
    private AudioDriver driver;
    private LiveSession session;
    private float[][] levels = new float[0][0];

    public Player(ProcessorRegistry registry) {
        this.registry = registry;
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
        AudioDriver d = switch (driverName.toLowerCase(Locale.ROOT)) {
            case "javasound" -> new JavaSoundDriver(spec.sampleRate(), channels, BLOCK, 4, null);
            case "jack" -> new JackDriver(JackDriver.DEFAULT_CLIENT_NAME, channels, ports(channels), true);
            default -> new PacedNullDriver(spec.sampleRate(), channels, BLOCK, 4);
        };
        LiveSession s = new LiveSession(engine, FADE_MS);
        try {
            d.start(s);
        } catch (IOException | RuntimeException e) {
            d.stop();
            s.shutdown();
            throw e;
        }
        levels = new float[channels][1024];
        driver = d;
        session = s;
    }

    @Override
    public void stop() {
        if (driver == null) return;
        driver.stop(); // also closes the engines the session holds
        driver = null;
        session = null;
    }

    /** A live param change (no recompile); false when not playing or the queue was full. */
    @Override
    public boolean set(String node, String param, double value) {
        return session != null && session.set(node, param, value);
    }

    /** A structural edit while playing: the new network crossfades in, the sound never stops. */
    @Override
    public void swap(NetworkSpec spec) throws NetworkException, IOException {
        if (session == null) return;
        session.swap(engine(spec));
    }

    /** The engine playing (or about to, after a swap); null when stopped. Monitors tap it. */
    public Engine engine() {
        return session == null ? null : session.engine();
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
        return driver == null ? null : driver.stats();
    }

    @Override
    public String describe() {
        return driver == null ? "stopped" : driver.describe();
    }

    /** The loudest sample played since the last call (0 when stopped). Call from one thread only. */
    public float drainPeak() {
        if (session == null) return 0;
        float peak = 0;
        int n;
        while ((n = session.meters().poll(levels, levels.length == 0 ? 0 : levels[0].length)) > 0) {
            for (int c = 0; c < Math.min(levels.length, session.meters().channels()); c++) {
                for (int i = 0; i < n; i++) peak = Math.max(peak, Math.abs(levels[c][i]));
            }
        }
        return peak;
    }

    private Engine engine(NetworkSpec spec) throws NetworkException, IOException {
        Engine e = new Engine(NetworkCompiler.compile(spec, registry, MAX_BLOCK));
        e.open();
        return e;
    }

    private static List<String> ports(int channels) {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= channels; c++) names.add("out_" + c);
        return names;
    }
}
