package dev.conch.processors.spectral;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AudioInput → STFT → ISTFT gives back the input, delayed by the STFT's latency plus the input's lead (the frames
 * the chain runs its source ahead: hop - 1, and half a hop more, so that at block 64 the STFT makes each frame
 * in an earlier callback than the ISTFT resynthesises it), within the identity's 1e-5, at every block size: no frame of input is
 * lost or replaced by silence when the schedule asks for input before it arrives.
 */
class StftOnTheInputTest {
    private static final int FRAMES = 24_000;

    @Test
    void theInputComesBackDelayedByTheLatencyAndTheLeadAtEveryBlockSize() throws Exception {
        String xml = "<network name=\"identity\" version=\"2\" sampleRate=\"48000\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">1</param></node>"
                + "<node id=\"stft\" type=\"STFT\"><param name=\"fftSize\">1024</param><param name=\"overlap\">4</param></node>"
                + "<node id=\"istft\" type=\"ISTFT\"/><node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<connect from=\"in.out1\" to=\"stft.in\"/><connect from=\"stft.out\" to=\"istft.in\"/>"
                + "<connect from=\"istft.out\" to=\"out.in1\"/></network>";
        float[] x = new float[FRAMES];
        SplittableRandom r = new SplittableRandom(21);
        for (int i = 0; i < FRAMES; i++) x[i] = (float) (r.nextDouble() - 0.5);
        for (int block : new int[] {1, 100, 256, 4096}) {
            CompiledNetwork net = NetworkCompiler.compile(NetworkXml.read(xml, "identity.xml"), ProcessorRegistry.load(), block);
            Engine engine = new Engine(net);
            // hop 256: the STFT's frame needs its hop's last input, 255 frames ahead; and the STFT fires its frames
            // half a hop (128 frames) before the ISTFT needs them (FrameSpread: two frame ops share the hop)
            assertEquals(255 + 128, engine.inputLatency(), "hop 256: the frames the chain runs its source ahead");
            int delay = net.latency() + engine.inputLatency();
            float[] y = new float[FRAMES];
            float[][] in = new float[1][block], out = new float[1][block];
            for (int done = 0; done < FRAMES; done += block) {
                int n = Math.min(block, FRAMES - done);
                System.arraycopy(x, done, in[0], 0, n);
                engine.process(in, out, n);
                System.arraycopy(out[0], 0, y, done, n);
            }
            double worst = 0;
            for (int i = delay; i < FRAMES; i++) worst = Math.max(worst, Math.abs(y[i] - x[i - delay]));
            assertTrue(worst < 1e-5, "block " + block + ": worst error " + worst + " against the input " + delay + " late");
            for (int i = 0; i < delay; i++) assertEquals(0, y[i], 1e-6, "block " + block + ": before the delay, frame " + i);
        }
    }
}
