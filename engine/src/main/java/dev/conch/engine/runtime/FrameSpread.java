package dev.conch.engine.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads a spectral chain's frame over the callbacks of its hop. Fired on demand alone, STFT → spectral ops → ISTFT
 * all fire in the one callback that first needs the ISTFT's next hop (one callback in four at block 64, hop 256),
 * and that callback carries the whole frame. Here each op of a multi-rate chain also fires by time, a
 * {@link Op#leadFrames lead} ahead of the frames played: of a chain of n frame ops the last (the ISTFT) fires when
 * demand asks, each op before it 1/n of its hop earlier, so the STFT, each spectral op and the ISTFT fire in
 * different callbacks of the hop (at block 64, hop 256: STFT, spectral op, a callback with none, ISTFT), in that
 * order, each on a frame its producer made a callback or more earlier. The ops feeding the chain (sources) lead by
 * what their reader takes, so they run steadily ahead, a block per callback, rather than a hop at once.
 *
 * <p>Nothing a processor sees changes: every op still takes the same tokens in the same order, only sooner, so the
 * output is bit-identical to demand alone at every block size and thread count; and a lead depends on the hop, not
 * the block size, so firings stay a function of the frames played (as {@link InputLookahead} needs). A source that
 * cannot run ahead, the network's AudioInput, plays its input later by what it leads (measured there).
 *
 * <p>Ops on or after a feedback loop's delay keep demand alone: a loop's delay may emit only as far ahead of its
 * absorb as the compiler planned ({@code LoopLeads}).
 */
final class FrameSpread {
    /**
     * The shortest hop spread, in frames: one of at least two 64-frame callbacks (the block size live play is
     * measured at). A shorter one fires in nearly every callback anyway, and leading would only make an AudioInput
     * feeding it later.
     */
    static final int SHORTEST_HOP = 128;

    private FrameSpread() {
    }

    /** Sets each op's lead; {@code ops} in the schedule's (topological) order, dependencies linked. Off the audio thread. */
    static void assign(Op[] ops) {
        int n = ops.length;
        Map<TokenStream, Integer> producer = new IdentityHashMap<>();
        Map<TokenStream, Integer> producedPerFiring = new IdentityHashMap<>();
        for (int k = 0; k < n; k++) {
            for (int o = 0; o < ops[k].outputStreams.length; o++) {
                TokenStream st = ops[k].outputStreams[o];
                if (st == null) continue;
                producer.put(st, k);
                producedPerFiring.put(st, ops[k].outputs[o].spec.rate());
            }
        }
        List<List<Link>> readsFrom = new ArrayList<>(); // per op, the streams it reads
        for (int k = 0; k < n; k++) {
            List<Link> links = new ArrayList<>();
            for (TokenStream.Reader r : ops[k].inputReaders) if (r != null) links.add(link(r, producer, producedPerFiring));
            for (TokenStream.Reader r : ops[k].controlReaders) links.add(link(r, producer, producedPerFiring));
            readsFrom.add(links);
        }

        boolean[] afterLoop = new boolean[n];
        int[] above = new int[n]; // frame ops feeding this one, the longest line of them
        for (int k = 0; k < n; k++) {
            afterLoop[k] = ops[k].kind != Schedule.Kind.PROCESS;
            for (Link l : readsFrom.get(k)) {
                afterLoop[k] |= afterLoop[l.producer];
                if (spreads(ops[l.producer]) && !afterLoop[l.producer]) above[k] = Math.max(above[k], above[l.producer] + 1);
            }
        }
        int[] below = new int[n]; // frame ops this one feeds, the longest line of them
        long[] lead = new long[n];
        for (int k = n - 1; k >= 0; k--) {
            Op op = ops[k];
            if (afterLoop[k] || op.sink || op.leafNum > 0) continue;
            for (int j : op.successors) if (spreads(ops[j]) && !afterLoop[j]) below[k] = Math.max(below[k], below[j] + 1);
            if (spreads(op)) {
                // the chain's n frame ops share the hop evenly: the last one when demand asks, each one before it
                // 1/n of a hop earlier (the least lead, hence the least input latency, that parts them evenly)
                lead[k] = below[k] * framesPerFiring(op) / (below[k] + above[k] + 1);
            }
            for (int j : op.successors) {
                if (lead[j] == 0) continue;
                for (Link l : readsFrom.get(j)) if (l.producer == k) lead[k] = Math.max(lead[k], lead[j] + slack(op, l.taken, l.made));
            }
        }
        for (int k = 0; k < n; k++) ops[k].leadFrames = lead[k];
        reserveAhead(ops, readsFrom, lead);
    }

    /**
     * A producer leading one of its readers by more than the other (a source feeding an STFT and, dry, a mixer after
     * the chain) keeps that many frames of tokens more in its stream than the compiler sized it for: room for them.
     */
    private static void reserveAhead(Op[] ops, List<List<Link>> readsFrom, long[] lead) {
        Map<TokenStream, Long> extra = new IdentityHashMap<>();
        for (int j = 0; j < ops.length; j++) {
            for (Link l : readsFrom.get(j)) {
                long ahead = lead[l.producer] - lead[j];
                if (ahead <= 0) continue;
                Op p = ops[l.producer];
                long firings = -Math.floorDiv(-ahead * p.rateNum, p.rateDen) + 1;
                extra.merge(l.stream, firings * l.made, Math::max);
            }
        }
        extra.forEach((st, tokens) -> st.reserve(Math.toIntExact(tokens)));
    }

    /** One stream an op reads: its producer (an index in the ops), the tokens it takes and the producer makes a firing. */
    private record Link(int producer, TokenStream stream, int taken, int made) {
    }

    private static Link link(TokenStream.Reader r, Map<TokenStream, Integer> producer, Map<TokenStream, Integer> made) {
        return new Link(producer.get(r.stream), r.stream, r.rate, made.get(r.stream));
    }

    /** An op that fires once per hop of {@link #SHORTEST_HOP} frames or more: one firing is a lump of work (a frame). */
    private static boolean spreads(Op op) {
        return op.rateNum > 0 && op.rateNum * SHORTEST_HOP <= op.rateDen;
    }

    private static long framesPerFiring(Op op) {
        return (op.rateDen + op.rateNum - 1) / op.rateNum;
    }

    /**
     * Frames a producer must lead its reader by so that, leading, it has always made what the leading reader takes:
     * none when one firing feeds one firing; a reader taking {@code taken} tokens a firing from a producer making
     * {@code made} may ask for up to {@code taken - made} tokens more than the producer's own count by time has made.
     */
    private static long slack(Op producer, int taken, int made) {
        if (taken <= made || made == 0 || producer.rateNum == 0) return 0;
        long extra = (long) (taken - made) * producer.rateDen;
        long per = (long) made * producer.rateNum;
        return (extra + per - 1) / per;
    }
}
