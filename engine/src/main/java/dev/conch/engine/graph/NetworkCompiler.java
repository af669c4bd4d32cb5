package dev.conch.engine.graph;

import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.FeedbackBreaker;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link NetworkSpec} into a {@link CompiledNetwork}, in passes: the {@link Binder} instantiates processors
 * and checks every node, param and connection; {@link LoopAnalysis} finds feedback loops (legal only through a
 * {@link FeedbackBreaker} such as a Delay); {@link RateAnalysis} checks that multi-rate ports agree;
 * {@link StepOrder} orders the steps; the {@link LatencyPlan} aligns paths of unequal latency; the
 * {@link BufferPlan} sizes every buffer once; {@link LoopLeads} tells each loop's delay its lead; and the
 * {@link ScheduleAssembler} builds the schedule. Every problem a pass finds is reported together, each with the
 * file position, node and port it concerns; a pass runs only on a network the passes before it accepted.
 */
public final class NetworkCompiler {
    public static final int MAX_BLOCK = 8192;
    /**
     * Frames per segment of a network with a feedback loop, whatever the callback's block size (smaller blocks are
     * smaller segments of a schedule sized for this one). A loop's lead (how far its delay's emit may run ahead of its
     * absorb) grows with the segment; a fixed segment keeps the lead, and so the shortest legal loop delay and the
     * rendered bits, the same at every block size.
     */
    public static final int LOOP_SEGMENT = 64;

    private NetworkCompiler() {
    }

    /**
     * Compiles {@code spec} for callbacks of at most {@code maxBlock} frames.
     *
     * @throws NetworkException listing every problem, when there is at least one
     */
    public static CompiledNetwork compile(NetworkSpec spec, ProcessorRegistry registry, int maxBlock)
            throws NetworkException {
        if (maxBlock < 1 || maxBlock > MAX_BLOCK) {
            throw new IllegalArgumentException("block size must be 1 to " + MAX_BLOCK + " frames, not " + maxBlock);
        }
        SubNetworks.Flattened flattened = SubNetworks.flattened(spec);
        spec = flattened.spec(); // first: every pass after it sees one flat network
        Findings findings = new Findings();
        if (!(spec.sampleRate() >= 1000 && spec.sampleRate() <= 768000)) {
            findings.problem(new Problem(Location.UNKNOWN, null, null,
                    "sample rate " + spec.sampleRate() + " Hz is outside 1000 to 768000 Hz"));
        }
        BoundGraph bound = Binder.bind(spec, registry, findings);
        findings.failIfAny(spec.name());
        LoopAnalysis.Loops loops = LoopAnalysis.find(bound, findings);
        findings.failIfAny(spec.name());
        RateAnalysis.Rates rates = RateAnalysis.solve(bound, findings);
        findings.failIfAny(spec.name());
        StepOrder steps = StepOrder.of(bound, loops, findings);
        findings.failIfAny(spec.name());

        // with a loop, the schedule is sized for segments of LOOP_SEGMENT frames even when the blocks are smaller,
        // so each loop's lead (and the least delay a loop holds) is the same at every block size
        int segment = loops.any() ? LOOP_SEGMENT : maxBlock;
        LatencyPlan latency = LatencyPlan.plan(bound, steps, rates, findings);
        BufferPlan buffers = BufferPlan.plan(bound, steps, rates, segment);
        LoopLeads.close(bound, loops, rates, buffers, spec.sampleRate(), findings);
        findings.failIfAny(spec.name());
        ScheduleAssembler.Assembled assembled = ScheduleAssembler.assemble(bound, steps, rates, latency, buffers,
                spec.sampleRate(), segment, findings);
        findings.failIfAny(spec.name());
        String output = bound.audioOutput();
        return new CompiledNetwork(spec, maxBlock, assembled.schedule(), assembled.types(), bound.processors(),
                output == null ? null : (AudioOutput) bound.processor(output), latency.nodeLatency(), latency.total(),
                latency.compensations(), findings.warnings(), flattened.outputs());
    }

    /**
     * The framing each node's spectrum inputs read, by node id and input name, as compiling would give them (for
     * tools: the editor's inspector shows them). Checks nothing else; a node that fails is absent or empty.
     */
    public static Map<String, Map<String, SpectrumFormat>> inputFormats(NetworkSpec spec, ProcessorRegistry registry) {
        return Binder.inputFormats(spec, registry);
    }

    /**
     * {@code spec} without the framing params a version-1 file repeated on spectral consumers where they agree with
     * the inherited framing, so that writing it gives a version-2 file with the same meaning. A param that disagrees
     * stays, so that compiling still says what to do about it.
     */
    public static NetworkSpec withoutRepeatedFraming(NetworkSpec spec, ProcessorRegistry registry) {
        Map<String, Map<String, SpectrumFormat>> formats = inputFormats(spec, registry);
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            Map<String, SpectrumFormat> in = formats.getOrDefault(n.id(), Map.of());
            SpectrumFormat f = in.isEmpty() ? null : in.values().iterator().next();
            Map<String, ParamValue> kept = new LinkedHashMap<>(n.params());
            if (f != null) {
                var d = registry.descriptor(n.type());
                kept.entrySet().removeIf(e -> SpectrumFormat.PARAMS.contains(e.getKey()) && d.param(e.getKey()) == null
                        && f.agrees(e.getKey(), e.getValue().text()));
            }
            nodes.add(kept.size() == n.params().size() ? n
                    : new NodeSpec(n.id(), n.type(), kept, n.x(), n.y(), n.location(), n.automations(), n.count()));
        }
        return new NetworkSpec(spec.name(), spec.version(), spec.sampleRate(), spec.duration(), spec.description(),
                nodes, spec.connections(), spec.controls(), spec.midi(), spec.origin(), spec.comments());
    }
}
