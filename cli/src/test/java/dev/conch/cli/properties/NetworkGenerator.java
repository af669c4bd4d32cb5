package dev.conch.cli.properties;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ParamType;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Random valid networks built from every type in the {@link ProcessorRegistry}, from a list of decisions jqwik
 * draws and shrinks ({@link Choices}). Types are told apart by their ports, not their names: a source has no
 * required input, an effect takes and gives audio, an analysis turns audio into spectra, a spectral node maps spectra
 * to spectra, a sink has no output; a new processor joins without a change here. What ports cannot say is kept in a
 * few named rules below (FFT sizes are powers of two, a file reader's region lies inside its file, resource limits
 * that keep a CI run short).
 *
 * <p>Each network has fan-out (an output may feed several inputs), fan-in through {@value #FAN_IN}, optionally a
 * feedback loop through the registry's feedback breaker (with a spectral chain inside when
 * {@link Feature#SPECTRAL_LOOPS} is on), STFT chains with random framing, control connections in every
 * {@link ControlMode}, automation timelines of every event kind, and file players on generated WAV files. Every output
 * is consumed unless {@link Feature#DANGLING_BRANCHES} leaves one dangling. About one network in ten is then broken
 * on purpose ({@link Generated#mutation}): those must be refused.
 */
final class NetworkGenerator {
    /** The fan-in type: a network's many branches meet in it, and loops are closed through it. */
    static final String FAN_IN = "Mixer";
    private static final int[] PRIMES = {2, 3, 5, 7, 13, 31, 61, 97, 127, 251, 257, 509};
    private static final double[] RATES = {48000, 44100, 22050, 8000};
    /** Sizes above this make CI slow without reaching other code. */
    private static final int LARGEST_FFT_EXPONENT = 12;
    /** GrainStream's known difference at blocks of 500 and more ({@link Feature#GRAINS_AT_LARGE_BLOCKS}). */
    private static final int GRAIN_BLOCK_LIMIT = 500;

    private final ProcessorRegistry registry;
    private final Set<Feature> features;
    private final String outputType;
    private final String breakerType;
    private final String analysisType;
    /** Each analysis type and the synthesis that inverts its frames (an STFT's ISTFT, an FFT's IFFT). */
    private final Map<String, String> synthesisOf = new LinkedHashMap<>();
    /** The analysis whose framing is drawn (fftSize, window, overlap); other analyses draw their params as any node. */
    private static final String FRAMED_ANALYSIS = "STFT";
    /** The key of a spectrum {@link Out}'s framing naming the analysis that cut its frames. */
    private static final String ANALYSIS = "analysis";

    /**
     * A generated network, the block sizes to render it at and its length. {@code mutation} says how it was broken on
     * purpose (it must then be refused, naming {@code mutatedNode}), or is null.
     */
    record Generated(NetworkSpec spec, int[] blocks, long frames, String mutation, String mutatedNode,
                     Set<String> traits) {
        int maxBlock() {
            int m = 1;
            for (int b : blocks) m = Math.max(m, b);
            return m;
        }

        @Override
        public String toString() {
            String xml;
            try {
                xml = NetworkXml.write(spec);
            } catch (RuntimeException e) {
                xml = spec + " (not writable as XML: " + e + ")";
            }
            return "blocks " + java.util.Arrays.toString(blocks) + ", " + frames + " frames"
                    + (mutation != null ? ", broken on purpose: " + mutation : "") + "\n" + xml;
        }
    }

    NetworkGenerator(ProcessorRegistry registry, Set<Feature> features) {
        this.registry = registry;
        this.features = features;
        String output = null, breaker = null, analysis = null;
        for (ProcessorDescriptor d : registry.descriptors()) {
            if (instance(d.type()) instanceof AudioOutput) output = d.type();
            if (d.breaksFeedback() && kinds(d.inputs()).equals(Set.of(PortKind.AUDIO))) breaker = d.type();
            if (requiredKinds(d.inputs()).equals(Set.of(PortKind.AUDIO)) && kinds(d.outputs()).equals(Set.of(PortKind.SPECTRUM))) {
                if (analysis == null || d.type().equals(FRAMED_ANALYSIS)) analysis = d.type();
                pairSynthesis(d.type());
            }
        }
        if (output == null || breaker == null || analysis == null || !registry.has(FAN_IN)) {
            throw new IllegalStateException("the registry lacks an output, a feedback breaker, an analysis or "
                    + FAN_IN + ": output=" + output + ", breaker=" + breaker + ", analysis=" + analysis);
        }
        this.outputType = output;
        this.breakerType = breaker;
        this.analysisType = analysis;
    }

    /** Types with inputs that cannot run without a file (a Convolver's impulse response): they refuse to prepare. */
    private final Map<String, Boolean> needsFile = new java.util.HashMap<>();

    private boolean needsFile(String type) {
        return needsFile.computeIfAbsent(type, t -> {
            try {
                dev.conch.engine.runtime.ProcessorHarness.create(instance(t).getClass(), Map.of(), 48000, 1);
                return false;
            } catch (RuntimeException e) {
                return e.getMessage() != null && e.getMessage().contains("'file'");
            }
        });
    }

    /** Finds the synthesis that accepts {@code analysis}'s frames at its defaults: the one that inverts it. */
    private void pairSynthesis(String analysis) {
        dev.conch.engine.runtime.SpectrumFormat made = instance(analysis).outputs().stream()
                .map(o -> o.spec().format()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        for (ProcessorDescriptor d : registry.descriptors()) {
            if (!requiredKinds(d.inputs()).equals(Set.of(PortKind.SPECTRUM)) || !kinds(d.outputs()).equals(Set.of(PortKind.AUDIO))) {
                continue;
            }
            Map<String, dev.conch.engine.runtime.SpectrumFormat> formats = new LinkedHashMap<>();
            for (PortSpec in : d.inputs()) if (in.kind() == PortKind.SPECTRUM && made != null) formats.put(in.name(), made);
            if (registry.create(d.type(), Map.of(), formats).problems().isEmpty()) {
                synthesisOf.put(analysis, d.type());
                return;
            }
        }
        throw new IllegalStateException("no processor turns the spectra of " + analysis + " back into audio");
    }

    Generated generate(List<Integer> decisions) {
        return new Build(new Choices(decisions), null).run();
    }

    /** A network that holds at least one node of {@code type} (for the every-type check). */
    Generated generateWith(String type, List<Integer> decisions) {
        return new Build(new Choices(decisions), type).run();
    }

    private Processor instance(String type) {
        return registry.create(type, Map.of()).processor();
    }

    private static Set<PortKind> kinds(List<PortSpec> ports) {
        Set<PortKind> s = new TreeSet<>();
        for (PortSpec p : ports) s.add(p.kind());
        return s;
    }

    private static Set<PortKind> requiredKinds(List<PortSpec> ports) {
        Set<PortKind> s = new TreeSet<>();
        for (PortSpec p : ports) if (!p.optional()) s.add(p.kind());
        return s;
    }

    /** One output port of a placed node, with the framing of the spectra it carries (null for audio and control). */
    private record Out(String node, String port, PortKind kind, int width, Map<String, String> framing) {
        Endpoint endpoint() {
            return new Endpoint(node, port);
        }
    }

    private final class Build {
        private final Choices c;
        private final String forced;
        private final Map<String, String> types = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> params = new LinkedHashMap<>();
        private final Map<String, Processor> processors = new LinkedHashMap<>();
        private final Map<String, List<Automation>> automations = new LinkedHashMap<>();
        private final List<Connection> connections = new ArrayList<>();
        private final List<ControlConnection> controls = new ArrayList<>();
        private final List<Out> outs = new ArrayList<>();
        private final Set<Out> unconsumed = new LinkedHashSet<>();
        private final Set<String> modulated = new LinkedHashSet<>();
        private final Set<String> loopDelays = new LinkedHashSet<>();
        private final Set<String> traits = new TreeSet<>();
        private double rate;
        private double seconds;
        private int[] blocks;
        private int maxBlock;
        private int nextId;

        Build(Choices c, String forced) {
            this.c = c;
            this.forced = forced;
        }

        Generated run() {
            rate = RATES[c.below(RATES.length)];
            seconds = 0.05 + 0.01 * c.below(26);
            blocks = new int[] {1, PRIMES[c.below(PRIMES.length)], 2 + c.below(511)};
            maxBlock = Math.max(blocks[1], blocks[2]);
            if (forced != null && !forced.equals(outputType)) place(forced, Map.of(), Map.of(), Set.of(), false);
            else place(c.pick(sources(PortKind.AUDIO)), Map.of(), Map.of(), Set.of(), false);
            int count = c.below(7);
            for (int i = 0; i < count; i++) place(c.pick(placeable()), Map.of(), Map.of(), Set.of(), false);
            if (c.maybe(35)) loop();
            int controlCount = c.below(4);
            for (int i = 0; i < controlCount; i++) control();
            int automationCount = c.below(3);
            for (int i = 0; i < automationCount; i++) automate();
            if (c.maybe(15)) sink(c.pick(writers()));
            finish();
            NetworkSpec spec = spec();
            String[] mutation = c.maybe(10) ? mutate() : null;
            if (mutation != null) spec = spec();
            return new Generated(spec, blocks.clone(), Math.round(seconds * rate), mutation == null ? null : mutation[0],
                    mutation == null ? null : mutation[1], Set.copyOf(traits));
        }

        // ------------------------------------------------------------ which types go where

        private boolean allowed(String type) {
            if (type.equals(outputType)) return false;
            if (type.equals("AudioInput") && types.containsValue(type)) return false; // at most one per network
            if (!features.contains(Feature.GRAINS_AT_LARGE_BLOCKS) && maxBlock >= GRAIN_BLOCK_LIMIT
                    && type.equals("GrainStream") && forced == null) {
                return false;
            }
            return !registry.descriptor(type).outputs().isEmpty();
        }

        /** Types with an output of {@code kind} and no required input. */
        private List<String> sources(PortKind kind) {
            List<String> list = new ArrayList<>();
            for (ProcessorDescriptor d : registry.descriptors()) {
                if (allowed(d.type()) && requiredKinds(d.inputs()).isEmpty() && kinds(d.outputs()).contains(kind)) {
                    list.add(d.type());
                }
            }
            return list;
        }

        /** Every type with an output: its required inputs are found or made when it is placed. */
        private List<String> placeable() {
            List<String> list = new ArrayList<>();
            for (ProcessorDescriptor d : registry.descriptors()) if (allowed(d.type())) list.add(d.type());
            return list;
        }

        /** Types without outputs other than the network's output: file writers. */
        private List<String> writers() {
            List<String> list = new ArrayList<>();
            for (ProcessorDescriptor d : registry.descriptors()) {
                if (d.outputs().isEmpty() && !d.type().equals(outputType)) list.add(d.type());
            }
            return list;
        }

        /** Types mapping spectra to spectra. */
        private List<String> spectral() {
            List<String> list = new ArrayList<>();
            for (ProcessorDescriptor d : registry.descriptors()) {
                if (requiredKinds(d.inputs()).equals(Set.of(PortKind.SPECTRUM))
                        && kinds(d.outputs()).equals(Set.of(PortKind.SPECTRUM))) {
                    list.add(d.type());
                }
            }
            return list;
        }

        /** The type turning the framed analysis's spectra back into audio. */
        private String synthesis() {
            return synthesisOf.get(analysisType);
        }

        /** The type turning spectra of this framing back into audio. */
        private String synthesis(Map<String, String> framing) {
            return synthesisOf.get(framing.getOrDefault(ANALYSIS, analysisType));
        }

        /** The analysis a synthesis type inverts, or null for a type that is not a synthesis. */
        private String analysisOf(String synthesis) {
            for (Map.Entry<String, String> e : synthesisOf.entrySet()) if (e.getValue().equals(synthesis)) return e.getKey();
            return null;
        }

        // ------------------------------------------------------------ placing nodes

        /**
         * Adds a node of {@code type}: params drawn (with {@code fixed} ones as given), inputs in {@code wired}
         * connected as given, inputs in {@code open} left for the caller, the other required inputs fed from existing
         * outputs (fan-out) or new nodes, optional ones sometimes. Returns the id.
         */
        private String place(String type, Map<String, String> fixed, Map<String, Out> wired, Set<String> open,
                             boolean defaults) {
            ProcessorDescriptor d = registry.descriptor(type);
            Map<String, String> framing = null;
            Out spectrumSource = null;
            if (kinds(d.inputs()).contains(PortKind.SPECTRUM)) {
                // a synthesis inverts only its own analysis's frames
                String inverts = analysisOf(type);
                spectrumSource = wired.values().stream().filter(o -> o.kind() == PortKind.SPECTRUM).findFirst()
                        .orElseGet(() -> inverts == null ? spectrum(null) : spectrumOf(inverts));
                framing = spectrumSource.framing();
            }
            String id = type.toLowerCase(Locale.ROOT) + (++nextId);
            Map<String, String> base = new LinkedHashMap<>();
            if (type.equals(analysisType) && !fixed.containsKey("fftSize")) base.putAll(framing());
            if (framing != null) {
                for (ParamSpec s : d.params()) if (framing.containsKey(s.name())) base.put(s.name(), framing.get(s.name()));
            }
            // params that only fail together (a delay longer than its line, a range upside down) are drawn again;
            // after a few tries the node keeps its defaults
            Map<String, String> p = null;
            Processor processor = null;
            for (int attempt = 0; processor == null; attempt++) {
                p = new LinkedHashMap<>(base);
                boolean draw = !defaults && attempt < 4;
                if (draw) for (ParamSpec s : d.params()) if (!p.containsKey(s.name())) draw(type, s, p, id);
                p.putAll(fixed);
                processor = created(type, p, attempt == 4);
                if (processor != null && draw) {
                    // configure() may declare params the default instance lacks (a mixer's gain per input)
                    for (Param extra : processor.params()) {
                        if (d.param(extra.name()) == null && !p.containsKey(extra.name())) draw(type, extra.spec(), p, id);
                    }
                    processor = created(type, p, false);
                }
                if (processor == null) traits.add("params drawn again");
            }
            types.put(id, type);
            params.put(id, p);
            processors.put(id, processor);
            traits.add("type " + type);
            for (Input in : processor.inputs()) {
                PortSpec s = in.spec();
                if (open.contains(s.name())) continue;
                Out from = wired.get(s.name());
                if (from == null) {
                    boolean fanIn = type.equals(FAN_IN);
                    if (s.optional() && !c.maybe(fanIn ? 70 : 35)) continue;
                    from = s.kind() == PortKind.SPECTRUM ? (spectrumSource != null && c.below(2) == 0 ? spectrumSource
                            : spectrum(framing)) : source(s.kind());
                }
                connect(from, id, s.name());
            }
            Map<String, String> outFraming = synthesisOf.containsKey(type) ? framingOf(type, p) : framing;
            for (Output o : processor.outputs()) {
                Out out = new Out(id, o.spec().name(), o.spec().kind(), o.spec().width(),
                        o.spec().kind() == PortKind.SPECTRUM ? outFraming : null);
                outs.add(out);
                unconsumed.add(out);
            }
            return id;
        }

        /** The configured processor, or null when it refuses these params (an exception when {@code last}). */
        private Processor created(String type, Map<String, String> p, boolean last) {
            ProcessorRegistry.Created created = registry.create(type, p);
            if (!created.problems().isEmpty() && created.problems().stream()
                    .allMatch(pp -> pp.message().contains("has no parameter"))) {
                // a structural param removed ports and the params that went with them (a mixer with fewer inputs)
                created.problems().forEach(pp -> p.remove(pp.param()));
                created = registry.create(type, p);
            }
            if (created.problems().isEmpty()) return created.processor();
            if (last) {
                throw new IllegalStateException("the generator cannot make a " + type + " it accepts: " + p + " -> "
                        + created.problems());
            }
            return null;
        }

        private void connect(Out from, String node, String port) {
            connections.add(new Connection(from.endpoint(), new Endpoint(node, port), Location.UNKNOWN));
            if (!unconsumed.remove(from)) traits.add("fan-out");
        }

        /** An audio or control output to feed an input: an unused one first, else any, else a new source. */
        private Out source(PortKind kind) {
            List<Out> free = unconsumed.stream().filter(o -> o.kind() == kind).toList();
            if (!free.isEmpty() && c.below(4) != 3) return c.pick(free);
            List<Out> any = outs.stream().filter(o -> o.kind() == kind).toList();
            if (!any.isEmpty() && c.maybe(50)) return c.pick(any);
            String id = place(c.pick(sources(kind)), Map.of(), Map.of(), Set.of(), false);
            return outs.stream().filter(o -> o.node().equals(id) && o.kind() == kind).findFirst().orElseThrow();
        }

        /** A spectrum output of this framing (any framing when null): an existing one or a new analysis. */
        private Out spectrum(Map<String, String> framing) {
            List<Out> fitting = outs.stream().filter(o -> o.kind() == PortKind.SPECTRUM
                    && (framing == null || o.framing().equals(framing))).toList();
            if (!fitting.isEmpty() && (framing != null || c.maybe(50))) return c.pick(fitting);
            String analysis = framing == null ? analysisType : framing.getOrDefault(ANALYSIS, analysisType);
            String id = place(analysis, framing == null ? Map.of() : analysisParams(framing), Map.of(), Set.of(), false);
            traits.add(analysis + " chain");
            return outs.stream().filter(o -> o.node().equals(id)).findFirst().orElseThrow();
        }

        /** A spectrum output cut by {@code analysis}: an existing one or a new node of that type. */
        private Out spectrumOf(String analysis) {
            List<Out> fitting = outs.stream().filter(o -> o.kind() == PortKind.SPECTRUM
                    && analysis.equals(o.framing().getOrDefault(ANALYSIS, analysisType))).toList();
            if (!fitting.isEmpty() && c.maybe(50)) return c.pick(fitting);
            String id = place(analysis, Map.of(), Map.of(), Set.of(), false);
            traits.add(analysis + " chain");
            return outs.stream().filter(o -> o.node().equals(id) && o.kind() == PortKind.SPECTRUM).findFirst().orElseThrow();
        }

        /**
         * An analysis's framing params, drawn: a power-of-two FFT size, a window that fits it, an overlap. The
         * synthesis refuses framings that do not reconstruct (overlap-add); those are drawn again, and after a few
         * tries the defaults are taken.
         */
        private Map<String, String> framing() {
            for (int attempt = 0; attempt < 4; attempt++) {
                Map<String, String> p = drawnFraming();
                // the synthesis takes its framing from its input: ask it about the analysis's output format
                ProcessorRegistry.Created analysis = registry.create(analysisType, p);
                if (!analysis.problems().isEmpty()) continue;
                dev.conch.engine.runtime.SpectrumFormat made = analysis.processor().outputs().stream()
                        .map(o -> o.spec().format()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                Map<String, dev.conch.engine.runtime.SpectrumFormat> formats = new LinkedHashMap<>();
                for (Input in : registry.create(synthesis(), Map.of()).processor().inputs()) {
                    if (in.spec().kind() == PortKind.SPECTRUM && made != null) formats.put(in.name(), made);
                }
                if (registry.create(synthesis(), Map.of(), formats).problems().isEmpty()) return p;
            }
            Map<String, String> defaults = new LinkedHashMap<>();
            for (ParamSpec s : registry.descriptor(analysisType).params()) defaults.put(s.name(), s.defaultText());
            return defaults;
        }

        private Map<String, String> drawnFraming() {
            ProcessorDescriptor d = registry.descriptor(analysisType);
            Map<String, String> p = new LinkedHashMap<>();
            int fft = 1 << (10 + c.below(LARGEST_FFT_EXPONENT - 5) - (c.below(2) == 0 ? 0 : 4)); // 2^6 .. 2^12, 1024 first
            fft = Math.max(64, Math.min(1 << LARGEST_FFT_EXPONENT, fft));
            int[] overlaps = {4, 1, 2, 8, 16, 3, 5, 6};
            int overlap = overlaps[c.below(overlaps.length)];
            int[] lengths = {0, fft / 2, 2 * fft, fft - 1 - c.below(fft / 2)};
            int length = Math.max(lengths[c.below(lengths.length)], 0);
            if (length != 0 && length < overlap) length = 0;
            p.put("fftSize", Integer.toString(fft));
            p.put("windowLength", Integer.toString(length));
            p.put("overlap", Integer.toString(overlap));
            for (String name : List.of("window", "beta")) {
                ParamSpec s = d.param(name);
                if (s != null) p.put(name, s.type() == ParamType.CHOICE ? choice(s) : number(s));
            }
            return p;
        }

        private Map<String, String> analysisParams(Map<String, String> framing) {
            Map<String, String> p = new LinkedHashMap<>(framing);
            String analysis = p.remove(ANALYSIS);
            if (analysis == null || analysis.equals(analysisType)) p.remove("hop"); // the STFT's hop is derived
            return p;
        }

        /**
         * What the nodes after an analysis must agree with: its params, the analysis type, and for the framed
         * analysis the hop they give.
         */
        private Map<String, String> framingOf(String type, Map<String, String> p) {
            Map<String, String> f = new LinkedHashMap<>();
            ProcessorDescriptor d = registry.descriptor(type);
            for (ParamSpec s : d.params()) f.put(s.name(), p.getOrDefault(s.name(), s.defaultText()));
            f.put(ANALYSIS, type);
            if (!type.equals(analysisType)) return f;
            int fft = Integer.parseInt(f.get("fftSize"));
            int length = Integer.parseInt(f.get("windowLength"));
            int w = length == 0 ? fft : length;
            f.put("hop", Integer.toString(w / Integer.parseInt(f.get("overlap"))));
            return f;
        }

        // ------------------------------------------------------------ params

        private void draw(String type, ParamSpec s, Map<String, String> p, String id) {
            String special = special(type, s, p, id);
            if (special != null) {
                p.put(s.name(), special);
                return;
            }
            if (s.type() == ParamType.TEXT || !c.maybe(60)) return;
            p.put(s.name(), switch (s.type()) {
                case CHOICE -> choice(s);
                case BOOLEAN -> c.below(2) == 0 ? s.defaultText() : Boolean.toString(s.defaultValue() == 0);
                default -> number(s);
            });
        }

        private String choice(ParamSpec s) {
            int def = s.choices().indexOf(s.defaultText());
            return s.choices().get((Math.max(def, 0) + c.below(s.choices().size())) % s.choices().size());
        }

        /** The default, an end of the range or a value inside it; structural sizes stay small (CI time, memory). */
        private String number(ParamSpec s) {
            double hi = s.max();
            if (s.structural() && s.min() >= 0) hi = Math.min(s.max(), Math.max(s.min() + 8, 2 * s.defaultValue()));
            double v = switch (c.below(4)) {
                case 0 -> s.defaultValue();
                case 1 -> s.min();
                case 2 -> hi;
                default -> c.between(s.min(), hi);
            };
            if (s.type() == ParamType.INTEGER) return Long.toString(Math.round(Math.max(s.min(), Math.min(hi, v))));
            return s.textOf(Math.max(s.min(), Math.min(s.max(), round(v))));
        }

        /**
         * Values that the param's spec cannot describe: text params, a file region inside the file, and limits that
         * keep a run short. Null: draw from the spec.
         */
        private String special(String type, ParamSpec s, Map<String, String> p, String id) {
            boolean writes = registry.descriptor(type).outputs().isEmpty();
            SampleFiles.Sample sample = sampleOf(p);
            switch (s.name()) {
                case "file" -> {
                    if (writes) return SampleFiles.scratch().resolve(id + ".wav").toString();
                    boolean needsFile = registry.descriptor(type).inputs().isEmpty() || needsFile(type);
                    if (!needsFile && !c.maybe(50)) return null;
                    traits.add("file " + type);
                    return c.pick(SampleFiles.all()).path().toString();
                }
                case "start", "end", "loopStart", "seek" -> {
                    if (sample == null) return null;
                    double length = sample.seconds();
                    double start = Double.parseDouble(p.getOrDefault("start", "0"));
                    double end = Double.parseDouble(p.getOrDefault("end", "0"));
                    if (!c.maybe(50)) return null;
                    return Double.toString(round(switch (s.name()) {
                        case "start" -> c.between(0, length * 0.8);
                        case "end" -> c.maybe(50) ? 0 : c.between(start + 0.2 * (length - start), length);
                        case "loopStart" -> c.between(0, 0.9 * (end == 0 ? length : end));
                        default -> c.between(0, length);
                    }));
                }
                case "kind" -> {
                    // the port kind of an Inlet, Outlet or Sum: the type was classified by its default ports
                    return s.defaultText();
                }
                case "maxDelay" -> {
                    // at least the default delay table's 0.25 s, which stays when the table is not drawn
                    return s.type() == ParamType.NUMBER && c.maybe(60) ? Double.toString(round(c.between(0.25, 1))) : null;
                }
                case "maxtime" -> {
                    ParamSpec time = registry.descriptor(type).param("time");
                    double least = time == null ? s.min() : Double.parseDouble(p.getOrDefault("time", time.defaultText()));
                    if (!(least > 1000) && !c.maybe(60)) return null;
                    return Double.toString(Math.ceil(c.between(Math.max(least, s.min()), Math.max(least, 1000))));
                }
                case "points" -> {
                    return c.maybe(70) ? points() : null;
                }
                case "table" -> {
                    return c.maybe(70) ? table() : null;
                }
                case "delay", "feedback", "eq" -> {
                    if (s.type() != ParamType.TEXT) return null;
                    double max = s.name().equals("delay") ? Double.parseDouble(p.getOrDefault("maxDelay", "1"))
                            : s.name().equals("feedback") ? 1 : 12;
                    double min = s.name().equals("eq") ? -24 : 0;
                    return c.maybe(70) ? bins(min, Math.min(max, s.name().equals("delay") ? 1 : max)) : null;
                }
                case "ratios" -> {
                    return c.maybe(50) ? c.pick(List.of("1 1.5 2", "0.5 1", "1", "1 1.25 1.5 2 3")) : null;
                }
                case "resample" -> {
                    return c.maybe(10) ? "false" : null; // off refuses a file at another rate: rightly, and rarely
                }
                case "max" -> {
                    // a range's upper end above its lower one (Constant)
                    if (!p.containsKey("min") || s.type() != ParamType.NUMBER || !c.maybe(60)) return null;
                    double min = Double.parseDouble(p.get("min"));
                    return s.textOf(round(c.between(min, Math.min(s.max(), min + 1000))));
                }
                case "min" -> {
                    ParamSpec max = registry.descriptor(type).param("max");
                    if (max == null || s.type() != ParamType.NUMBER || !c.maybe(60)) return null;
                    return s.textOf(round(c.between(Math.max(s.min(), -1000), Math.min(max.defaultValue(), 1000))));
                }
                case "unit" -> {
                    return c.maybe(30) ? "Hz" : null;
                }
                case "expression" -> {
                    // ControlExpression: both forms, a branch, a call, a loop that ends
                    return c.maybe(70) ? c.pick(List.of("(a + b) - c", "min(max(a * 3, -1), 1)",
                            "float main(a, b) { if (a > b) return a - b; else return tanh(a * b); }",
                            "float twice(x) { return 2 * x; } float main(x) { float i = 0; float s = 0; "
                                    + "while (i < 4) { s = s + twice(x); i = i + 1; } return s; }")) : null;
                }
                case "label" -> {
                    return c.maybe(50) ? id : null;
                }
                default -> {
                    return null;
                }
            }
        }

        private SampleFiles.Sample sampleOf(Map<String, String> p) {
            String file = p.get("file");
            if (file == null) return null;
            for (SampleFiles.Sample s : SampleFiles.all()) if (s.path().toString().equals(file)) return s;
            return null;
        }

        private double round(double v) {
            return Math.round(v * 10000) / 10000.0;
        }

        private String points() {
            int n = 1 + c.below(4);
            boolean exp = c.maybe(30);
            StringBuilder sb = new StringBuilder();
            double t = 0;
            for (int i = 0; i < n; i++) {
                double v = exp ? round(c.between(0.01, 2)) : round(c.between(-1, 1));
                sb.append(i == 0 ? "" : " ").append(round(t)).append(':').append(v).append(exp && i > 0 ? "@exp" : "");
                t += 0.01 * (1 + c.below(30));
            }
            if (c.maybe(30)) traits.add("looping breakpoints");
            return sb.toString();
        }

        private String table() {
            int n = 2 + c.below(4);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double x = -1 + 2.0 * i / (n - 1);
                sb.append(i == 0 ? "" : " ").append(round(x)).append(':').append(round(c.between(-1, 1)));
            }
            return sb.toString();
        }

        /** A per-bin table in one of its three forms. */
        private String bins(double min, double max) {
            return switch (c.below(3)) {
                case 0 -> {
                    int n = 1 + c.below(4);
                    StringBuilder sb = new StringBuilder();
                    double hz = 0;
                    for (int i = 0; i < n; i++) {
                        sb.append(i == 0 ? "" : " ").append(round(hz)).append(':').append(round(c.between(min, max)));
                        hz += 100 + c.below(5000);
                    }
                    yield sb.toString();
                }
                case 1 -> {
                    double a = round(c.between(min, max)), b = round(c.between(a, max));
                    yield "random(" + a + ", " + b + ", " + (1 + c.below(32)) + ", " + c.below(100) + ")";
                }
                default -> "cycle(" + round(c.between(min, max)) + ", " + round(c.between(min, max)) + ", "
                        + (1 + c.below(32)) + ")";
            };
        }

        // ------------------------------------------------------------ loops, controls, automation, sinks

        /**
         * A feedback loop: a mixer takes a signal and the loop's return, its sum runs through an optional body (an
         * effect at its default settings, or a spectral chain) into the breaker, whose output returns to the mixer.
         * The loop's gain stays below one (mixer at most -6 dB, breaker wet and feedback at most 0.9), so the output
         * stays finite and any infinity is a bug.
         */
        private void loop() {
            Out in = source(PortKind.AUDIO);
            String mix = place(FAN_IN, Map.of("inputs", "2", "gain2", Double.toString(round(c.between(-24, -6))),
                    "master", Double.toString(round(c.between(-12, -6)))), Map.of("in1", in), Set.of("in2"), false);
            Out body = out(mix, PortKind.AUDIO);
            int kind = c.below(3);
            if (kind == 1) {
                List<String> effects = placeable().stream().filter(t -> {
                    ProcessorDescriptor d = registry.descriptor(t);
                    return !d.breaksFeedback() && requiredKinds(d.inputs()).equals(Set.of(PortKind.AUDIO))
                            && kinds(d.outputs()).equals(Set.of(PortKind.AUDIO));
                }).toList();
                String type = c.pick(effects);
                String effect = place(type, Map.of(), wireFirst(type, body), Set.of(), true);
                body = out(effect, PortKind.AUDIO);
                traits.add("loop through an effect");
            } else if (kind == 2 && features.contains(Feature.SPECTRAL_LOOPS)) {
                String stft = place(analysisType, Map.of(), wireFirst(analysisType, body), Set.of(), false);
                Out frames = out(stft, PortKind.SPECTRUM);
                String type = c.pick(spectral());
                String node = place(type, Map.of(), spectrumInputs(type, frames), Set.of(), true);
                String istft = place(synthesis(), Map.of(), spectrumInputs(synthesis(), out(node, PortKind.SPECTRUM)),
                        Set.of(), true);
                body = out(istft, PortKind.AUDIO);
                traits.add("loop through a spectral chain");
            }
            double least = 1000.0 * maxBlock / rate;
            double time = round(c.between(least * 1.01 + 0.05, least * 1.01 + 80));
            String breaker = place(breakerType, Map.of("dry", "0", "time", Double.toString(time),
                    "maxtime", Double.toString(Math.ceil(time) + c.below(200)),
                    "feedback", Double.toString(round(c.between(0, 0.9))),
                    "wet", Double.toString(round(c.between(0.1, 0.9)))), wireFirst(breakerType, body), Set.of(), false);
            loopDelays.add(breaker);
            connect(out(breaker, PortKind.AUDIO), mix, "in2");
            traits.add("feedback loop");
        }

        /** {@code from} into the first required audio input of {@code type}. */
        private Map<String, Out> wireFirst(String type, Out from) {
            for (PortSpec s : registry.descriptor(type).inputs()) {
                if (s.kind() == PortKind.AUDIO && !s.optional()) return Map.of(s.name(), from);
            }
            throw new IllegalStateException(type + " has no required audio input");
        }

        /** True when {@code to} is {@code from} or reached from it through connections and controls. */
        private boolean reaches(String from, String to) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> todo = new ArrayList<>(List.of(from));
            while (!todo.isEmpty()) {
                String n = todo.remove(todo.size() - 1);
                if (n.equals(to)) return true;
                if (!seen.add(n)) continue;
                for (Connection k : connections) if (k.from().node().equals(n)) todo.add(k.to().node());
                for (ControlConnection k : controls) if (k.from().node().equals(n)) todo.add(k.to().node());
            }
            return false;
        }

        /** Every spectrum input of {@code type} fed from {@code frames}. */
        private Map<String, Out> spectrumInputs(String type, Out frames) {
            Map<String, Out> m = new LinkedHashMap<>();
            for (PortSpec s : registry.descriptor(type).inputs()) if (s.kind() == PortKind.SPECTRUM) m.put(s.name(), frames);
            return m;
        }

        private Out out(String node, PortKind kind) {
            return outs.stream().filter(o -> o.node().equals(node) && o.kind() == kind).findFirst().orElseThrow();
        }

        /** Live params no control or automation drives yet: "node.param". */
        private List<String> modulatable() {
            List<String> list = new ArrayList<>();
            processors.forEach((id, p) -> {
                if (loopDelays.contains(id) && !features.contains(Feature.LOOP_DELAY_MODULATION)) return;
                for (Param prm : p.params()) {
                    boolean blockRate = prm.spec().rate() == dev.conch.engine.runtime.ParamRate.BLOCK
                            && !features.contains(Feature.BLOCK_RATE_MODULATION);
                    if (prm.spec().live() && !blockRate && !modulated.contains(id + "." + prm.name())) {
                        list.add(id + "." + prm.name());
                    }
                }
            });
            return list;
        }

        private void control() {
            List<String> targets = modulatable();
            if (targets.isEmpty()) return;
            Endpoint to = Endpoint.parse(c.pick(targets));
            Out from = source(PortKind.CONTROL);
            if (reaches(to.node(), from.node())) return; // a control loop without a breaker: refused, rightly
            ControlMode mode = ControlMode.values()[c.below(ControlMode.values().length)];
            controls.add(new ControlConnection(from.endpoint(), to, mode, Location.UNKNOWN));
            unconsumed.remove(from);
            modulated.add(to.toString());
            traits.add("control " + mode.word());
        }

        private void automate() {
            List<String> targets = modulatable();
            if (targets.isEmpty()) return;
            Endpoint at = Endpoint.parse(c.pick(targets));
            ParamSpec s = processors.get(at.node()).param(at.port()).spec();
            boolean numeric = s.type() == ParamType.NUMBER;
            double lo = s.min(), hi = s.max();
            List<AutomationEvent> events = new ArrayList<>();
            int n = 1 + c.below(4);
            double t = 0;
            for (int i = 0; i < n; i++) {
                t = round(t + c.between(0, seconds / n));
                AutomationEvent.Kind kind = numeric ? AutomationEvent.Kind.values()[c.below(AutomationEvent.Kind.values().length)]
                        : AutomationEvent.Kind.SET_VALUE;
                if (kind == AutomationEvent.Kind.EXPONENTIAL_RAMP && !(lo > 0)) kind = AutomationEvent.Kind.LINEAR_RAMP;
                double v = numeric ? round(c.between(lo, hi)) : Math.round(c.between(lo, hi));
                v = Math.max(lo, Math.min(hi, v));
                events.add(switch (kind) {
                    case SET_VALUE -> AutomationEvent.set(v, t);
                    case LINEAR_RAMP -> AutomationEvent.linear(v, t);
                    case EXPONENTIAL_RAMP -> AutomationEvent.exponential(v, t);
                    case SET_TARGET -> AutomationEvent.target(v, t, round(c.between(0.001, 0.1)));
                    case VALUE_CURVE -> AutomationEvent.curve(List.of(v, Math.max(lo, Math.min(hi, round(c.between(lo, hi))))),
                            t, round(c.between(0.001, seconds / n)));
                });
                if (kind == AutomationEvent.Kind.VALUE_CURVE) t = round(t + events.get(i).duration());
                traits.add("automation " + kind.element());
            }
            automations.computeIfAbsent(at.node(), k -> new ArrayList<>()).add(new Automation(at.port(), events));
            modulated.add(at.toString());
        }

        private void sink(String type) {
            place(type, Map.of(), Map.of(), Set.of(), false);
            traits.add("writer " + type);
        }

        /**
         * Every output still unused is consumed (unless one is left dangling on purpose): spectra through a synthesis,
         * controls by a param, audio by the network's output, through the fan-in type when several share a channel.
         */
        private void finish() {
            if (features.contains(Feature.DANGLING_BRANCHES) && !unconsumed.isEmpty() && c.maybe(40)) {
                Out dangling = c.pick(List.copyOf(unconsumed));
                unconsumed.remove(dangling);
                traits.add("dangling " + dangling.kind().label());
            }
            for (Out o : List.copyOf(unconsumed)) {
                if (o.kind() == PortKind.SPECTRUM && unconsumed.contains(o)) {
                    place(synthesis(o.framing()), Map.of(), spectrumInputs(synthesis(o.framing()), o), Set.of(), false);
                }
            }
            for (Out o : List.copyOf(unconsumed)) {
                if (o.kind() != PortKind.CONTROL || !unconsumed.contains(o)) continue;
                List<String> targets = modulatable().stream()
                        .filter(t -> !reaches(Endpoint.parse(t).node(), o.node())).toList();
                // no param left to drive: a new source takes it (the first, from a random start, that has a param
                // a control may drive: a Bell's are all per-block)
                List<String> carriers = sources(PortKind.AUDIO);
                int first = c.below(carriers.size());
                for (int k = 0; k < carriers.size() && targets.isEmpty(); k++) {
                    String carrier = place(carriers.get((first + k) % carriers.size()), Map.of(), Map.of(), Set.of(), false);
                    targets = modulatable().stream().filter(t -> t.startsWith(carrier + ".")).toList();
                }
                Endpoint to = Endpoint.parse(c.pick(targets));
                controls.add(new ControlConnection(o.endpoint(), to, ControlMode.REPLACE, Location.UNKNOWN));
                modulated.add(to.toString());
                unconsumed.remove(o);
            }
            List<Out> audio = unconsumed.stream().filter(o -> o.kind() == PortKind.AUDIO).toList();
            if (audio.isEmpty()) audio = List.of(source(PortKind.AUDIO));
            int channels = Math.min(audio.size(), 1 + c.below(3));
            Map<String, Out> wired = new LinkedHashMap<>();
            for (int ch = 0; ch < channels; ch++) {
                List<Out> share = new ArrayList<>();
                for (int i = ch; i < audio.size(); i += channels) share.add(audio.get(i));
                wired.put("in" + (ch + 1), share.size() == 1 ? share.get(0) : mixed(share));
            }
            place(outputType, Map.of("channels", Integer.toString(channels)), wired, Set.of(), false);
        }

        private Out mixed(List<Out> share) {
            Map<String, Out> wired = new LinkedHashMap<>();
            for (int i = 0; i < share.size(); i++) wired.put("in" + (i + 1), share.get(i));
            traits.add("fan-in");
            return out(place(FAN_IN, Map.of("inputs", Integer.toString(share.size())), wired, Set.of(), false), PortKind.AUDIO);
        }

        // ------------------------------------------------------------ breaking it on purpose

        /** One mistake a user makes; returns {what, node}. */
        private String[] mutate() {
            List<String> ids = new ArrayList<>(types.keySet());
            String id = c.pick(ids);
            switch (c.below(3)) {
                case 0 -> {
                    for (Param prm : processors.get(id).params()) {
                        ParamSpec s = prm.spec();
                        if (s.type() == ParamType.NUMBER && s.max() < 1e300) {
                            params.get(id).put(s.name(), s.textOf(s.max() + Math.max(1, s.max() - s.min())));
                            return new String[] {id + "." + s.name() + " out of range", id};
                        }
                    }
                    params.get(id).put("nonsense", "1");
                    return new String[] {id + " has an unknown param", id};
                }
                case 1 -> {
                    params.get(id).put("nonsense", "1");
                    return new String[] {id + " has an unknown param", id};
                }
                default -> {
                    for (Connection conn : List.copyOf(connections)) {
                        Input in = processors.get(conn.to().node()).input(conn.to().port());
                        if (in != null && !in.spec().optional()) {
                            connections.remove(conn);
                            return new String[] {"nothing connected to " + conn.to(), conn.to().node()};
                        }
                    }
                    params.get(id).put("nonsense", "1");
                    return new String[] {id + " has an unknown param", id};
                }
            }
        }

        private NetworkSpec spec() {
            List<NodeSpec> nodes = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, String> e : types.entrySet()) {
                Map<String, ParamValue> values = new LinkedHashMap<>();
                params.get(e.getKey()).forEach((k, v) -> values.put(k, new ParamValue(v)));
                nodes.add(new NodeSpec(e.getKey(), e.getValue(), values, 40 + 160 * (i % 6), 60 + 120 * (i / 6),
                        Location.UNKNOWN, automations.getOrDefault(e.getKey(), List.of())));
                i++;
            }
            return new NetworkSpec("generated", NetworkSpec.FORMAT_VERSION, rate, seconds, "", nodes, connections,
                    controls);
        }
    }
}
