package dev.conch.cli.properties;

import java.util.List;

/**
 * The decisions a generated network is built from, read one by one from a list jqwik draws and shrinks. Zero, and
 * every read past the end of the list, is always the simplest choice (the default value, no extra node, the feature
 * off), so a shrunk list gives a network with only what the failure needs.
 */
final class Choices {
    private final List<Integer> values;
    private int next;

    Choices(List<Integer> values) {
        this.values = values;
    }

    /** A number from 0 to {@code bound - 1}. */
    int below(int bound) {
        if (bound <= 1 || next >= values.size()) {
            next++;
            return 0;
        }
        return Math.floorMod(values.get(next++), bound);
    }

    /** True in about {@code percent} of draws; false when shrunk. */
    boolean maybe(int percent) {
        return below(100) >= 100 - percent;
    }

    /** A number in [lo, hi], lo when shrunk; 1000 steps. */
    double between(double lo, double hi) {
        return lo + (hi - lo) * below(1001) / 1000.0;
    }

    <T> T pick(List<T> list) {
        return list.get(below(list.size()));
    }
}
