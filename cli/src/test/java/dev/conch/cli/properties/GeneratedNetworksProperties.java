package dev.conch.cli.properties;

import dev.conch.engine.runtime.ProcessorRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.List;

/**
 * Conch's promises, checked over random networks of every registered processor type ({@link NetworkGenerator}) by
 * the {@link Invariants}. CI runs the fixed seed below with the tries set in junit-platform.properties; a long run:
 * {@code mvn -B -pl cli -am test -Dtest=GeneratedNetworksProperties -Dsurefire.failIfNoSpecifiedTests=false
 * -Djqwik.tries.default=10000} (see TESTING.md). Features whose bugs are being fixed are off unless
 * {@code -Dconch.properties.features=...} turns them on ({@link Feature}).
 */
class GeneratedNetworksProperties {
    private static final NetworkGenerator GENERATOR = new NetworkGenerator(ProcessorRegistry.load(), Feature.enabled());

    @Provide
    Arbitrary<List<Integer>> decisions() {
        // uniform sizes and values: jqwik's default bias to small lists and edge values gives mostly one-node networks
        return Arbitraries.integers().between(0, 1 << 20).withDistribution(RandomDistribution.uniform())
                .list().ofMinSize(20).ofMaxSize(160).withSizeDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
    }

    @Property(seed = "14")
    void everyNetworkKeepsConchsPromises(@ForAll("decisions") List<Integer> decisions) throws Exception {
        // generated here rather than in the arbitrary, so that a generator failure is shrunk too
        Invariants.check(GENERATOR.generate(decisions));
    }

    @AfterContainer
    static void printSummary() {
        System.out.println("\n=== generated networks (issue 14 property tests) ===\n" + Invariants.summary());
    }
}
