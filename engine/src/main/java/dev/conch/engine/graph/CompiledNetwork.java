package dev.conch.engine.graph;

import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.Schedule;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A network ready to run: processors instantiated and prepared, the schedule built, latency known. Made by
 * {@link NetworkCompiler}; run by {@link dev.conch.engine.runtime.Engine}. One engine per compiled network: the
 * processors inside hold state.
 */
public final class CompiledNetwork {
    private final NetworkSpec spec;
    private final int maxBlock;
    private final Schedule schedule;
    private final Map<String, String> types;
    private final Map<String, Processor> processors;
    private final AudioOutput audioOutput;
    private final Map<String, Integer> latencies;
    private final int latency;
    private final List<String> compensations;
    private final List<Problem> warnings;
    /** Where each sub-network node's used outputs come from in the flat network ({@code voice.out}: {@code voice/filter.out}). */
    private final Map<Endpoint, Endpoint> subNetworkOutputs;

    CompiledNetwork(NetworkSpec spec, int maxBlock, Schedule schedule, Map<String, String> types,
                    Map<String, Processor> processors,
                    AudioOutput audioOutput, Map<String, Integer> latencies, int latency, List<String> compensations,
                    List<Problem> warnings, Map<Endpoint, Endpoint> subNetworkOutputs) {
        this.spec = spec;
        this.maxBlock = maxBlock;
        this.schedule = schedule;
        this.types = Map.copyOf(types);
        this.processors = Collections.unmodifiableMap(processors);
        this.audioOutput = audioOutput;
        this.latencies = Collections.unmodifiableMap(latencies);
        this.latency = latency;
        this.compensations = List.copyOf(compensations);
        this.warnings = List.copyOf(warnings);
        this.subNetworkOutputs = Map.copyOf(subNetworkOutputs);
    }

    /**
     * The output that gives {@code output} of the network as written: itself for a node's, the inner node's (or the
     * copies' Sum) for a sub-network node's, null for an output of no node or a sub-network output nothing uses
     * (it is not computed).
     */
    public Endpoint flatOutput(Endpoint output) {
        if (processors.containsKey(output.node())) return output;
        return subNetworkOutputs.get(output);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public double sampleRate() {
        return spec.sampleRate();
    }

    public int maxBlock() {
        return maxBlock;
    }

    /** Samples between the sources and the output node (after compensation every path into it has this latency). */
    public int latency() {
        return latency;
    }

    /** The longest ring-down any processor declares, in seconds ({@link Processor#tailSeconds()}). */
    public double tailSeconds() {
        double t = 0;
        for (Processor p : processors.values()) t = Math.max(t, p.tailSeconds());
        return t;
    }

    /** Latency in samples at each node's output. */
    public Map<String, Integer> latencies() {
        return latencies;
    }

    /** The compensation delays the compiler inserted, e.g. {@code "dry.out -> mix.in2: 128 samples"}. */
    public List<String> compensations() {
        return compensations;
    }

    public int outputChannels() {
        return audioOutput == null ? 0 : audioOutput.channelCount();
    }

    /** The step names in the order the audio thread runs them. */
    public List<String> order() {
        return schedule.stepNames();
    }

    /**
     * What a scheduled node computes, by the name {@link dev.conch.engine.runtime.Engine#nodeNanos()} reports it
     * under: its type in the file, {@code "Automation"} for an {@code <automate>} timeline's source, or
     * {@code "latency compensation"} for a delay the compiler inserted; null for a name the schedule does not hold.
     */
    public String typeOf(String node) {
        return types.get(node);
    }

    /** Things that are legal but probably not meant (a node that never runs). */
    public List<Problem> warnings() {
        return warnings;
    }

    /** Processors by node id, in file order. */
    public Map<String, Processor> processors() {
        return processors;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The output node, or null when the network only writes files. */
    /** The network's AudioInput, or null: at most one, the compiler checks. */
    public dev.conch.engine.runtime.AudioInput audioInput() {
        for (Processor p : processors.values()) {
            if (p instanceof dev.conch.engine.runtime.AudioInput in) return in;
        }
        return null;
    }

    /** Channels the network takes in: its AudioInput's, 0 without one. */
    public int inputChannels() {
        var in = audioInput();
        return in == null ? 0 : in.channelCount();
    }

    public AudioOutput audioOutput() {
        return audioOutput;
    }
}
