package dev.conch.editor.transport;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.runtime.Engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-node CPU load as a fraction of the deadline: the nanoseconds a node spent between two samples, divided by
 * the audio time the engine played in between (frames / sample rate). 1.0 means that node alone would use the
 * whole callback; a sub-network node's is its inlined nodes' together. No JavaFX: the editor samples it a few times a second; a new engine (after a swap) starts over.
 */
public final class NodeLoad {
    private Engine engine;
    private Map<String, Long> lastNanos = Map.of();
    private long lastFrames;

    /**
     * The loads since the previous call on the same engine; empty on the first call for an engine (it turns
     * timing on and takes the baseline), or when no audio time passed.
     */
    public Map<String, Double> sample(Engine current) {
        if (current != engine) {
            if (engine != null) engine.measureNodes(false);
            engine = current;
            lastNanos = Map.of();
            if (current == null) return Map.of();
            current.measureNodes(true);
            lastFrames = current.framesPlayed();
            lastNanos = current.nodeNanos();
            return Map.of();
        }
        if (engine == null) return Map.of();
        long frames = engine.framesPlayed();
        Map<String, Long> nanos = engine.nodeNanos();
        Map<String, Double> loads = new LinkedHashMap<>();
        double audioNanos = (frames - lastFrames) * 1e9 / engine.sampleRate();
        if (audioNanos > 0) {
            nanos.forEach((node, n) -> loads.put(node, (n - lastNanos.getOrDefault(node, 0L)) / audioNanos));
            // a sub-network node runs as its inlined nodes (bells#3/bell, voice/filter): its load is theirs together
            Map<String, Double> owners = new LinkedHashMap<>();
            loads.forEach((node, l) -> {
                String owner = SubNetworks.ownerOf(node);
                if (owner != null) owners.merge(owner, l, Double::sum);
            });
            owners.forEach(loads::putIfAbsent);
        }
        lastFrames = frames;
        lastNanos = nanos;
        return loads;
    }
}
