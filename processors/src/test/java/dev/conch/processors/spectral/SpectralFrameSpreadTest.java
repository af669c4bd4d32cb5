package dev.conch.processors.spectral;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At block 64 a spectral chain's frame is spread over the callbacks of its hop (issue 21): the STFT, the spectral op
 * and the ISTFT each make their part of a frame in a callback of their own, in that order, never two in one. Which
 * callback each fires in is read from monitor taps on their outputs (a tap receives what an op makes, in the callback
 * it makes it), so the test sees only what the engine does, not how it decides it.
 */
class SpectralFrameSpreadTest {
    private static final int BLOCK = 64;
    /** fftSize 1024, overlap 4. */
    private static final int HOP = 256;
    private static final String[] CHAIN = {"stft", "gain", "synth"};

    private static final String NETWORK = "<network name=\"chain\" version=\"2\" sampleRate=\"48000\">"
            + "<node id=\"noise\" type=\"Noise\"/>"
            + "<node id=\"stft\" type=\"STFT\"><param name=\"fftSize\">1024</param><param name=\"overlap\">4</param></node>"
            + "<node id=\"gain\" type=\"SpectralGain\"><param name=\"gain\">-6</param></node>"
            + "<node id=\"synth\" type=\"ISTFT\"/><node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
            + "<connect from=\"noise.out\" to=\"stft.in\"/><connect from=\"stft.out\" to=\"gain.in\"/>"
            + "<connect from=\"gain.out\" to=\"synth.in\"/><connect from=\"synth.out\" to=\"out.in1\"/></network>";

    /**
     * A source leading for a spectral chain while also feeding a plain path (the dry signal, through a gain, to a
     * mixer) keeps its lead's worth of tokens for the slower reader: its stream must have room for them. The chain is
     * an identity here (rectangular window, hop = window: latency 0), so the mix is twice the noise, compared with the
     * noise rendered alone by a network without any chain.
     */
    @Test
    void aSourceLeadingForAChainKeepsItsLeadForADryReaderWithoutOverflowing() throws Exception {
        String wetAndDry = "<network name=\"dry\" version=\"2\" sampleRate=\"48000\">"
                + "<node id=\"noise\" type=\"Noise\"><param name=\"amplitude\">0.25</param></node>"
                + "<node id=\"pre\" type=\"Gain\"/><node id=\"post\" type=\"Gain\"/>"
                + "<node id=\"stft\" type=\"STFT\"><param name=\"fftSize\">1024</param><param name=\"window\">rectangular</param>"
                + "<param name=\"overlap\">1</param></node><node id=\"gain\" type=\"SpectralGain\"/>"
                + "<node id=\"synth\" type=\"ISTFT\"/><node id=\"mix\" type=\"Mixer\"/>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<connect from=\"noise.out\" to=\"pre.in\"/><connect from=\"pre.out\" to=\"stft.in\"/>"
                + "<connect from=\"stft.out\" to=\"gain.in\"/><connect from=\"gain.out\" to=\"synth.in\"/>"
                + "<connect from=\"synth.out\" to=\"mix.in1\"/><connect from=\"noise.out\" to=\"post.in\"/>"
                + "<connect from=\"post.out\" to=\"mix.in2\"/><connect from=\"mix.out\" to=\"out.in1\"/></network>";
        String alone = "<network name=\"alone\" version=\"2\" sampleRate=\"48000\">"
                + "<node id=\"noise\" type=\"Noise\"><param name=\"amplitude\">0.25</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<connect from=\"noise.out\" to=\"out.in1\"/></network>";
        float[] noise = render(alone, 512, 20_000);
        for (int block : new int[] {512, 64, 100}) {
            float[] y = render(wetAndDry, block, 20_000);
            for (int i = 0; i < y.length; i++) {
                assertTrue(Math.abs(y[i] - 2 * noise[i]) < 1e-5, "block " + block + ", frame " + i + ": " + y[i] + " against twice " + noise[i]);
            }
        }
    }

    private static float[] render(String xml, int block, int frames) throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(NetworkXml.read(xml, "net.xml"), ProcessorRegistry.load(), block));
        engine.open();
        float[] y = new float[frames];
        float[][] out = new float[1][block];
        for (int done = 0; done < frames; done += block) {
            int n = Math.min(block, frames - done);
            engine.process(out, n);
            System.arraycopy(out[0], 0, y, done, n);
        }
        engine.close();
        assertTrue(!engine.overflowed() && engine.failure() == null, "a stream overflowed or a processor failed: " + engine.failure());
        return y;
    }

    @Test
    void theStftTheSpectralOpAndTheIstftFireInSeparateCallbacksOfEachHop() throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(NetworkXml.read(NETWORK, "chain.xml"), ProcessorRegistry.load(), BLOCK));
        engine.open();
        SpscAudioRing[] taps = new SpscAudioRing[CHAIN.length];
        for (int s = 0; s < CHAIN.length; s++) taps[s] = engine.tap(CHAIN[s], "out", 1 << 16);
        float[][] out = new float[1][BLOCK], drain = new float[1][1 << 16];
        int callbacks = 40 * HOP / BLOCK;
        List<List<Integer>> firedIn = new ArrayList<>(); // per step, the callbacks it made something in
        for (int s = 0; s < CHAIN.length; s++) firedIn.add(new ArrayList<>());
        for (int c = 0; c < callbacks; c++) {
            engine.process(out, BLOCK);
            int steps = 0;
            for (int s = 0; s < CHAIN.length; s++) {
                if (taps[s].poll(drain, drain[0].length) == 0) continue;
                firedIn.get(s).add(c);
                steps++;
            }
            if (c > 0) assertTrue(steps <= 1, "callback " + c + " carried " + steps + " steps of a frame");
        }
        engine.close();
        int frames = firedIn.get(2).size();
        assertTrue(frames >= callbacks / (HOP / BLOCK), "the ISTFT resynthesised " + frames + " frames in "
                + callbacks + " callbacks: fewer than one per hop");
        for (int j = 1; j < frames - 1; j++) {
            int made = firedIn.get(0).get(j), shaped = firedIn.get(1).get(j), synthesised = firedIn.get(2).get(j);
            assertTrue(made < shaped && shaped < synthesised && synthesised - made < HOP / BLOCK,
                    "frame " + j + ": STFT in callback " + made + ", gain in " + shaped + ", ISTFT in " + synthesised);
        }
    }
}
