package dev.conch.cli;

import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.driver.jack.JackDriver;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full duplex through a real JACK server (CI starts {@code jackd --no-realtime -d dummy -r 48000 -p 256}): a player
 * client plays a known stereo signal into Conch's capture ports, Conch runs networks/glass-shaper.xml, and a recorder
 * client records Conch's playback ports. JACK runs the three in graph order within each period, so the recording is
 * the network's output for the signal in the same period: it must equal, float for float, the offline engine run on
 * the same input, after the latency Conch reports (the input's lead). Skipped without a server, except under CI=true.
 */
class JackSoundInTest {
    private static final int SIGNAL = 48_000;

    /** Plays {@code signal} from the period it is armed in; notes that period's JACK frame time. */
    private static final class Player {
        final JackClient client;
        final JackPort[] outs = new JackPort[2];
        final float[][] signal;
        volatile boolean armed;
        volatile long startTime = -1;
        int pos;

        Player(Jack jack, float[][] signal) throws JackException {
            this.signal = signal;
            client = jack.openClient("conch-e2e-player", EnumSet.of(JackOptions.JackNoStartServer, JackOptions.JackUseExactName), null);
            for (int c = 0; c < 2; c++) outs[c] = client.registerPort("out_" + (c + 1), JackPortType.AUDIO, JackPortFlags.JackPortIsOutput);
            client.setProcessCallback((cl, nframes) -> {
                if (armed && startTime < 0) startTime = frameTime(cl);
                int n = startTime < 0 ? 0 : Math.max(0, Math.min(nframes, signal[0].length - pos));
                for (int c = 0; c < 2; c++) {
                    FloatBuffer b = outs[c].getFloatBuffer();
                    for (int i = 0; i < nframes; i++) b.put(i, i < n ? signal[c][pos + i] : 0f);
                }
                pos += n;
                return true;
            });
            client.activate();
        }
    }

    /** Records every period from the player's start on, with nothing missing. */
    private static final class Recorder {
        final JackClient client;
        final JackPort[] ins = new JackPort[2];
        final float[][] recorded;
        final Player player;
        volatile int count;
        volatile boolean gap;
        /** Frames recorded before the first period that did not follow on (all of them when none). */
        volatile int contiguous = -1;

        Recorder(Jack jack, Player player, int frames) throws JackException {
            this.player = player;
            recorded = new float[2][frames];
            client = jack.openClient("conch-e2e-recorder", EnumSet.of(JackOptions.JackNoStartServer, JackOptions.JackUseExactName), null);
            for (int c = 0; c < 2; c++) ins[c] = client.registerPort("in_" + (c + 1), JackPortType.AUDIO, JackPortFlags.JackPortIsInput);
            client.setProcessCallback((cl, nframes) -> {
                long start = player.startTime;
                if (start < 0 || count == recorded[0].length) return true;
                long now = frameTime(cl);
                if (now - start != count && !gap) { // a period went missing: what follows is not comparable
                    gap = true;
                    contiguous = count;
                }
                int n = Math.min(nframes, recorded[0].length - count);
                for (int c = 0; c < 2; c++) ins[c].getFloatBuffer().get(recorded[c], count, n);
                count += n;
                return true;
            });
            client.activate();
        }
    }

    @Test
    void whatConchPlaysIsTheOfflineRunOfWhatItHears() throws Exception {
        Jack jack = dev.conch.engine.driver.jack.JackServers.require();
        Path file = Path.of(System.getProperty("conch.networks", "../networks"), "glass-shaper.xml");
        NetworkSpec spec = NetworkXml.read(file);
        float[][] signal = new float[2][SIGNAL];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < SIGNAL; i++) {
            signal[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 110 * i / 48000.0) + 0.1 * (r.nextDouble() - 0.5));
            signal[1][i] = (float) (0.5 * Math.sin(2 * Math.PI * 165 * i / 48000.0) + 0.1 * (r.nextDouble() - 0.5));
        }
        warmUp(spec); // so the first periods are not late while the JIT compiles (JACK would skip them)
        Take take = null;
        for (int attempt = 1; attempt <= 3 && (take == null || !take.clean()); attempt++) {
            take = play(jack, spec, signal);
            if (!take.clean()) System.err.println("attempt " + attempt + " spoiled: " + take.why());
        }
        assertTrue(take.clean(), take.why() + " in all 3 attempts (the machine was too busy for JACK's deadlines)");
        long before = take.before();
        int compared = take.contiguous();
        float[][] recorded = take.recorded();

        // offline: the same engine from scratch, silence until the player started, then the signal
        assertTrue(before >= 0 && before < 10 * 48000, "the player started " + before + " frames after conch");
        Engine offline = new Engine(NetworkCompiler.compile(spec, ProcessorRegistry.load(), 8192));
        int lead = offline.inputLatency();
        int total = (int) before + SIGNAL;
        float[][] in = new float[2][total], out = new float[2][total];
        for (int c = 0; c < 2; c++) System.arraycopy(signal[c], 0, in[c], (int) before, SIGNAL);
        for (int done = 0; done < total; done += 1000) {
            int n = Math.min(1000, total - done);
            float[][] i = {java.util.Arrays.copyOfRange(in[0], done, done + n), java.util.Arrays.copyOfRange(in[1], done, done + n)};
            float[][] o = new float[2][n];
            offline.process(i, o, n);
            for (int c = 0; c < 2; c++) System.arraycopy(o[c], 0, out[c], done, n);
        }
        for (int c = 0; c < 2; c++) {
            float[] want = java.util.Arrays.copyOfRange(out[c], (int) before + lead, (int) before + compared);
            float[] got = java.util.Arrays.copyOfRange(recorded[c], lead, compared);
            assertArrayEquals(want, got, "channel " + (c + 1) + ", the player started " + before + " frames after conch, "
                    + compared + " frames compared");
        }
        assertTrue(peak(recorded[0]) > 0.01, "the recording is not silence");
    }

    /** One live run: where the player started on conch's clock, what was recorded, and why it cannot count. */
    /** The least of a take that must come through without a skipped period for the take to count: 0.25 s. */
    private static final int LEAST_CONTIGUOUS = 12_000;

    /**
     * One live run: where the player started on conch's engine clock, what was recorded, how many frames from the
     * start came through with no period skipped (the comparison stops there), and why the take cannot count.
     */
    private record Take(long before, float[][] recorded, int contiguous, String why) {
        boolean clean() {
            return why == null;
        }
    }

    private static Take play(Jack jack, NetworkSpec spec, float[][] signal) throws Exception {
        Engine live = new Engine(NetworkCompiler.compile(spec, ProcessorRegistry.load(), 8192));
        live.open();
        // conch's own first period, on JACK's clock: the engine's frame 0
        // {JACK time of conch's first period, frames JACK skipped conch before the player started, JACK time of the
        // first frame conch missed after the player started (-1: none)}: a skipped period leaves the engine's clock
        // behind JACK's, and after the start it loses input, so the comparison ends there
        long[] conchStart = {-1, 0, -1};
        long[] conchNext = {-1};
        LiveSession session = new LiveSession(live, 10);
        JackDriver driver = new JackDriver("conch-e2e", 2, 2, JackDriver.defaultPortNames(2), false, false);
        Player player = new Player(jack, signal);
        Recorder recorder = new Recorder(jack, player, SIGNAL);
        try {
            driver.start(new dev.conch.engine.driver.AudioCallback() {
                public void configure(double sampleRate, int inputs, int outputs, int maxBlock) {
                    session.configure(sampleRate, inputs, outputs, maxBlock);
                }

                public boolean process(float[][] in, float[][] out, int frames) {
                    long now = frameTime(player.client);
                    long start = player.startTime;
                    if (conchStart[0] < 0) {
                        conchStart[0] = now;
                    } else if (now != conchNext[0]) {
                        if (start < 0 || now <= start) conchStart[1] += now - conchNext[0];
                        else if (conchStart[2] < 0) conchStart[2] = conchNext[0];
                    }
                    conchNext[0] = now + frames;
                    return session.process(in, out, frames);
                }

                public void shutdown() {
                    session.shutdown();
                }
            });
            assertEquals(List.of("conch-e2e:in_1", "conch-e2e:in_2"), driver.inputPortNames());
            for (int c = 1; c <= 2; c++) {
                jack.connect(player.client, "conch-e2e-player:out_" + c, "conch-e2e:in_" + c);
                jack.connect(player.client, "conch-e2e:out_" + c, "conch-e2e-recorder:in_" + c);
            }
            Thread.sleep(300); // let a few periods pass with the connections in place
            player.armed = true;
            long end = System.currentTimeMillis() + 15_000;
            while (recorder.count < SIGNAL && System.currentTimeMillis() < end) Thread.sleep(20);
            assertEquals(SIGNAL, recorder.count, "recorded within 15 s (is the JACK server running?)");
        } finally {
            driver.stop();
            player.client.deactivate();
            player.client.close();
            recorder.client.deactivate();
            recorder.client.close();
        }
        int contiguous = SIGNAL;
        if (recorder.contiguous >= 0) contiguous = Math.min(contiguous, recorder.contiguous);
        if (conchStart[2] >= 0) contiguous = (int) Math.min(contiguous, conchStart[2] - player.startTime);
        String why = contiguous < LEAST_CONTIGUOUS ? "JACK skipped a period " + contiguous + " frames after the start"
                + " (recorder " + recorder.gap + ", conch " + (conchStart[2] >= 0) + ")" : null;
        return new Take(player.startTime - conchStart[0] - conchStart[1], recorder.recorded, contiguous, why);

    }

    private static void warmUp(NetworkSpec spec) throws Exception {
        Engine e = new Engine(NetworkCompiler.compile(spec, ProcessorRegistry.load(), 8192));
        float[][] in = new float[2][256], out = new float[2][256];
        java.util.Arrays.fill(in[0], 0.3f);
        for (int i = 0; i < 2000; i++) e.process(in, out, 256);
    }

    /** The JACK frame time at the start of the current period (the same for every client within one period). */
    private static long frameTime(JackClient client) {
        try {
            return client.getLastFrameTime();
        } catch (JackException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float peak(float[] x) {
        float p = 0;
        for (float v : x) p = Math.max(p, Math.abs(v));
        return p;
    }
}
