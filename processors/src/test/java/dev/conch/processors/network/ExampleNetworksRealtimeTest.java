package dev.conch.processors.network;

import dev.conch.engine.driver.OfflineRenderer;
import dev.conch.engine.driver.RenderOptions;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realtime contract on every example network in {@code networks/}: 10,000 callbacks allocate nothing on the
 * audio thread, and the same network renders to bit-identical files at block sizes from 1 to 8192.
 */
class ExampleNetworksRealtimeTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @TempDir
    Path dir;

    static List<Path> networks() throws IOException {
        Path root = Path.of(System.getProperty("conch.networks", "../networks"));
        try (Stream<Path> s = Files.list(root)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            assertFalse(files.isEmpty(), "no example networks in " + root.toAbsolutePath());
            return files;
        }
    }

    @TestFactory
    Stream<DynamicTest> tenThousandCallbacksAllocateNothing() throws IOException {
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NetworkSpec spec = NetworkXml.read(f);
            Engine engine = new Engine(NetworkCompiler.compile(spec, REGISTRY, 256));
            engine.open();
            try {
                float[][] out = new float[Math.max(1, engine.outputChannels())][256];
                float[][] in = dev.conch.engine.testing.Signals.tone(engine.inputChannels(), 256); // a network that takes sound in gets some
                AllocationMeter.warmUp(() -> engine.process(in, out, 256), 5000, 100_000); // JIT, class loading
                long bytes = AllocationMeter.fewestBytesOver(3, () -> {
                    for (int i = 0; i < 10_000; i++) engine.process(in, out, 256);
                });
                assertEquals(0, bytes, f.getFileName() + ": bytes allocated by 10,000 callbacks");
                assertEquals(null, engine.failure());
            } finally {
                engine.close();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> renderIsBitIdenticalAtAnyBlockSize() throws IOException {
        return networks().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            NetworkSpec spec = NetworkXml.read(f);
            long frames = (long) (1.5 * spec.sampleRate());
            byte[] reference = null;
            for (int block : new int[]{64, 1024, 1, 997, 8192}) {
                CompiledNetwork net = NetworkCompiler.compile(spec, REGISTRY, block);
                Path wav = dir.resolve(f.getFileName() + "-" + block + ".wav");
                RecordedInput input = net.inputChannels() == 0 ? null
                        : new RecordedInput(dev.conch.engine.testing.Signals.tone(net.inputChannels(), (int) frames), false);
                OfflineRenderer.render(net, new RenderOptions(wav, frames, block, SampleFormat.FLOAT32, 0, input), x -> { });
                byte[] bytes = Files.readAllBytes(wav);
                if (reference == null) {
                    reference = bytes;
                    assertTrue(hasSound(bytes), f.getFileName() + " renders silence");
                } else {
                    assertArrayEquals(reference, bytes, f.getFileName() + ": block " + block + " differs from block 64");
                }
            }
        }));
    }

    /** Some sample byte (after the "data" chunk header, wherever the header's chunks put it) is not zero. */
    private static boolean hasSound(byte[] wav) {
        String text = new String(wav, 0, Math.min(wav.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1);
        int data = text.indexOf("data");
        if (data < 0) return false;
        int from = data + 8;
        return wav.length > from + 100 && !Arrays.equals(new byte[wav.length - from], Arrays.copyOfRange(wav, from, wav.length));
    }
}
