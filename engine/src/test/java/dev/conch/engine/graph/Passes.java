package dev.conch.engine.graph;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.ControlRamp;
import dev.conch.engine.testing.FiveToThree;
import dev.conch.engine.testing.Latent;
import dev.conch.engine.testing.LoopDelay;
import dev.conch.engine.testing.Ramp;
import dev.conch.engine.testing.Sum;
import dev.conch.engine.testing.ThreeToFive;
import dev.conch.engine.testing.ThreeToOne;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the compiler's passes one at a time on small networks, for the passes' own tests. */
final class Passes {
    static final ProcessorRegistry REGISTRY = ProcessorRegistry.of(AudioOutput.class, Ramp.class, Sum.class,
            Latent.class, LoopDelay.class, ThreeToFive.class, FiveToThree.class, ThreeToOne.class, ControlRamp.class);

    private Passes() {
    }

    /** The bound graph of a network the binder accepts (fails the test otherwise). */
    static BoundGraph bind(NetworkSpec spec) {
        Findings f = new Findings();
        BoundGraph g = Binder.bind(spec, REGISTRY, f);
        assertEquals(java.util.List.of(), f.problems(), "the binder refused the test network");
        return g;
    }

    /** The analyses up to the step order, for a network every pass accepts. */
    record Analysed(BoundGraph bound, LoopAnalysis.Loops loops, RateAnalysis.Rates rates, StepOrder steps,
                    Findings findings) {
    }

    static Analysed analyse(NetworkSpec spec) {
        BoundGraph g = bind(spec);
        Findings f = new Findings();
        LoopAnalysis.Loops loops = LoopAnalysis.find(g, f);
        RateAnalysis.Rates rates = RateAnalysis.solve(g, f);
        StepOrder steps = StepOrder.of(g, loops, f);
        assertEquals(java.util.List.of(), f.problems(), "a pass refused the test network");
        return new Analysed(g, loops, rates, steps, f);
    }
}
