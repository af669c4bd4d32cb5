package dev.conch.cli.properties;

import dev.conch.cli.properties.NetworkGenerator.Generated;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The generator wires every type the registry holds: for each, some network holding it is accepted by the compiler.
 * A new processor the generator cannot place yet (an input kind it does not know, a text param it cannot fill)
 * fails here by name, instead of silently never being tested.
 */
class EveryTypeIsGeneratedTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @Test
    void everyRegisteredTypeAppearsInAnAcceptedNetwork() {
        NetworkGenerator generator = new NetworkGenerator(REGISTRY, Feature.enabled());
        List<String> missing = new ArrayList<>();
        for (ProcessorDescriptor d : REGISTRY.descriptors()) {
            String why = "no network was accepted";
            boolean placed = false;
            SplittableRandom random = new SplittableRandom(d.type().hashCode());
            for (int attempt = 0; attempt < 20 && !placed; attempt++) {
                List<Integer> decisions = new ArrayList<>();
                for (int i = 0; i < 60; i++) decisions.add(random.nextInt(1 << 20));
                try {
                    Generated g = generator.generateWith(d.type(), decisions);
                    if (g.mutation() != null) continue;
                    assertTrue(g.spec().nodes().stream().map(NodeSpec::type).anyMatch(d.type()::equals),
                            d.type() + " asked for but not in the network");
                    NetworkCompiler.compile(g.spec(), REGISTRY, g.maxBlock());
                    placed = true;
                } catch (NetworkException e) {
                    why = e.getMessage();
                } catch (RuntimeException e) {
                    why = e.toString();
                }
            }
            if (!placed) missing.add(d.type() + ": " + why);
        }
        if (!missing.isEmpty()) fail("the generator cannot yet wire these types:\n" + String.join("\n", missing));
        assertTrue(REGISTRY.descriptors().size() >= 20, "the registry lists " + REGISTRY.descriptors().size() + " types");
    }
}
