package dev.conch.engine.driver.jack;

import dev.conch.engine.driver.AudioCallback;
import dev.conch.engine.driver.AudioDriver;
import dev.conch.engine.driver.CallbackStats;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackProcessCallback;
import org.jaudiolibs.jnajack.JackStatus;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;

/**
 * Plays through a running JACK server as a client with one output port per channel (default names
 * {@code out_1..out_N}), optionally connected to the sound card's playback ports, and, for a network that takes
 * sound in, one capture port per input channel ({@code in_1..in_N}), optionally connected from the sound card's
 * capture ports. Input and output are one JACK period: full duplex with no latency of Conch's own. JACK's own process callback
 * calls the {@link AudioCallback} directly, so the network runs at the server's period and sample rate.
 *
 * <p>Never starts a server ({@code JackNoStartServer}): playing should not silently grab the sound card with
 * settings nobody chose. Start failures are one sentence in an IOException ("JACK is not running ...", "JACK
 * client name 'conch' is taken ...").
 *
 * <p>Realtime behaviour: Conch's part of each period ({@link JackCycle}) allocates nothing and takes no locks;
 * its buffers are sized once for the largest period JACK 2 allows, so a buffer-size change needs no memory (JACK's
 * buffer-size notice only makes JNAJack rebuild its port views, see {@link PortViews}).
 * <b>JNA's callback glue is not allocation-free</b>: each period JNAJack asks libjack for every port's buffer
 * and JNA wraps each returned address in a new {@code Pointer} (and a new {@code ByteBuffer} view when the
 * address moves). Those are small, short-lived objects on the JACK thread that Conch's own code does not make.
 */
public final class JackDriver implements AudioDriver {
    public static final String DEFAULT_CLIENT_NAME = "conch";
    private static final int MAX_CHANNELS = 64;
    private static final int MAX_CLIENT_NAME = 63; // jack_client_name_size() - 1 on JACK 1 and 2

    private final String clientName;
    private final int channels;
    private final int inputs;
    private final List<String> portNames;
    private final boolean autoConnect;
    private final boolean connectInputs;
    private final CallbackStats stats = new CallbackStats();

    private JackClient client;
    private AudioCallback callback;
    private JackCycle cycle;
    private List<String> connections = List.of();
    private volatile int sampleRate;
    private volatile int bufferSize;
    private volatile boolean serverGone;

    /** Client "conch" with ports out_1..out_N connected to the sound card's playback ports. */
    public JackDriver(int channels) {
        this(DEFAULT_CLIENT_NAME, channels, defaultPortNames(channels), true);
    }

    /**
     * @param clientName  the JACK client name, used exactly (a name already in use is an error, not renamed)
     * @param portNames   one short port name per channel (e.g. after the network's output), without the client
     * @param autoConnect connect port i to the i-th physical playback port (system:playback_1, ...) where one
     *                    exists; a single channel goes to the first two, so mono plays on both speakers
     */
    public JackDriver(String clientName, int channels, List<String> portNames, boolean autoConnect) {
        this(clientName, 0, channels, portNames, autoConnect, false);
    }

    /**
     * With {@code inputs} capture ports {@code in_1..in_N} as well.
     *
     * @param connectInputs connect the i-th physical capture port (system:capture_1, ...) to {@code in_i}
     */
    public JackDriver(String clientName, int inputs, int channels, List<String> portNames, boolean autoConnect,
                      boolean connectInputs) {
        if (inputs < 0 || inputs > MAX_CHANNELS) {
            throw new IllegalArgumentException("a JACK client can have 0 to " + MAX_CHANNELS + " input channels, not "
                    + inputs);
        }
        if (clientName == null || clientName.isBlank() || clientName.length() > MAX_CLIENT_NAME
                || clientName.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a JACK client name must be 1 to " + MAX_CLIENT_NAME
                    + " characters without ':', not '" + clientName + "'");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("a JACK client can have 1 to " + MAX_CHANNELS + " output channels, not "
                    + channels);
        }
        if (portNames.size() != channels) {
            throw new IllegalArgumentException(channels + " channels need " + channels + " JACK port names, not "
                    + portNames.size() + " " + portNames);
        }
        for (String p : portNames) {
            if (p == null || p.isBlank() || p.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a JACK port name must be non-empty without ':', not '" + p + "'");
            }
        }
        if (new HashSet<>(portNames).size() != channels) {
            throw new IllegalArgumentException("JACK port names must differ: " + portNames);
        }
        this.clientName = clientName;
        this.channels = channels;
        this.portNames = List.copyOf(portNames);
        this.autoConnect = autoConnect;
        this.inputs = inputs;
        this.connectInputs = connectInputs;
    }

    /** in_1, in_2, ...: the capture ports' names. */
    public static List<String> inputPortNames(int inputs) {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= inputs; c++) names.add("in_" + c);
        return names;
    }

    /** out_1, out_2, ... */
    public static List<String> defaultPortNames(int channels) {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= channels; c++) names.add("out_" + c);
        return names;
    }

    @Override
    public synchronized void start(AudioCallback callback) throws IOException {
        if (client != null) throw new IllegalStateException("this JACK driver is already playing");
        Jack jack;
        try {
            jack = Jack.getInstance();
            JackMessages.install();
        } catch (JackException | LinkageError e) {
            throw new IOException(JackFailures.NOT_INSTALLED);
        }
        serverGone = false;
        EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
        JackClient opened;
        JackMessages.clear();
        try {
            opened = jack.openClient(clientName, EnumSet.of(JackOptions.JackNoStartServer,
                    JackOptions.JackUseExactName), status);
        } catch (JackException e) {
            List<String> said = JackMessages.recent();
            throw new IOException(JackFailures.openFailed(clientName, status, serverAnswers(jack), said));
        }
        boolean configured = false;
        boolean running = false;
        try {
            sampleRate = step("read the sample rate", opened::getSampleRate);
            bufferSize = step("read the buffer size", opened::getBufferSize);
            JackPort[] ports = new JackPort[channels];
            for (int c = 0; c < channels; c++) {
                String name = portNames.get(c);
                ports[c] = step("register output port '" + clientName + ":" + name + "' (is the name too long?)",
                        () -> opened.registerPort(name, JackPortType.AUDIO, JackPortFlags.JackPortIsOutput));
            }
            JackPort[] captures = new JackPort[inputs];
            for (int c = 0; c < inputs; c++) {
                String name = inputPortNames(inputs).get(c);
                captures[c] = step("register input port '" + clientName + ":" + name + "'",
                        () -> opened.registerPort(name, JackPortType.AUDIO, JackPortFlags.JackPortIsInput));
            }
            JackCycle period = new JackCycle(callback, stats, inputs, channels, sampleRate);
            callback.configure(sampleRate, inputs, channels, JackCycle.MAX_BLOCK);
            configured = true;
            step("take the process callback", () -> {
                opened.setProcessCallback(new Period(captures, ports, period));
                opened.setXrunCallback(c -> {
                    if (!period.takeLate()) stats.recordMiss(); // a late period of ours was counted already
                });
                opened.setBuffersizeCallback((c, frames) -> {
                    for (JackPort port : ports) PortViews.refresh(port);
                    for (JackPort port : captures) PortViews.refresh(port);
                    bufferSize = frames;
                });
                opened.onShutdown(c -> serverGone = true);
                return null;
            });
            step("activate client '" + clientName + "'", () -> {
                opened.activate();
                return null;
            });
            this.client = opened;
            this.callback = callback;
            this.cycle = period;
            running = true;
            List<String> made = new ArrayList<>(autoConnect ? connectToPlayback(jack, opened, ports) : List.of());
            if (connectInputs) made.addAll(connectFromCapture(jack, opened, captures));
            connections = List.copyOf(made);
        } finally {
            if (!running) {
                opened.close();
                sampleRate = 0; // describe() says "not started" again
                bufferSize = 0;
                if (configured) callback.shutdown();
            }
        }
    }

    /** Whether a JACK server accepts a throwaway client (under any free name): tells "no server" from "not you". */
    private static boolean serverAnswers(Jack jack) {
        try {
            jack.openClient("conch-probe", EnumSet.of(JackOptions.JackNoStartServer), null).close();
            return true;
        } catch (JackException e) {
            return false;
        }
    }

    /** Connects port i to physical playback port i (mono: to the first two); returns "from -> to" for each. */
    private List<String> connectToPlayback(Jack jack, JackClient opened, JackPort[] ports) throws IOException {
        String[] playback = step("list the playback ports", () -> jack.getPorts(opened, null, JackPortType.AUDIO,
                EnumSet.of(JackPortFlags.JackPortIsInput, JackPortFlags.JackPortIsPhysical)));
        int links = channels == 1 ? Math.min(2, playback.length) : Math.min(channels, playback.length);
        String[][] pairs = new String[links][];
        for (int i = 0; i < links; i++) pairs[i] = new String[] {ports[channels == 1 ? 0 : i].getName(), playback[i]};
        return connect(jack, opened, pairs);
    }

    /**
     * Connects physical capture port i to {@code in_i}; returns "from -> to" for each. A server without capture
     * ports is one sentence (the dummy backend has them; a playback-only card has none).
     */
    private List<String> connectFromCapture(Jack jack, JackClient opened, JackPort[] captures) throws IOException {
        if (captures.length == 0) return List.of();
        String[] physical = step("list the capture ports", () -> jack.getPorts(opened, null, JackPortType.AUDIO,
                EnumSet.of(JackPortFlags.JackPortIsOutput, JackPortFlags.JackPortIsPhysical)));
        if (physical == null || physical.length == 0) {
            stop();
            throw new IOException("the JACK server has no capture ports to connect the network's input to; connect "
                    + String.join(", ", inputPortNames(captures.length).stream().map(p -> clientName + ":" + p).toList())
                    + " by hand (without --connect-inputs), or start JACK on a device with inputs");
        }
        String[][] pairs = new String[Math.min(captures.length, physical.length)][];
        for (int i = 0; i < pairs.length; i++) pairs[i] = new String[] {physical[i], captures[i].getName()};
        return connect(jack, opened, pairs);
    }

    /** Makes each {from, to} connection; returns "from -> to" for each. A refusal stops the client and says which. */
    private List<String> connect(Jack jack, JackClient opened, String[][] pairs) throws IOException {
        List<String> made = new ArrayList<>();
        try {
            for (String[] pair : pairs) {
                step("connect " + pair[0] + " to " + pair[1], () -> {
                    jack.connect(opened, pair[0], pair[1]);
                    return null;
                });
                made.add(pair[0] + " -> " + pair[1]);
            }
        } catch (IOException e) {
            stop();
            throw e;
        }
        return List.copyOf(made);
    }

    @Override
    public synchronized void stop() {
        JackClient c = client;
        if (c == null) return;
        client = null;
        try {
            // deactivate returns once JACK has stopped calling us; after a server shutdown there is nothing to stop
            if (!serverGone) c.deactivate();
            c.close();
        } finally {
            AudioCallback cb = callback;
            callback = null;
            cb.shutdown();
        }
    }

    @Override
    public CallbackStats stats() {
        return stats;
    }

    @Override
    public String describe() {
        int rate = sampleRate;
        return rate == 0 ? "jack (not started)" : "jack (" + rate + " Hz, " + bufferSize + " frames)";
    }

    /** The JACK server's sample rate, known once started (0 before). */
    public int sampleRate() {
        return sampleRate;
    }

    /** The JACK period in frames, following buffer-size changes (0 before start). */
    public int bufferSize() {
        return bufferSize;
    }

    /** Full JACK names of the output ports: "conch:out_1", ... */
    public List<String> portNames() {
        List<String> names = new ArrayList<>();
        for (String p : portNames) names.add(clientName + ":" + p);
        return names;
    }

    /** Full JACK names of the capture ports: "conch:in_1", ... (none without input). */
    public List<String> inputPortNames() {
        List<String> names = new ArrayList<>();
        for (String p : inputPortNames(inputs)) names.add(clientName + ":" + p);
        return names;
    }

    /**
     * The connections {@code autoConnect} and {@code connectInputs} made at start, "conch:out_1 -> system:playback_1",
     * "system:capture_1 -> conch:in_1".
     */
    public synchronized List<String> connections() {
        return connections;
    }

    /** True once the callback returned false or failed: the ports play silence, the caller should stop(). */
    public boolean finished() {
        JackCycle p = cycle;
        return p != null && p.finished();
    }

    /** True if the JACK server shut down (or threw this client out) while playing. */
    public boolean serverGone() {
        return serverGone;
    }

    /** What went wrong in the callback on JACK's thread, as a sentence, or null. */
    public String failure() {
        JackCycle p = cycle;
        RuntimeException e = p == null ? null : p.failure();
        return e == null ? null : "the audio callback failed on JACK's thread: " + e;
    }

    /** JNAJack calls this on JACK's realtime thread once per period (JNA glue allocates around it; see above). */
    private static final class Period implements JackProcessCallback {
        private final JackPort[] captures;
        private final JackPort[] ports;
        private final FloatBuffer[] captureBuffers;
        private final FloatBuffer[] buffers;
        private final JackCycle cycle;

        Period(JackPort[] captures, JackPort[] ports, JackCycle cycle) {
            this.captures = captures;
            this.ports = ports;
            this.captureBuffers = new FloatBuffer[captures.length];
            this.buffers = new FloatBuffer[ports.length];
            this.cycle = cycle;
        }

        @Override
        public boolean process(JackClient client, int nframes) {
            for (int c = 0; c < captures.length; c++) captureBuffers[c] = captures[c].getFloatBuffer();
            for (int c = 0; c < ports.length; c++) buffers[c] = ports[c].getFloatBuffer();
            cycle.run(captureBuffers, buffers, nframes);
            return true;
        }
    }

    private interface JackStep<T> {
        T run() throws JackException;
    }

    /** Runs one JACK call during start; a refusal becomes "JACK refused to <what>". */
    private <T> T step(String what, JackStep<T> call) throws IOException {
        try {
            return call.run();
        } catch (JackException e) {
            if (serverGone) throw new IOException("the JACK server shut down while conch was connecting to it");
            throw new IOException("JACK refused to " + what + " for client '" + clientName + "'");
        }
    }
}
