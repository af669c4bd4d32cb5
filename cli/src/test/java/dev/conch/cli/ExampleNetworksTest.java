package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example in {@code networks/*.xml} validates and renders (up to 2 s) through the CLI, and what it writes
 * through -o is finite, not silent, and free of NaN/Inf repairs. This is the smoke test CI runs (the README's test
 * command is plain {@code mvn -B verify}). The directory comes from the {@code conch.networks} system property
 * that cli/pom.xml sets.
 */
class ExampleNetworksTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyExampleNetworkRenders() throws IOException {
        Path networks = Path.of(System.getProperty("conch.networks", "../networks"));
        assertTrue(Files.isDirectory(networks), "no example networks directory at " + networks.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(networks)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no example networks in " + networks.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> render(f)));
    }

    /** What a network that takes sound in is given (once per channel): 2 s of a 110 Hz tone with four partials. */
    private Path input() throws Exception {
        Path in = dir.resolve("input.wav");
        if (Files.exists(in)) return in;
        float[][] x = dev.conch.engine.testing.Signals.tone(1, 96000);
        try (var w = dev.conch.engine.io.WavWriter.open(in, 1, 48000, dev.conch.engine.io.SampleFormat.FLOAT32)) {
            w.write(x, 0, x[0].length);
            w.commit();
        }
        return in;
    }

    private void render(Path file) throws Exception {
        CliRun v = CliRun.of("validate", file.toString());
        assertEquals(0, v.exit(), v::toString);
        assertTrue(v.out().startsWith("ok: "), v::toString);

        NetworkSpec spec = NetworkXml.read(file);
        boolean hasOutput = spec.nodes().stream().anyMatch(n -> n.type().equals("AudioOutput"));
        double seconds = spec.duration() > 0 ? Math.min(spec.duration(), 2) : 2;
        Path wav = dir.resolve(file.getFileName() + ".wav");
        List<String> args = new java.util.ArrayList<>(List.of("render", file.toString(), "--seconds", Double.toString(seconds)));
        if (hasOutput) args.addAll(List.of("-o", wav.toString()));
        int inputs = dev.conch.engine.graph.NetworkCompiler.compile(spec, dev.conch.engine.runtime.ProcessorRegistry.load(),
                512).inputChannels();
        for (int c = 0; c < inputs; c++) args.addAll(List.of("-i", input().toString()));
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r::toString);
        assertFalse(r.err().contains("NaN/Inf"), r::toString);
        if (!hasOutput) return;

        RenderTest.Wav w = RenderTest.Wav.read(wav);
        assertEquals(Math.round(seconds * spec.sampleRate()), w.frames(), r::toString);
        for (float[] channel : w.channels()) {
            assertTrue(RenderTest.peak(channel) > 1e-3, file + ": a channel is silent");
            for (float x : channel) assertTrue(Float.isFinite(x));
        }
    }
}
