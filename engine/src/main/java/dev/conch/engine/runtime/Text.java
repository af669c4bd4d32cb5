package dev.conch.engine.runtime;

import java.util.Collection;

/** Small text helpers for messages a sound designer reads. */
public final class Text {
    private Text() {
    }

    /** Values up to this many characters are quoted whole into messages. */
    static final int CLIP_ABOVE = 80;
    /** How much of a longer value is shown. */
    static final int CLIP_TO = 40;

    /**
     * A value as it may be quoted into a message: whole when short, else its first {@value #CLIP_TO} characters and
     * its length ({@code xxxx…(1048576 chars)}), so a pasted megabyte cannot flood the terminal.
     */
    public static String clip(String value) {
        if (value == null || value.length() <= CLIP_ABOVE) return value;
        int cut = Character.isHighSurrogate(value.charAt(CLIP_TO - 1)) ? CLIP_TO - 1 : CLIP_TO;
        return value.substring(0, cut) + "…(" + value.length() + " chars)";
    }

    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The candidate nearest to {@code word} if it is plausibly a typo of it, else the one it abbreviates, else null. */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(word.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (bestDistance <= Math.max(2, word.length() / 3)) return best;
        return abbreviated(word, candidates);
    }

    /** The one candidate that {@code word} begins ("freq" for "frequency"), or null when none or several do. */
    private static String abbreviated(String word, Collection<String> candidates) {
        if (word.length() < 2) return null;
        String found = null;
        for (String c : candidates) {
            if (!c.toLowerCase().startsWith(word.toLowerCase())) continue;
            if (found != null) return null;
            found = c;
        }
        return found;
    }
}
