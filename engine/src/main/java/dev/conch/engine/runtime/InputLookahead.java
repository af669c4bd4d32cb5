package dev.conch.engine.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How far ahead of the frames played a schedule asks a source for tokens. A multi-rate chain runs its source ahead:
 * to make the first sample of an ISTFT's hop the STFT must have the hop's last input, so a source feeding a chain of
 * hop 512 fires up to 511 frames ahead of the output. A file or an oscillator can; a sound card's input cannot, so
 * the network's AudioInput plays its input that many frames late, at every block size and live and offline alike.
 *
 * <p>The schedule fires each step just often enough for the frames asked so far, so after {@code F} frames a source
 * has fired a count that depends on {@code F} alone, not on how the frames were cut into blocks. This replays the
 * schedule's demand pass (and the ops' leads, {@link FrameSpread}) one frame at a time on token counts only (no processor runs), over two periods of the
 * largest pattern the port rates make, and returns the most firings the source was ahead.
 */
final class InputLookahead {
    /** Longest replay: frames beyond it would mean rates nobody uses (a pattern of 2^17 frames is 2.7 s). */
    private static final int MOST_FRAMES = 1 << 17;

    private InputLookahead() {
    }

    /** The most firings {@code source} runs ahead of the frames played, in {@code schedule}. Off the audio thread. */
    static int of(Schedule schedule, Processor source) {
        Op[] steps = schedule.ops;
        Map<TokenStream, Integer> streamIndex = new IdentityHashMap<>();
        for (TokenStream s : schedule.streams) streamIndex.put(s, streamIndex.size());
        Map<TokenStream.Reader, Integer> readerIndex = new IdentityHashMap<>();
        long pattern = 1;
        for (TokenStream s : schedule.streams) {
            for (TokenStream.Reader r : s.readers()) {
                readerIndex.put(r, readerIndex.size());
                pattern = lcm(pattern, r.rate);
            }
        }
        for (Op s : steps) {
            for (Output o : s.outputs) pattern = lcm(pattern, o.spec.rate());
            if (s.leafDen > 0) pattern = lcm(pattern, s.leafDen);
        }
        long longestLead = 0;
        for (Op s : steps) longestLead = Math.max(longestLead, s.leadFrames);
        int frames = (int) Math.min(MOST_FRAMES, 2 * pattern + 64 + longestLead);

        long[] size = new long[streamIndex.size()];      // tokens written and not yet read by everyone
        long[] pos = new long[readerIndex.size()];       // tokens each reader has taken
        long[] demand = new long[readerIndex.size()];
        int[] firings = new int[steps.length];
        long[] firedSoFar = new long[steps.length];
        long fired = 0;
        long ahead = 0;
        for (long played = 0; played < frames; played++) {
            for (int k = steps.length - 1; k >= 0; k--) { // demand, as Schedule.demand does for one frame
                Op s = steps[k];
                long f = 0;
                if (s.sink) {
                    f = 1;
                } else if (s.leafNum > 0) {
                    f = Math.floorDiv((played + 1) * s.leafNum, s.leafDen) - Math.floorDiv(played * s.leafNum, s.leafDen);
                } else {
                    for (int o = 0; o < s.outputs.length; o++) {
                        TokenStream st = s.outputStreams[o];
                        if (st == null) continue;
                        int rate = s.outputs[o].spec.rate();
                        for (TokenStream.Reader r : st.readers()) {
                            int ri = readerIndex.get(r);
                            long missing = demand[ri] - (size[streamIndex.get(st)] - pos[ri]);
                            if (missing > 0) f = Math.max(f, (missing + rate - 1) / rate);
                        }
                    }
                }
                f = Math.max(f, s.firedByLead(played + 1) - firedSoFar[k]);
                firings[k] = (int) f;
                firedSoFar[k] += f;
                for (TokenStream.Reader r : s.inputReaders) if (r != null) demand[readerIndex.get(r)] = f * r.rate;
                for (TokenStream.Reader r : s.controlReaders) demand[readerIndex.get(r)] = f * r.rate;
            }
            for (int k = 0; k < steps.length; k++) { // work, on counts only
                Op s = steps[k];
                int f = firings[k];
                if (f == 0) continue;
                for (TokenStream.Reader r : s.inputReaders) if (r != null) pos[readerIndex.get(r)] += (long) f * r.rate;
                for (TokenStream.Reader r : s.controlReaders) pos[readerIndex.get(r)] += (long) f * r.rate;
                for (int o = 0; o < s.outputs.length; o++) {
                    TokenStream st = s.outputStreams[o];
                    if (st != null) size[streamIndex.get(st)] += (long) f * s.outputs[o].spec.rate();
                }
                if (s.processor == source && s.kind != Schedule.Kind.ABSORB) fired += f;
            }
            ahead = Math.max(ahead, fired - (played + 1));
        }
        return (int) ahead;
    }

    private static long lcm(long a, long b) {
        long g = a, h = b;
        while (h != 0) {
            long t = g % h;
            g = h;
            h = t;
        }
        return Math.min((long) MOST_FRAMES, a / g * b);
    }
}
