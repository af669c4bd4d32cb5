package dev.conch.engine.runtime;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example network, with all the real processors, renders the same bits when each
 * segment's ops fire in a random order the schedule's op graph allows as in the serial order: the predecessor
 * counts and successor lists hold every ordering a parallel runner must keep (issue 21 builds on them).
 *
 * <p>In the engine's package (in the CLI's tests, where the processors are) to fire the ops one by one.
 */
class ExampleNetworksInAnyOrderTest {
    private static final int BLOCK = 64;
    private static final int FRAMES = 48000;

    @TestFactory
    Stream<DynamicTest> everyExampleRendersTheSameInAnyOrderItsOpGraphAllows() throws IOException {
        Path networks = Path.of(System.getProperty("conch.networks", "../networks"));
        assertTrue(Files.isDirectory(networks), "no example networks directory at " + networks.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(networks)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no example networks in " + networks.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NetworkSpec spec = NetworkXml.read(f);
            float[][] serial = render(spec, null);
            float[][] shuffled = render(spec, new SplittableRandom(f.getFileName().toString().hashCode()));
            assertEquals(serial.length, shuffled.length);
            for (int c = 0; c < serial.length; c++) assertArrayEquals(serial[c], shuffled[c], f + ", channel " + c);
            boolean sound = false;
            for (float[] channel : serial) for (float x : channel) sound |= x != 0;
            assertTrue(sound, f + " rendered silence: the comparison proved nothing");
        }));
    }

    /**
     * The output node's channels for {@link #FRAMES} frames, each segment's ops fired in the serial order, or with
     * {@code random} in a random order of ops whose predecessors have all fired (Kahn on the activation counts).
     */
    private static float[][] render(NetworkSpec spec, SplittableRandom random) throws Exception {
        CompiledNetwork net = NetworkCompiler.compile(spec, ProcessorRegistry.load(), BLOCK);
        Schedule s = net.schedule();
        AudioOutput output = net.audioOutput();
        float[][] out = new float[output.channelCount()][FRAMES];
        Engine engine = new Engine(net); // opens and closes the processors, and waits for their streaming threads
        AudioInput input = net.audioInput();
        float[][] sound = dev.conch.engine.testing.Signals.tone(net.inputChannels(), FRAMES); // a network that takes sound in hears this, as Engine.process gives it
        engine.release(FRAMES);
        engine.open();
        try {
            int[] waiting = new int[s.opCount()];
            for (int done = 0; done < FRAMES; done += BLOCK) {
                engine.awaitCapacity();
                if (input != null) input.push(sound, done, BLOCK);
                s.startSegment(BLOCK);
                if (random == null) {
                    for (Op op : s.ops) if (op.firings > 0) op.fire();
                    copy(output, out, done);
                    continue;
                }
                List<Integer> ready = new ArrayList<>();
                for (int k = 0; k < waiting.length; k++) {
                    waiting[k] = s.predecessorCount(k);
                    if (waiting[k] == 0) ready.add(k);
                }
                int fired = 0;
                while (!ready.isEmpty()) {
                    int k = ready.remove(random.nextInt(ready.size()));
                    fired++;
                    if (s.ops[k].firings > 0) s.ops[k].fire();
                    for (int j : s.successors(k)) if (--waiting[j] == 0) ready.add(j);
                }
                assertEquals(s.opCount(), fired, "every op became ready");
                copy(output, out, done);
            }
        } finally {
            engine.close();
        }
        return out;
    }

    private static void copy(AudioOutput output, float[][] out, int done) {
        for (int c = 0; c < out.length; c++) System.arraycopy(output.channel(c).buffer, 0, out[c], done, BLOCK);
    }
}
