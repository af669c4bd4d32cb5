package dev.conch.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import dev.conch.engine.io.FileType;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

/** The variations of a batch and the names of its outputs, against their definitions. */
class VariationTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.of(VaryTest.Knobs.class);
    private static final NetworkSpec NET = new NetworkSpec("n", 2, 48000, 1, "",
            List.of(new NodeSpec("k", "Knobs", Map.of())), List.of(), List.of());

    private static List<Variation> plan(int count, long seed, String... varies) {
        return Variation.of(java.util.Arrays.stream(varies).map(v -> Vary.parse(v, NET, REGISTRY)).toList(), count, seed);
    }

    @Test
    void listsCombineFirstSlowestAndEachCombinationRepeatsCountTimes() {
        List<Variation> vs = plan(2, 0, "k.frequency=100,200", "k.voices=range(1,3,1)", "k.shape=choice(saw,square)");
        assertEquals(2 * 3 * 2, vs.size());
        int i = 0;
        for (String f : List.of("100", "200")) {
            for (String v : List.of("1", "2", "3")) {
                for (int k = 0; k < 2; k++, i++) {
                    Variation x = vs.get(i);
                    assertEquals(i, x.index());
                    assertEquals(List.of("k.frequency", "k.voices", "k.shape"), List.copyOf(x.values().keySet()));
                    assertEquals(f, x.values().get("k.frequency"));
                    assertEquals(v, x.values().get("k.voices"));
                    // the choice is the first draw from the variation's own seed
                    assertEquals(List.of("saw", "square").get(new SplittableRandom(x.seed()).nextInt(2)), x.values().get("k.shape"));
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameVariationsAndEveryVariationItsOwnSeed() {
        List<Variation> a = plan(500, 42, "k.frequency=loguniform(20,20000)");
        assertEquals(a, plan(500, 42, "k.frequency=loguniform(20,20000)"));
        assertNotEquals(a, plan(500, 43, "k.frequency=loguniform(20,20000)"));
        Set<Long> seeds = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (Variation v : a) {
            seeds.add(v.seed());
            values.add(v.values().get("k.frequency"));
        }
        assertEquals(500, seeds.size());
        assertEquals(500, values.size());
    }

    @Test
    void aVariationSetsItsValuesOnTheNetwork() {
        Variation v = plan(1, 0, "k.frequency=123.5").get(0);
        assertEquals("123.5", v.applyTo(NET).node("k").orElseThrow().paramTexts().get("frequency"));
    }

    @Test
    void tooManyVariationsAreRefused() {
        String e = assertThrows(IllegalArgumentException.class,
                () -> plan(20_000_000, 0, "k.frequency=uniform(20,30)")).getMessage();
        assertTrue(e.contains("make 20000000 variations; at most 10000000"), e);
    }

    @Test
    void outputsKeepTheirInputsNameWithTheVariationsNumberAndTheFormatsExtension() {
        List<Variation> two = plan(1, 0, "k.frequency=100,200");
        List<BatchItem> items = BatchItem.plan("nets/n.xml", List.of("a/kick.wav", "b/snare.aiff", "c/hat.au"), two, null);
        assertEquals(List.of("kick-v0001.wav", "kick-v0002.wav", "snare-v0001.aiff", "snare-v0002.aiff", "hat-v0001.wav",
                "hat-v0002.wav"), items.stream().map(BatchItem::output).toList());
        assertEquals("b/snare.aiff", items.get(2).input());
        assertEquals(List.of("kick.flac"), BatchItem.plan("n.xml", List.of("s3://bucket/x/kick.wav"), List.of(), FileType.FLAC)
                .stream().map(BatchItem::output).toList());
        assertEquals(List.of("n.wav"), BatchItem.plan("nets/n.xml", List.of(), List.of(), null).stream().map(BatchItem::output).toList());
        assertEquals("n-v00002.wav", BatchItem.plan("n.xml", List.of(), plan(1, 0, "k.frequency=range(100,10099,1)"), null)
                .get(1).output(), "as many digits as the count needs");
        String e = assertThrows(IllegalArgumentException.class,
                () -> BatchItem.plan("n.xml", List.of("a/kick.wav", "b/kick.aif"), List.of(), FileType.WAV)).getMessage();
        assertEquals("a/kick.wav and b/kick.aif would both be written to kick.wav (outputs keep their input's name); "
                + "rename one, or process them into different folders", e);
    }

    /** Named by their place in a tree (--recursive), outputs keep it; a dot in a folder's name is not an extension. */
    @Test
    void outputsNamedByTheirPlaceInATreeKeepIt() {
        List<BatchItem> items = BatchItem.plan("n.xml", List.of("lib/drums/kick.wav", "lib/v1.2/kick", "lib/kick.wav"),
                List.of("drums/kick.wav", "v1.2/kick", "kick.wav"), plan(1, 0, "k.frequency=100,200"), FileType.FLAC);
        assertEquals(List.of("drums/kick-v0001.flac", "drums/kick-v0002.flac", "v1.2/kick-v0001.flac",
                "v1.2/kick-v0002.flac", "kick-v0001.flac", "kick-v0002.flac"), items.stream().map(BatchItem::output).toList());
        String e = assertThrows(IllegalArgumentException.class, () -> BatchItem.plan("n.xml",
                List.of("lib/drums/kick.wav", "lib/Drums/Kick.aif"), List.of("drums/kick.wav", "Drums/Kick.aif"), List.of(),
                FileType.WAV)).getMessage();
        assertTrue(e.startsWith("lib/drums/kick.wav and lib/Drums/Kick.aif would both be written to Drums/Kick.wav"), e);
    }
}
