package dev.conch.engine.driver.jack;

import dev.conch.engine.driver.AudioCallback;
import dev.conch.engine.driver.jack.JackCycleTest.EngineCallback;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.testing.ExternalTools;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.TestProcessors;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The driver against a real JACK server (CI starts {@code jackd --no-realtime -d dummy -r 48000 -p 256}). Skipped
 * when no server answers, unless CI=true, when that is a failure: CI must really exercise JACK.
 */
class JackDriverTest {
    private static final double SCALE = 1e-4; // the ramp's step: sample k is (float) (k * 1e-4)

    /** A second JACK client with one input port that copies what arrives into a preallocated array when armed. */
    private static final class Reader implements AutoCloseable {
        final JackClient client;
        final JackPort in;
        final float[] captured;
        final AtomicLong xruns = new AtomicLong();
        volatile boolean armed;
        volatile int count;

        Reader(Jack jack, String name, int frames) throws JackException {
            captured = new float[frames];
            client = open(jack, name);
            in = client.registerPort("in", JackPortType.AUDIO, JackPortFlags.JackPortIsInput);
            client.setProcessCallback((c, nframes) -> {
                if (!armed) return true;
                FloatBuffer buf = in.getFloatBuffer();
                int n = Math.min(nframes, captured.length - count);
                buf.get(captured, count, n);
                count += n;
                if (count == captured.length) armed = false;
                return true;
            });
            client.setXrunCallback(c -> xruns.incrementAndGet());
            client.setBuffersizeCallback((c, period) -> PortViews.refresh(in)); // as the driver does
            client.activate();
        }

        /**
         * Opens the client, trying three times: on a loaded machine the server can time out a client's opening
         * handshake (seen once, with two test suites and stress-ng on 2 cores); a real failure fails all three.
         */
        private static JackClient open(Jack jack, String name) throws JackException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return jack.openClient(name, EnumSet.of(JackOptions.JackNoStartServer, JackOptions.JackUseExactName),
                            null);
                } catch (JackException e) {
                    if (attempt == 3) throw e;
                    System.err.println("opening JACK client " + name + " failed (attempt " + attempt + "): " + e);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        /** Captures {@code captured.length} frames from now; false if they did not arrive within the timeout. */
        boolean capture(long timeoutMillis) throws InterruptedException {
            Arrays.fill(captured, Float.NaN);
            count = 0;
            armed = true;
            long end = System.currentTimeMillis() + timeoutMillis;
            while (armed && System.currentTimeMillis() < end) Thread.sleep(20);
            armed = false;
            return count == captured.length;
        }

        @Override
        public void close() {
            client.deactivate();
            client.close();
        }
    }

    @Test
    void theNetworkArrivesAtAnotherClientExactlyAsTheOfflineRenderHasIt() throws Exception {
        Jack jack = JackServers.require();
        Engine engine = new Engine(NetworkCompiler.compile(JackCycleTest.ramp(1), TestProcessors.registry(), 512));
        EngineCallback callback = new EngineCallback(engine);
        JackDriver driver = new JackDriver("conch-test", 1, List.of("out_1"), true);
        int frames = 60_000; // 1.25 s at 48 kHz
        try (Reader reader = new Reader(jack, "conch-test-reader", frames)) {
            driver.start(callback);
            assertEquals(1, callback.configured);
            assertEquals(driver.sampleRate(), callback.sampleRate);
            assertTrue(driver.describe().matches("jack \\(\\d+ Hz, \\d+ frames\\)"), driver.describe());
            assertEquals(List.of("conch-test:out_1"), driver.portNames());

            // autoConnect: a mono output goes to the first two physical playback ports, as JACK itself lists them
            String[] playback = jack.getPorts(reader.client, null, JackPortType.AUDIO,
                    EnumSet.of(JackPortFlags.JackPortIsInput, JackPortFlags.JackPortIsPhysical));
            List<String> wantLinks = Arrays.stream(playback).limit(2).map(p -> "conch-test:out_1 -> " + p).toList();
            assertEquals(wantLinks, driver.connections());
            for (String p : Arrays.stream(playback).limit(2).toList()) {
                assertTrue(Arrays.asList(jack.getAllConnections(reader.client, "conch-test:out_1")).contains(p),
                        "conch-test:out_1 is connected to " + p);
            }

            jack.connect(reader.client, "conch-test:out_1", "conch-test-reader:in");
            assertArrivesAsRendered(reader, driver);
            assertTrue(driver.stats().callbacks() > 0);
            assertFalse(driver.finished());
            assertEquals(null, driver.failure());
        } finally {
            driver.stop();
        }
        assertEquals(1, callback.shutdowns, "shutdown() once, after the last period");
        driver.stop(); // a second stop does nothing
        assertEquals(1, callback.shutdowns);
    }

    /**
     * Captures from the reader until a capture matches the offline render exactly. A capture during which JACK
     * reported an xrun may have lost or repeated a period legitimately: it counts when at least
     * {@link #LEAST_BEFORE_XRUN} frames matched before the first difference, and is tried again otherwise (3 times
     * at most). A mismatch without an xrun fails at once.
     */
    private static void assertArrivesAsRendered(Reader reader, JackDriver driver) throws Exception {
        Comparison last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            long xrunsBefore = reader.xruns.get() + driver.stats().misses();
            assertTrue(reader.capture(10_000), "the reader got " + reader.count + " of " + reader.captured.length
                    + " frames within 10 s (is the JACK server running in real time?)");
            long xruns = reader.xruns.get() + driver.stats().misses() - xrunsBefore;
            last = compareWithRender(reader.captured);
            if (last.verdict == null) return;
            if (xruns == 0) fail(last.verdict);
            if (last.matched >= LEAST_BEFORE_XRUN) {
                System.err.println("attempt " + attempt + ": " + last.matched + " frames matched before " + xruns
                        + " xrun(s) spoiled the rest: " + last.verdict);
                return;
            }
            System.err.println("attempt " + attempt + " spoiled by " + xruns + " xrun(s): " + last.verdict);
        }
        fail("xruns spoiled all 3 captures before " + LEAST_BEFORE_XRUN + " frames matched; last: " + last.verdict);
    }

    /** How much of a capture must match before an xrun for the capture to count: 0.25 s at 48 kHz. */
    private static final int LEAST_BEFORE_XRUN = 12_000;

    /** {@code verdict} is null when the whole run matched; {@code matched} counts the frames equal before it. */
    private record Comparison(String verdict, int matched) {
    }

    /**
     * JACK can change its period while clients run ({@code jack_bufsize}); the stream must stay contiguous and the
     * driver must follow. Restores the server's period afterwards.
     */
    @Test
    void aBufferSizeChangeKeepsTheStreamContiguous() throws Exception {
        Jack jack = JackServers.require();
        ExternalTools.requireOnPath("jack_bufsize");
        Path tool = ExternalTools.onPath("jack_bufsize");
        Engine engine = new Engine(NetworkCompiler.compile(JackCycleTest.ramp(1), TestProcessors.registry(), 512));
        JackDriver driver = new JackDriver("conch-test-bufsize", 1, List.of("out_1"), false);
        int original = 0;
        try (Reader reader = new Reader(jack, "conch-test-bufsize-reader", 60_000)) {
            driver.start(new EngineCallback(engine));
            original = driver.bufferSize();
            int changed = original == 1024 ? 512 : 1024;
            jack.connect(reader.client, "conch-test-bufsize:out_1", "conch-test-bufsize-reader:in");
            setBufferSize(tool, changed);
            long end = System.currentTimeMillis() + 5000;
            while (driver.bufferSize() != changed && System.currentTimeMillis() < end) Thread.sleep(10);
            assertEquals(changed, driver.bufferSize(), "the driver followed JACK's new period");
            assertEquals("jack (" + driver.sampleRate() + " Hz, " + changed + " frames)", driver.describe());
            assertArrivesAsRendered(reader, driver);
            assertEquals(null, driver.failure());
        } finally {
            driver.stop();
            if (original > 0 && tool != null) setBufferSize(tool, original);
        }
    }

    private static void setBufferSize(Path tool, int frames) throws Exception {
        Process p = new ProcessBuilder(tool.toString(), Integer.toString(frames)).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "jack_bufsize " + frames + ": " + said);
    }

    /**
     * Null if {@code captured} is exactly a contiguous run of the network's offline render (found from the first
     * sample that is not silence), else what differs.
     */
    private static Comparison compareWithRender(float[] captured) throws NetworkException {
        int first = 0;
        while (first < captured.length && captured[first] == 0f) first++;
        int run = captured.length - first;
        if (run < 48_000) {
            return new Comparison("only " + run + " non-silent frames arrived; wanted at least 1 s (48000)", 0);
        }
        float v = captured[first];
        // the ramp says where it is: render comfortably past that point, then look the sample up in the render
        int horizon = (int) Math.min(Integer.MAX_VALUE - 1, (long) (Math.abs(v) / SCALE) + run + 48_000);
        float[] render = Render.channel0(JackCycleTest.ramp(1), TestProcessors.registry(), 512, horizon);
        int start = -1;
        for (int i = 0; i < render.length; i++) {
            if (render[i] == v) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return new Comparison("the first received sample " + v + " does not occur in the offline render", 0);
        }
        if (start + run > render.length) {
            return new Comparison("the render is shorter than the capture (a test bug)", 0);
        }
        for (int i = 0; i < run; i++) {
            if (Float.floatToRawIntBits(captured[first + i]) != Float.floatToRawIntBits(render[start + i])) {
                return new Comparison("received frame " + i + " of the run is " + captured[first + i]
                        + ", the offline render has " + render[start + i] + " (render frame " + (start + i) + ", run starts at render frame "
                        + start + ")", i);
            }
        }
        System.err.println("JACK end to end: " + run + " frames matched the offline render from frame " + start);
        return new Comparison(null, run);
    }

    @Test
    void aClientNameInUseIsRefusedInOneSentence() throws Exception {
        JackServers.require();
        AudioCallback silence = new EngineCallback(new Engine(NetworkCompiler.compile(JackCycleTest.ramp(1),
                TestProcessors.registry(), 256)));
        JackDriver first = new JackDriver("conch-test-twin", 1, List.of("out_1"), false);
        JackDriver second = new JackDriver("conch-test-twin", 1, List.of("out_1"), false);
        try {
            first.start(silence);
            IOException e = assertThrows(IOException.class, () -> second.start(silence));
            assertEquals("JACK client name 'conch-test-twin' is taken: another program (or another conch) is already "
                    + "connected to JACK under that name; stop it or choose another client name", e.getMessage());
            assertEquals("jack (not started)", new JackDriver(1).describe());
        } finally {
            first.stop();
            second.stop();
        }
    }

    /**
     * libjack reads the server's name from JACK_DEFAULT_SERVER, which a running JVM cannot change for itself; so
     * a child JVM tries to play on a server that does not exist, and must say so in one line with no stack trace.
     */
    @Test
    void withoutAServerStartFailsWithOneClearSentence() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // native access granted as conch.jar's manifest grants it (JDK 22+ would otherwise warn on stderr)
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), NoJackServerProbe.class.getName());
        pb.environment().put("JACK_DEFAULT_SERVER", "conch-no-such-server-" + ProcessHandle.current().pid());
        Process child = pb.start();
        child.getOutputStream().close();
        byte[] out = child.getInputStream().readAllBytes();
        byte[] err = child.getErrorStream().readAllBytes();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the probe JVM finished");
        String stdout = new String(out, StandardCharsets.UTF_8).strip();
        String stderr = new String(err, StandardCharsets.UTF_8);
        ExternalTools.require(!stdout.equals(JackFailures.NOT_INSTALLED), "libjack is not installed here: " + stdout);
        assertEquals(0, child.exitValue(), "stdout: " + stdout + "\nstderr: " + stderr);
        assertEquals("JACK is not running (start it with: jackd -d alsa, or qjackctl)", stdout);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace, but: " + stderr);
        assertEquals("", stderr.strip(), "libjack's own chatter is kept from the user");
    }
}
