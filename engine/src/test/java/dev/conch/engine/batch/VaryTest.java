package dev.conch.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

/** {@code --vary}: the forms, their values as the definition gives them, and each mistake as one sentence. */
class VaryTest {
    /** A test processor with one param of each kind --vary takes. */
    @ProcessorInfo(name = "Knobs", category = "test", description = "params to vary")
    public static final class Knobs extends Processor {
        final Param frequency = param(ParamSpec.number("frequency", "Hz", 10, 20000, 440));
        final Param voices = param(ParamSpec.integer("voices", "", 1, 16, 1));
        final Param shape = param(ParamSpec.choice("shape", "sine", "sine", "saw", "square"));
        final Param size = param(ParamSpec.integer("size", "", 1, 8, 2).asStructural());
        final Output out = audioOut("out", "silence");

        @Override
        public void prepare(dev.conch.engine.runtime.ProcessContext ctx) {
            // nothing to allocate
        }

        @Override
        public void process(int frames) {
            java.util.Arrays.fill(out.buffer(), 0, frames, 0f);
        }
    }

    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.of(Knobs.class);
    private static final NetworkSpec NET = new NetworkSpec("n", 2, 48000, 1, "",
            List.of(new NodeSpec("k", "Knobs", Map.of())), List.of(), List.of());

    private static Vary vary(String text) {
        return Vary.parse(text, NET, REGISTRY);
    }

    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> vary(text)).getMessage();
    }

    @Test
    void listsAndRangesEnumerateTheirValuesInDecimal() {
        assertEquals(List.of("110", "220", "440"), vary("k.frequency=110, 220,440").values());
        assertEquals(List.of("10.1", "10.2", "10.3"), vary("k.frequency=range(10.1,10.3,0.1)").values());
        assertEquals(List.of("80", "75", "70"), vary("k.frequency=range(80,70,-5)").values());
        assertEquals(List.of("40", "45", "50"), vary("k.frequency=range(40,52,5)").values(), "never past the end");
        assertEquals(List.of("saw", "square"), vary("k.shape=saw,square").values());
        assertEquals("k.frequency", vary("k.frequency=1000").key());
    }

    @Test
    void drawsStayInTheirBoundsAndFollowTheirDefinition() {
        Vary u = vary("k.frequency=uniform(100,200)");
        Vary log = vary("k.frequency=loguniform(20,20000)");
        Vary whole = vary("k.voices=uniform(1,16)");
        Vary pick = vary("k.shape=choice(saw,square)");
        SplittableRandom r = new SplittableRandom(1);
        int belowMean = 0;
        for (int i = 0; i < 2000; i++) {
            long seed = r.nextLong();
            double x = Double.parseDouble(u.draw(new SplittableRandom(seed)));
            assertEquals(100 + 100 * new SplittableRandom(seed).nextDouble(), x, 0, "a + (b - a) * u");
            double f = Double.parseDouble(log.draw(new SplittableRandom(seed)));
            assertTrue(f >= 20 && f <= 20000, f + " in bounds");
            belowMean += f < Math.sqrt(20 * 20000) ? 1 : 0;
            String v = whole.draw(new SplittableRandom(seed));
            assertTrue(v.matches("\\d+") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 16, v);
            assertTrue(List.of("saw", "square").contains(pick.draw(new SplittableRandom(seed))));
        }
        // log-uniform: half the draws below the geometric mean of the bounds (2000 draws: 1000 +- 3 sigma = 67)
        assertTrue(Math.abs(belowMean - 1000) < 67, belowMean + " of 2000 below the geometric mean");
    }

    @Test
    void mistakesAreOneSentenceNamingTheOption() {
        assertEquals("--vary x.frequency=1: the network has no node 'x' (did you mean 'k'?)", refused("x.frequency=1"));
        assertEquals("--vary k.frequncy=1: Knobs 'k' has no parameter 'frequncy' to vary (did you mean 'frequency'?)",
                refused("k.frequncy=1"));
        assertTrue(refused("k.frequency=100,30000").contains("30000 Hz is out of range: frequency takes 10 to 20000 Hz"));
        assertTrue(refused("k.frequency=uniform(5,100)").contains("out of range"));
        assertTrue(refused("k.frequency=range(100,200,0)").contains("the step must be non-zero"));
        assertTrue(refused("k.frequency=range(100,200,-1)").contains("the step must be non-zero and go from 100 towards 200"));
        assertTrue(refused("k.frequency=uniform(300,100)").contains("the low bound must be below the high bound"));
        assertTrue(refused("k.shape=uniform(0,2)").contains("takes one of sine, saw, square, not a number"));
        assertTrue(refused("k.shape=choice(saw,triangle)").contains("'triangle' is not one of sine, saw, square"));
        assertTrue(refused("k.size=1,2").contains("fixes the network's shape"));
        assertTrue(refused("k.frequency=range(1,20000,0.0001)").contains("more than 100000 values"));
        assertTrue(refused("frequency").startsWith("--vary frequency: write it as node.param=SPEC"));
        assertTrue(refused("k.frequency=1,,2").contains("none empty"));
    }
}
