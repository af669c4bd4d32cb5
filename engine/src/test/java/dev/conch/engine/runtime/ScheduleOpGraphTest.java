package dev.conch.engine.runtime;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule as an op graph (each op's activation count and successors, as Supernova's queue items carry them):
 * the lists worked out by hand from the wiring, and the proof that they are all a runner needs: firing the ops in any
 * order the graph allows renders the same bits as the serial order.
 */
class ScheduleOpGraphTest {
    private final ProcessorRegistry registry = TestProcessors.registry();
    /** Set once some segment's ops ran in another order than the serial one. */
    private boolean reordered;

    /** {@code name -> "predecessor count: successor names"} for every op, successors sorted. */
    private static Map<String, String> graph(Schedule s) {
        Map<String, String> g = new TreeMap<>();
        for (int k = 0; k < s.opCount(); k++) {
            TreeSet<String> next = new TreeSet<>();
            for (int j : s.successors(k)) {
                assertTrue(j > k, s.opName(j) + " waits for " + s.opName(k) + " but comes before it in the serial order");
                next.add(s.opName(j));
            }
            g.put(s.opName(k), s.predecessorCount(k) + ": " + String.join(" ", next));
        }
        return g;
    }

    private Schedule schedule(NetworkSpec spec, int block) throws NetworkException {
        return NetworkCompiler.compile(spec, registry, block).schedule();
    }

    /** ramp feeds two latent branches that meet in a sum; the shorter branch gets a compensation delay of its own. */
    private static NetworkSpec diamond() {
        return new Net().node("ramp", "TestRamp").node("a", "TestLatent", "samples", "10")
                .node("b", "TestLatent", "samples", "5").node("sum", "TestSum").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "a.in").connect("ramp.out", "b.in").connect("a.out", "sum.a")
                .connect("b.out", "sum.b").connect("sum.out", "out.in1").spec();
    }

    /** A control drives the ramp, which goes up 3:5 and down 5:3 to the output. */
    private static NetworkSpec multiRateChain() {
        return new Net().node("ctl", "TestControlRamp").node("ramp", "TestRamp").node("up", "TestThreeToFive")
                .node("down", "TestFiveToThree").node("out", "AudioOutput", "channels", "1")
                .control("ctl.out", "ramp.scale").connect("ramp.out", "up.in").connect("up.out", "down.in")
                .connect("down.out", "out.in1").spec();
    }

    /** y[n] = x[n] + y[n - 64] through a loop-closing delay, split into its emit and absorb halves. */
    private static NetworkSpec loop() {
        return new Net().node("ramp", "TestRamp").node("sum", "TestSum")
                .node("dly", "TestLoopDelay", "samples", "64").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "sum.a").connect("dly.out", "sum.b").connect("sum.out", "dly.in")
                .connect("sum.out", "out.in1").spec();
    }

    @Test
    void aDiamondWaitsForBothBranchesAndItsCompensationDelay() throws NetworkException {
        assertEquals(Map.of(
                "ramp", "0: a b",
                "a", "1: sum",
                "b", "1: b.out+5",
                "b.out+5", "1: sum",
                "sum", "2: out",
                "out", "1: "), graph(schedule(diamond(), 64)));
    }

    @Test
    void aMultiRateChainIsALineFromItsControlToItsOutput() throws NetworkException {
        assertEquals(Map.of(
                "ctl", "0: ramp",
                "ramp", "1: up",
                "up", "1: down",
                "down", "1: out",
                "out", "1: "), graph(schedule(multiRateChain(), 256)));
    }

    /**
     * The demand pass on that chain, worked out from the port rates: n output frames need ceil(n / 3) firings of
     * the 5:3 node, whose 5 tokens each the 3:5 node makes in as many firings, which take 3 ramp tokens each; the
     * control keeps pace with the ramp it drives.
     */
    @Test
    void theMultiRateChainFiresAsItsRatesSay() throws NetworkException {
        Schedule s = schedule(multiRateChain(), 256);
        s.startSegment(100);
        Map<String, Integer> firings = new TreeMap<>();
        for (Op op : s.ops) firings.put(op.name, op.firings);
        int c = (100 + 2) / 3;
        assertEquals(Map.of("out", 100, "down", c, "up", c, "ramp", 3 * c, "ctl", 3 * c), firings);
    }

    @Test
    void aLoopsAbsorbHalfWaitsForItsEmitHalfAndTheLoop() throws NetworkException {
        assertEquals(Map.of(
                "ramp", "0: sum",
                "dly<", "0: dly> sum",
                "sum", "2: dly> out",
                "dly>", "2: ",
                "out", "1: "), graph(schedule(loop(), 64)));
    }

    /**
     * Fires each segment's ops in a random order the op graph allows (Kahn's algorithm on the activation counts,
     * choosing at random among the ready ops), as a parallel runner might, and reads the output node's channel 0.
     */
    private float[] renderInAnyAllowedOrder(NetworkSpec spec, int block, int frames, SplittableRandom random)
            throws NetworkException {
        CompiledNetwork net = NetworkCompiler.compile(spec, registry, block);
        Schedule s = net.schedule();
        float[] out = new float[frames];
        int[] waiting = new int[s.opCount()];
        for (int done = 0; done < frames; done += block) {
            int n = Math.min(block, frames - done);
            s.startSegment(n);
            List<Integer> ready = new ArrayList<>();
            for (int k = 0; k < waiting.length; k++) {
                waiting[k] = s.predecessorCount(k);
                if (waiting[k] == 0) ready.add(k);
            }
            int fired = 0;
            while (!ready.isEmpty()) {
                int k = ready.remove(random.nextInt(ready.size()));
                reordered |= k != fired;
                fired++;
                if (s.ops[k].firings > 0) s.ops[k].fire();
                for (int j : s.successors(k)) if (--waiting[j] == 0) ready.add(j);
            }
            assertEquals(s.opCount(), fired, "every op became ready");
            System.arraycopy(net.audioOutput().channel(0).buffer, 0, out, done, n);
        }
        return out;
    }

    @Test
    void everyOrderTheOpGraphAllowsRendersTheSameBitsAsTheSerialOrder() throws NetworkException {
        NetworkSpec perBlockControl = new Net().node("ctl", "TestControlRamp").node("ramp", "TestRamp")
                .node("hold", "TestHold").node("out", "AudioOutput", "channels", "1").connect("ramp.out", "hold.in")
                .control("ctl.out", "hold.level").connect("hold.out", "out.in1").spec();
        Map<String, NetworkSpec> networks = Map.of("diamond", diamond(), "multi-rate chain", multiRateChain(),
                "loop", loop(), "per-block control", perBlockControl);
        SplittableRandom random = new SplittableRandom(20);
        int frames = 3000;
        for (var e : networks.entrySet()) {
            for (int block : new int[] {1, 7, 64}) {
                float[] serial = Render.channel0(e.getValue(), registry, block, frames);
                float[] any = renderInAnyAllowedOrder(e.getValue(), block, frames, random);
                assertArrayEquals(serial, any, e.getKey() + ", block " + block);
            }
        }
        // the chain allows one order only (unless a dependency were missing); the others allow many
        assertTrue(reordered, "no segment ran in another order than the serial one: the test proved nothing");
    }
}
