package dev.conch.cli.properties;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Network XML → compile → one rendered block, for any bytes. The only allowed outcomes are a
 * {@link NetworkException} (the user's mistake, told as sentences) or a block rendered; any other exception, a hang
 * or running out of memory is a finding, and so is a processor failing inside the block (the engine would silence it
 * and play on, which is an internal error the user never caused).
 *
 * <p>Plain {@code mvn test} runs the inputs in {@code src/test/resources/dev/conch/cli/properties/NetworkXmlFuzzTestInputs}
 * (the example networks and past findings) as regression tests. To fuzz (see TESTING.md):
 * {@code JAZZER_FUZZ=1 mvn -B -pl cli -am test -Dtest=NetworkXmlFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Files are kept out of the fuzzer's reach: every {@code file} param is pointed at a generated sample (a node
 * that reads) or a scratch file (a node without outputs, which writes), so no input can read a device or overwrite
 * anything.
 */
class NetworkXmlFuzzTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    private static final int BLOCK = 64;

    @FuzzTest(maxDuration = "5m")
    void anyNetworkTextIsRefusedWithSentencesOrRendersABlock(byte[] data) throws IOException {
        NetworkSpec spec;
        CompiledNetwork network;
        try {
            spec = confined(NetworkXml.read(new String(data, StandardCharsets.UTF_8), "fuzz.xml"));
            network = NetworkCompiler.compile(spec, REGISTRY, BLOCK);
        } catch (NetworkException e) {
            for (var p : e.problems()) {
                if (p.message() == null || p.message().isBlank()) throw new AssertionError("a problem without a sentence: " + e);
            }
            return;
        }
        Engine engine = new Engine(network);
        engine.open();
        try {
            engine.process(new float[Math.max(1, engine.outputChannels())][BLOCK], BLOCK);
        } finally {
            engine.close();
        }
        if (engine.failure() != null) throw new AssertionError("a processor failed in the first block: " + engine.failure());
    }

    /** The spec with every {@code file} param replaced by a path inside the test's own folder. */
    static NetworkSpec confined(NetworkSpec spec) {
        List<SampleFiles.Sample> samples = SampleFiles.all();
        NetworkSpec result = spec;
        int i = 0;
        for (NodeSpec n : spec.nodes()) {
            if (n.id() == null || !n.params().containsKey("file")) continue;
            ProcessorDescriptor d = n.type() == null ? null : REGISTRY.descriptor(n.type());
            boolean writes = d != null && d.outputs().isEmpty();
            String text = n.params().get("file").text();
            String path = writes ? SampleFiles.scratch().resolve("fuzz-" + (i++) + ".wav").toString()
                    : text.isBlank() ? text : samples.get(Math.floorMod(text.hashCode(), samples.size())).path().toString();
            result = result.withParam(n.id(), "file", path);
        }
        return result;
    }
}
