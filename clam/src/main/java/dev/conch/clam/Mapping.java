package dev.conch.clam;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one CLAM processing becomes: Conch nodes, and where each of its CLAM ports and controls lands on them. A
 * {@link ClamTypes} rule fills it in; the importer then wires the links through these tables.
 */
final class Mapping {
    /** A CLAM in-control's destination: a Conch param ({@code <control>}) or a control input port ({@code <connect>}). */
    record Target(String endpoint, boolean param) {
    }

    /** A Conch node being built: its params in the order they are set. */
    static final class Draft {
        final String id;
        final String type;
        final Map<String, String> params = new LinkedHashMap<>();

        Draft(String id, String type) {
            this.id = id;
            this.type = type;
        }

        Draft param(String name, double value) {
            params.put(name, number(value));
            return this;
        }

        Draft param(String name, String value) {
            params.put(name, value);
            return this;
        }

        String port(String name) {
            return id + "." + name;
        }
    }

    final ClamNetwork.Processing clam;
    final String base;
    private final ClamImporter importer;
    final List<Draft> nodes = new ArrayList<>();
    final Map<String, String> audioIns = new LinkedHashMap<>();
    final Map<String, String> audioOuts = new LinkedHashMap<>();
    final Map<String, List<Target>> controlIns = new LinkedHashMap<>();
    final Map<String, String> controlOuts = new LinkedHashMap<>();
    final Map<String, String> deadWhy = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** Links between this processing's own Conch nodes: audio or spectrum ({@code chain}), control to param. */
    final List<String[]> chains = new ArrayList<>();
    final List<String[]> innerControls = new ArrayList<>();
    /** A processing Conch folds into its neighbour (OverlapAdd after SpectralSynthesis): in-port to out-port. */
    String throughIn, throughOut;
    /** What the report says such a processing became ("folded into the ISTFT before it"). */
    String foldedInto;
    /** Why Conch cannot take this processing, as the end of a sentence; null when it can. */
    String refusal;
    /** Channels of the network's audio input (AudioSource) or output (AudioSink) this processing stands for. */
    int sourcePorts, sinkPorts;
    /** Set by the rule table for monitors and other editor-only processings. */
    boolean visual;
    /**
     * A display that Conch keeps as a node (a ControlPrinter's Print): a link into it that cannot be wired is dropped
     * with a note, not refused, and with no link wired at all it is dropped as a visual-only processing.
     */
    boolean monitor;
    /** For sources and sinks: the channels of the AudioInput or AudioOutput they became. */
    String conchSummary;

    Mapping(ClamNetwork.Processing clam, String base, ClamImporter importer) {
        this.clam = clam;
        this.base = base;
        this.importer = importer;
    }

    /** The processing's one Conch node, named after it. */
    Draft node(String type) {
        Draft d = new Draft(base, type); // the base id was claimed for this processing when it was read
        nodes.add(d);
        return d;
    }

    /** One of several Conch nodes for this processing: {@code <id>_<suffix>}. */
    Draft node(String suffix, String type) {
        return add(base + "_" + suffix, type);
    }

    private Draft add(String id, String type) {
        Draft d = new Draft(importer.claim(id), type);
        nodes.add(d);
        return d;
    }

    void in(String clamPort, String endpoint) {
        audioIns.put(clamPort, endpoint);
    }

    void out(String clamPort, String endpoint) {
        audioOuts.put(clamPort, endpoint);
    }

    /** A CLAM in-control driving Conch params (one control can fan out to several). */
    void controlToParam(String clamControl, String... endpoints) {
        for (String e : endpoints) controlIns.computeIfAbsent(clamControl, k -> new ArrayList<>()).add(new Target(e, true));
    }

    void controlToPort(String clamControl, String endpoint) {
        controlIns.computeIfAbsent(clamControl, k -> new ArrayList<>()).add(new Target(endpoint, false));
    }

    /** An in-control with no effect here ({@code why}, a clause): links to it are dropped, with a note saying why. */
    void deadControl(String clamControl, String why) {
        controlIns.put(clamControl, List.of());
        deadWhy.put(clamControl, why);
    }

    void controlOut(String clamControl, String endpoint) {
        controlOuts.put(clamControl, endpoint);
    }

    /** Wires two of this processing's own nodes, output port to input port. */
    void chain(String from, String to) {
        chains.add(new String[] {from, to});
    }

    /** Drives a param of one of this processing's nodes from another's control output. */
    void extraControl(String from, String toParam) {
        innerControls.add(new String[] {from, toParam});
    }

    /** The processing is folded into a neighbour: links pass from {@code clamIn} to {@code clamOut} unchanged. */
    void through(String clamIn, String clamOut, String foldedInto) {
        throughIn = clamIn;
        throughOut = clamOut;
        this.foldedInto = foldedInto;
    }

    /** Conch cannot take this processing; {@code why} ends the sentence that says so ("reads an MP3 file, ..."). */
    void refuse(String why) {
        if (refusal == null) refusal = why;
    }

    void note(String sentence) {
        notes.add(sentence);
    }

    /** Whether any link reaches this in-port or in-control. */
    boolean driven(String clamPortOrControl) {
        return importer.driven(clam.id(), clamPortOrControl);
    }

    /** The type of the processing feeding this in-port, or null. */
    String upstreamType(String clamPort) {
        ClamNetwork.Processing p = upstream(clamPort);
        return p == null ? null : p.type();
    }

    /** The out-port of the processing feeding this in-port ("W"), or null. */
    String upstreamPort(String clamPort) {
        return importer.upstreamPort(clam.id(), clamPort);
    }

    /** The processing feeding this in-port, or null. */
    ClamNetwork.Processing upstream(String clamPort) {
        return importer.upstream(clam.id(), clamPort);
    }

    /** The processing feeding another processing's in-port, or null. */
    ClamNetwork.Processing upstream(ClamNetwork.Processing of, String clamPort) {
        return of == null ? null : importer.upstream(of.id(), clamPort);
    }

    /** The processings another processing's out-port feeds, monitors left out. */
    List<ClamNetwork.Processing> downstream(ClamNetwork.Processing of, String clamPort) {
        return importer.downstream(of.id(), clamPort);
    }

    /** Whether every link out of this out-port, except to monitors, goes into a processing of one of {@code types}. */
    boolean reachesOnly(String clamPort, String... types) {
        return importer.feedsOnly(clam.id(), clamPort, java.util.Set.of(types));
    }

    /** Whether this processing's audio reaches a processing of {@code type} downstream. */
    boolean reaches(String type) {
        return importer.reaches(clam.id(), type);
    }

    /** A file named in the config, looked for where CLAM would have found it; null (and a note) when absent. */
    String file(String text) {
        return importer.findFile(this, text);
    }

    /** As {@link #file}, but a file that is absent is named beside the network (for the reader's refusal). */
    String fileOrBesideNetwork(String text) {
        String found = file(text);
        return found != null || text == null || text.isBlank() ? (found != null ? found : text) : importer.besideNetwork(text);
    }

    int sampleRate() {
        return importer.sampleRate();
    }

    /** The most points Conch's STFT and FFT take (their fftSize param's maximum). */
    int largestFft() {
        return importer.largestFft();
    }

    /** How params are written: integers without a decimal point, others to 10 significant digits. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }

    /** A linear gain in dB, with silence at Conch's floor of -120 dB. */
    static double decibels(double linear) {
        return linear <= 1e-6 ? -120 : 20 * Math.log10(linear);
    }
}
