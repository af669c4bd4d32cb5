package dev.conch.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * A network as a document: immutable, pure data, no processors instantiated. Read and written by
 * {@link dev.conch.engine.xml.NetworkXml}, compiled by {@link dev.conch.engine.graph.NetworkCompiler}.
 *
 * @param version     the file format version ({@link #FORMAT_VERSION} when written by this Conch)
 * @param sampleRate  Hz; a render may override it
 * @param duration    seconds a render lasts when the command line does not say (0: not given)
 * @param origin      the file it was read from, which its sub-networks' paths are relative to
 * @param comments    notes on the editor's canvas (nothing plays them)
 */
public record NetworkSpec(String name, int version, double sampleRate, double duration, String description,
                          List<NodeSpec> nodes,
                          List<Connection> connections, List<ControlConnection> controls, List<MidiBinding> midi,
                          Origin origin, List<Comment> comments) {

    /**
     * 4: a relative file path in a param starts from the network file's folder ({@link #PATHS_VERSION}). (3:
     * {@code <comment>} notes on the canvas; 2: spectral consumers take their framing from their input instead of
     * repeating the STFT's params.)
     */
    public static final int FORMAT_VERSION = 4;
    /**
     * The first version whose relative file paths start from the network file's folder, as Pd's do from the patch's;
     * before it they started from the current folder of whoever ran the network ({@link PathBase#legacy()}).
     */
    public static final int PATHS_VERSION = 4;
    /** The longest render, in seconds (24 hours): both a file's duration and {@code --seconds} stop here. */
    public static final double MAX_DURATION = 24 * 3600;

    public NetworkSpec {
        nodes = List.copyOf(nodes);
        connections = List.copyOf(connections);
        controls = List.copyOf(controls);
        midi = midi == null ? List.of() : List.copyOf(midi);
        description = description == null ? "" : description;
        origin = origin == null ? Origin.NONE : origin;
        comments = comments == null ? List.of() : List.copyOf(comments);
    }

    /** A new network (a reader's, an importer's, a test's): no origin yet, no comments. */
    public NetworkSpec(String name, int version, double sampleRate, double duration, String description,
                       List<NodeSpec> nodes, List<Connection> connections, List<ControlConnection> controls,
                       List<MidiBinding> midi) {
        this(name, version, sampleRate, duration, description, nodes, connections, controls, midi, Origin.NONE, List.of());
    }

    public NetworkSpec(String name, int version, double sampleRate, double duration, String description,
                       List<NodeSpec> nodes, List<Connection> connections, List<ControlConnection> controls) {
        this(name, version, sampleRate, duration, description, nodes, connections, controls, List.of());
    }

    /**
     * The same network whatever format version its file was written in: like its {@link Origin} and its elements'
     * {@link Location}s, the version says where the spec came from (a save writes the current one), not what it is.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && java.util.Objects.equals(name, s.name) && Double.compare(sampleRate, s.sampleRate) == 0
                && Double.compare(duration, s.duration) == 0 && description.equals(s.description) && nodes.equals(s.nodes)
                && connections.equals(s.connections) && controls.equals(s.controls) && midi.equals(s.midi)
                && origin.equals(s.origin) && comments.equals(s.comments);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, sampleRate, duration, description, nodes, connections, controls, midi, origin,
                comments);
    }

    public Optional<NodeSpec> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** A copy with one param of one node set, as written in this network's file. */
    public NetworkSpec withParam(String nodeId, String param, String text) {
        return withParam(nodeId, param, text, null);
    }

    /**
     * A copy with one param of one node set, a relative file path in it starting from {@code base} (null: this
     * network's folder); {@code --set node.param=value} gives {@link PathBase#TYPED}.
     */
    public NetworkSpec withParam(String nodeId, String param, String text, PathBase base) {
        List<NodeSpec> ns = nodes.stream().map(n -> n.id().equals(nodeId) ? n.withParam(param, text, base) : n).toList();
        return new NetworkSpec(name, version, sampleRate, duration, description, ns, connections, controls, midi, origin, comments);
    }

    /** A copy with an automation timeline on one node's param (used by {@code --set node.param=ramp(...)}). */
    public NetworkSpec withAutomation(String nodeId, Automation automation) {
        List<NodeSpec> ns = nodes.stream().map(n -> n.id().equals(nodeId) ? n.withAutomation(automation) : n).toList();
        return new NetworkSpec(name, version, sampleRate, duration, description, ns, connections, controls, midi, origin, comments);
    }

    /** A copy with other MIDI bindings (they are read while playing, never compiled into the engine). */
    public NetworkSpec withMidi(List<MidiBinding> bindings) {
        return new NetworkSpec(name, version, sampleRate, duration, description, nodes, connections, controls, bindings, origin, comments);
    }

    /** A copy with other comments on the canvas. */
    public NetworkSpec withComments(List<Comment> notes) {
        return new NetworkSpec(name, version, sampleRate, duration, description, nodes, connections, controls, midi, origin, notes);
    }

    public NetworkSpec withSampleRate(double rate) {
        return new NetworkSpec(name, version, rate, duration, description, nodes, connections, controls, midi, origin, comments);
    }

    /** A copy that remembers the file it was read from (its sub-networks' paths are relative to it). */
    public NetworkSpec withOrigin(Origin origin) {
        return new NetworkSpec(name, version, sampleRate, duration, description, nodes, connections, controls, midi, origin, comments);
    }
}
