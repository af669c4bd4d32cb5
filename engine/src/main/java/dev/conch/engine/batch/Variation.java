package dev.conch.engine.batch;

import dev.conch.engine.model.NetworkSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One setting of a batch's varied params: what {@code --vary} gives the network for one output.
 *
 * @param index  0-based, in the batch's order (the {@code -v0001} of the output's name is index + 1)
 * @param seed   the seed its distributions were drawn from: {@link #of} with it draws these values again
 * @param values "node.param" → the value as the network file writes it, in the order of the {@code --vary} options
 */
public record Variation(int index, long seed, Map<String, String> values) implements java.io.Serializable {
    public Variation {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The network with these values set. */
    public NetworkSpec applyTo(NetworkSpec network) {
        NetworkSpec n = network;
        for (Map.Entry<String, String> e : values.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            n = n.withParam(e.getKey().substring(0, dot), e.getKey().substring(dot + 1), e.getValue());
        }
        return n;
    }

    /**
     * The variations of a batch: every combination of the enumerated specs (lists and ranges, the first varying
     * slowest), each {@code count} times, with the distributions drawn anew each time. So {@code --vary f=100,200
     * --vary g=uniform(0,1) --count 3} gives 6, and distributions alone with {@code --count 1000} give 1000.
     * Variation i draws from a seed mixed from {@code seed} and i, in the order of {@code specs}: the same
     * arguments give the same values on any machine, whichever job renders which.
     */
    public static java.util.List<Variation> of(List<Vary> specs, int count, long seed) {
        if (count < 1) throw new IllegalArgumentException("--count " + count + ": give at least 1");
        List<Vary> grid = specs.stream().filter(Vary::enumerates).toList();
        long points = 1;
        for (Vary v : grid) points *= v.values().size();
        long total = points * count;
        if (total > MAX) {
            throw new IllegalArgumentException("the --vary options and --count make " + total + " variations; at most "
                    + MAX + " fit in one batch (split it into several)");
        }
        List<Variation> out = new java.util.ArrayList<>((int) total);
        for (int g = 0; g < points; g++) {
            for (int k = 0; k < count; k++) {
                int index = g * count + k;
                long s = seedOf(seed, index);
                SplittableRandom random = new SplittableRandom(s);
                Map<String, String> values = new LinkedHashMap<>();
                int rest = g;
                int[] pick = new int[grid.size()];
                for (int i = grid.size() - 1; i >= 0; i--) {
                    int n = grid.get(i).values().size();
                    pick[i] = rest % n;
                    rest /= n;
                }
                int gi = 0;
                for (Vary v : specs) {
                    values.put(v.key(), v.enumerates() ? v.values().get(pick[gi++]) : v.draw(random));
                }
                out.add(new Variation(index, s, values));
            }
        }
        return out;
    }

    /** More variations than this in one batch is a typo in a range or a count. */
    public static final int MAX = 10_000_000;

    /** SplitMix64's finalizer over seed and index: neighbouring indexes get unrelated seeds. */
    static long seedOf(long seed, int index) {
        long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
