package dev.conch.engine.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain files one thread renders share one compiled network, and each output is still what the network gives
 * that file alone: its input added to a ramp whose automated scale starts again at every file.
 */
class BatchRendererTest {
    @TempDir
    Path dir;

    private static NetworkSpec network() {
        // out[n] = in[n] + n * scale(n), the scale ramped 1 -> 3 over the first 0.1 s
        return new Net().node("in", "AudioInput", "channels", "1").node("ramp", "TestRamp").node("sum", "TestSum")
                .node("out", "AudioOutput", "channels", "1").connect("in.out1", "sum.a").connect("ramp.out", "sum.b")
                .connect("sum.out", "out.in1").spec()
                .withAutomation("ramp", new Automation("scale", List.of(AutomationEvent.linear(3, 0.1))));
    }

    @Test
    void aThreadsPlainFilesShareOneNetworkAndEachSoundsAsAlone() throws Exception {
        BatchRenderer.Settings settings = new BatchRenderer.Settings(SampleFormat.FLOAT32, 256, 0, 0);
        Map<CompiledNetwork, Boolean> networks = new IdentityHashMap<>();
        BatchRenderer renderer = new BatchRenderer("test.xml", network(), TestProcessors.registry(), settings)
                .whenCompiled((item, net) -> networks.put(net, true));
        List<float[]> inputs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            float[] x = new float[9000 - 2000 * k]; // other lengths: the release falls elsewhere each time
            SplittableRandom r = new SplittableRandom(k);
            for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() - 0.5);
            Path in = dir.resolve("in" + k + ".wav");
            try (WavWriter w = WavWriter.open(in, 1, 48000, SampleFormat.FLOAT32)) {
                w.write(new float[][] {x}, 0, x.length);
                w.commit();
            }
            inputs.add(x);
            BatchItem item = new BatchItem(in.toString(), null, "out" + k + ".wav");
            ItemResult result = renderer.render(item, in, dir.resolve("out" + k + ".wav"), f -> { });
            assertNull(result.failure(), "file " + k);
        }
        assertEquals(1, networks.size(), "compiled once for the three plain files of one thread");
        for (int k = 0; k < 3; k++) {
            float[] x = inputs.get(k);
            float[] y = AudioFileLoader.load(dir.resolve("out" + k + ".wav")).channels()[0];
            float[] expected = new float[x.length];
            for (int n = 0; n < x.length; n++) {
                double t = n / 48000.0;
                float scale = (float) (t < 0.1 ? 1 + 2 * t / 0.1 : 3); // the control stream carries floats
                expected[n] = x[n] + (float) (n * (double) scale);
            }
            assertArrayEquals(expected, y, Math.ulp(30_000f), "file " + k);
        }
    }
}
