package dev.conch.clam;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The mapping table: one rule per CLAM processing type Conch can take, and for every other type CLAM's own networks
 * use, what it does in CLAM (from {@code clam-types.tsv}: group c is visual-only and dropped, the rest is refused
 * with that sentence). Port and control names are CLAM's, per type (FORMAT-NOTES 1.4); nothing here knows a file.
 */
final class ClamTypes {
    /** Fills in what one processing becomes. */
    @FunctionalInterface
    interface Rule {
        void map(ClamNetwork.Processing p, Mapping m);
    }

    /** What a type Conch lacks does in CLAM, and whether it is only a monitor. */
    record Known(String what, boolean visual) {
    }

    static final Map<String, Rule> RULES = new LinkedHashMap<>();
    static final Map<String, Known> OTHERS = readOthers();

    private ClamTypes() {
    }

    static {
        // network I/O: every source and sink port is one channel of Conch's single AudioInput / AudioOutput
        RULES.put("AudioSource", (p, m) -> m.sourcePorts = Math.max(1, p.integer("NSources", 1)));
        RULES.put("AudioBufferSource", RULES.get("AudioSource"));
        RULES.put("AudioSink", (p, m) -> m.sinkPorts = Math.max(1, p.integer("NSinks", 1)));
        RULES.put("AudioBufferSink", RULES.get("AudioSink"));

        // knobs
        RULES.put("OutControlSender", (p, m) -> knob(m, m.node("Constant"), p.number("Min", 0), p.number("Max", 1),
                p.number("Default", p.number("Min", 0)), "", "out"));
        RULES.put("ControlSource", ClamTypes::controlSource);
        RULES.put("ControlSurface", (p, m) -> {
            knob(m, m.node("x", "Constant"), p.number("MinX", 0), p.number("MaxX", 1), p.number("DefaultX", 0), "", "outX");
            knob(m, m.node("y", "Constant"), p.number("MinY", 0), p.number("MaxY", 1), p.number("DefaultY", 0), "", "outY");
        });
        RULES.put("BoolControlSender", (p, m) -> {
            int n = Math.max(1, p.integer("NOutputs", 1));
            for (int k = 1; k <= n; k++) knob(m, m.node(Integer.toString(k), "Constant"), 0, 1, 0, "", Integer.toString(k));
        });

        // sources
        RULES.put("SimpleOscillator", (p, m) -> oscillator(p, m, "sine", true));
        RULES.put("SquareWave", (p, m) -> oscillator(p, m, "square", false));
        RULES.put("WhiteNoise", ClamTypes::whiteNoise);
        RULES.put("Oscillator", ClamTypes::modOscillator);

        // gains and mixing
        RULES.put("AudioAmplifier", ClamTypes::amplifier);
        RULES.put("AudioBufferAmplifier", ClamTypes::amplifier);
        RULES.put("AudioMixer", ClamTypes::mixer);
        RULES.put("AudioSwitch", ClamTypes::audioSwitch);
        RULES.put("AudioAdder", (p, m) -> {
            Mapping.Draft mix = m.node("Mixer").param("inputs", 2);
            m.in("First Audio Input", mix.port("in1"));
            m.in("Second Audio Input", mix.port("in2"));
            m.out("Audio Output", mix.port("out"));
        });

        // filters and delay
        RULES.put("Notch2ndOrder", (p, m) -> {
            double f0 = p.number("CentralFrequency", 200), bw = p.number("Bandwidth", 20);
            // CLAM's notch puts its poles at radius exp(-pi*bw/fs): a -3 dB width of about bw, as an RBJ notch of q = f0/bw
            Mapping.Draft bq = m.node("Biquad").param("type", "notch").param("frequency", f0)
                    .param("q", bw > 0 ? f0 / bw : 40);
            m.in("Input", bq.port("in"));
            m.out("Output", bq.port("out"));
        });
        RULES.put("TimeDelay", ClamTypes::timeDelay);
        RULES.put("AdaptativeNotch", (p, m) -> {
            Mapping.Draft lms = m.node("AdaptiveNotch").param("taps", p.integer("FilterLength", 5)).param("step", p.number("Step", 0.01));
            m.in("Input", lms.port("in"));
            m.in("Reference", lms.port("reference"));
            m.out("Output", lms.port("out"));
        });

        // control arithmetic (CLAM sends a result when an operand arrives; Conch computes it every sample)
        RULES.put("ControlSum", (p, m) -> controlMath(m, "add", p.number("RightTerm", 0), false,
                "Operator 1", "Operator 2", "Sum"));
        RULES.put("ControlScaler", (p, m) -> controlMath(m, "multiply", p.number("Amount", 1), false,
                "Control In", "Gain Amount", "Control Out"));
        RULES.put("Float2IntegerControl", (p, m) -> controlMath(m, "round", 0, false, "Input", null, "Output"));
        RULES.put("ControlComparison", (p, m) -> {
            Mapping.Draft c = controlMath(m, "equal", p.number("RightTerm", 0), p.bool("ConvertOps2IntegersFirst", false),
                    "Operator 1", "Operator 2", "Result of comparison (float)");
            m.controlOut("Result of comparison (bool)", c.port("out"));
        });
        RULES.put("ControlExpression", (p, m) -> {
            Mapping.Draft e = m.node("ControlExpression").param("expression", p.text("Expression", "float main(a) { return a; }"));
            // CLAM names main's inputs a, b, c, ... by position, whatever main calls them, and its output result
            for (char c = 'a'; c <= 'h'; c++) m.controlToParam(Character.toString(c), e.port(Character.toString(c)));
            m.controlOut("result", e.port("out"));
        });
        RULES.put("ControlGate", (p, m) -> {
            Mapping.Draft g = m.node("ControlGate").param("threshold", p.number("Threshold", 0.5))
                    .param("width", Math.abs(p.number("HysteresisWidth", 0.1)));
            if (p.bool("Inverted", false)) g.param("inverted", "true");
            m.controlToParam("Input", g.port("in"));
            m.controlOut("Output", g.port("out"));
        });
        RULES.put("BinaryCounter", (p, m) -> {
            // CLAM counted its executions, one per backend block: 512 samples at the network's rate
            Mapping.Draft c = m.node("BinaryCounter").param("rate", m.sampleRate() / 512.0);
            for (int b = 0; b < 8; b++) m.controlOut(Integer.toString(b), c.port("bit" + b));
        });
        // CLAM's control displays: the editor shows them; on the command line they print, as CLAM's did with GuiOnly 0
        RULES.put("ControlPrinter", (p, m) -> {
            int n = Math.max(1, p.integer("NumberOfInputs", 1));
            String name = p.text("Identifier", "ControlPrinter");
            // one input keeps CLAM's old name 'In Control'; several share the identifier: <Identifier>_0, _1, ...
            printer(p, m, name, n, k -> n == 1 ? "In Control" : name + "_" + k);
        });
        RULES.put("BoolControlPrinter", (p, m) -> printer(p, m, p.id(), Math.max(1, p.integer("NInputs", 1)),
                k -> Integer.toString(k + 1)));
        RULES.put("AudioMultiplier", (p, m) -> {
            Mapping.Draft ring = m.node("RingModulator");
            m.in("First Audio Input", ring.port("a"));
            m.in("Second Audio Input", ring.port("b"));
            m.out("Audio Output", ring.port("out"));
        });

        // distortion
        RULES.put("GuitarDistortion", ClamTypes::guitarDistortion);
        RULES.put("ZynDistortion", ClamTypes::zynDistortion);

        // spectral
        RULES.put("SpectralAnalysis", ClamTypes::spectralAnalysis);
        RULES.put("SpectralSynthesis", (p, m) -> {
            Mapping.Draft istft = m.node("ISTFT");
            m.in("Input", istft.port("in"));
            m.out("Output", istft.port("out"));
        });
        RULES.put("OverlapAdd", (p, m) -> {
            String up = m.upstreamType("Audio Input");
            if (!"SpectralSynthesis".equals(up)) {
                m.refuse("overlap-adds frames that here come from " + (up == null ? "nothing" : "a " + up)
                        + ", and Conch overlap-adds only inside its ISTFT (an OverlapAdd right after a SpectralSynthesis)");
            }
            m.through("Audio Input", "Audio Output", "folded into the ISTFT before it");
        });
        RULES.put("FFT", (p, m) -> fft(p, m, true));
        RULES.put("IFFT", (p, m) -> fft(p, m, false));
        RULES.put("ThreeBandFilter", ClamTypes::threeBandFilter);

        // the spacialization plugin's FFT toolkit: blocks zero-padded and transformed, spectra combined, overlap-added
        RULES.put("AudioStream2Buffer", (p, m) -> {
            if (!m.reachesOnly("Audio buffer", "MyFFT", "AudioBuffer2Stream")) {
                m.refuse("cuts buffers that here go elsewhere than into a MyFFT, and Conch cuts them only inside its FFT");
            }
            m.through("Audio stream", "Audio buffer", "folded into the FFT after it");
        });
        RULES.put("MyFFT", (p, m) -> {
            if (feedsConvolution(m, "Complex Spectrum")) m.through("Audio Buffer", "Complex Spectrum", "folded into the Convolver after it");
            else myFft(p, m);
        });
        RULES.put("MyIFFT", (p, m) -> {
            ClamNetwork.Processing up = m.upstream("Complex Spectrum");
            if (up != null && up.type().equals("LowLatencyConvolution")) {
                m.through("Complex Spectrum", "Audio Buffer", "folded into the Convolver before it");
                return;
            }
            if (audioSpectrum(m, up, 0)) {
                m.through("Complex Spectrum", "Audio Buffer", "nothing: the convolutions before it give audio, and "
                        + "the " + up.type() + " before it sums or negates that audio");
                return;
            }
            Mapping.Draft ifft = m.node("IFFT");
            m.in("Complex Spectrum", ifft.port("in"));
            m.out("Audio Buffer", ifft.port("out"));
            if (!m.reachesOnly("Audio Buffer", "AudioBuffer2Stream")) {
                m.refuse("emits buffers that here go elsewhere than into an AudioBuffer2Stream, and Conch's IFFT overlap-adds them itself");
            }
        });
        RULES.put("AudioBuffer2Stream", (p, m) -> {
            ClamNetwork.Processing up = m.upstream("Audio buffer");
            // straight after an AudioStream2Buffer of the same sizes, padding then overlap-adding gives the audio back
            boolean padded = up != null && up.type().equals("AudioStream2Buffer")
                    && up.integer("HopSize", 512) == p.integer("HopSize", 512)
                    && up.integer("BufferSize", 1024) == p.integer("BufferSize", 1024);
            if (!padded && (up == null || !up.type().equals("MyIFFT"))) {
                m.refuse("overlap-adds buffers that here come from " + describeUpstream(up == null ? null : up.type())
                        + ", and Conch overlap-adds only inside its IFFT (an AudioBuffer2Stream right after a MyIFFT)");
            }
            m.through("Audio buffer", "Audio stream", padded ? "nothing: the AudioStream2Buffer before it pads blocks that "
                    + "this overlap-adds back unchanged" : "folded into the IFFT before it");
        });
        // CLAM's partitioned convolution: AudioStream2Buffer -> MyFFT -> LowLatencyConvolution (its IR from an
        // ImpulseResponseLoader) -> MyIFFT -> AudioBuffer2Stream is what Conch's Convolver does in one node
        RULES.put("LowLatencyConvolution", ClamTypes::lowLatencyConvolution);
        RULES.put("ImpulseResponseLoader", (p, m) -> {
            for (String port : new String[] {"W", "X", "Y", "Z"}) {
                if (!m.reachesOnly(port, "LowLatencyConvolution")) {
                    m.refuse("feeds its impulse response elsewhere than into a LowLatencyConvolution, and Conch reads an "
                            + "impulse response only inside its Convolver");
                }
            }
            m.foldedInto = "read by the Convolver it feeds";
        });
        RULES.put("ComplexSpectrumSum", (p, m) -> {
            if (!audioSpectrum(m, p, 0)) {
                spectra(m, m.node("SpectrumMixer"), "Term1", "Term2", "Sum");
                return;
            }
            // the sum of two convolutions' spectra, transformed back after it: the sum of their audio
            Mapping.Draft mix = m.node("Mixer").param("inputs", 2);
            m.in("Term1", mix.port("in1"));
            m.in("Term2", mix.port("in2"));
            m.out("Sum", mix.port("out"));
            audioGoesOn(p, m, "Sum");
        });
        RULES.put("ComplexSpectrumMixer", (p, m) -> {
            Mapping.Draft mix = m.node("SpectrumMixer");
            spectra(m, mix, "Term1", "Term2", "Mixer");
            m.controlToParam("Gain1", mix.port("gainA"));
            m.controlToParam("Gain2", mix.port("gainB"));
        });
        RULES.put("ComplexSpectrumProduct", (p, m) -> spectra(m, m.node("SpectrumProduct"), "Factor1", "Factor2", "Product"));
        // a magnitude/phase pair is the same complex number: its product is the complex product
        RULES.put("MagPhaseSpectrumProduct", RULES.get("ComplexSpectrumProduct"));
        RULES.put("ComplexSpectrumInverter", (p, m) -> {
            if (audioSpectrum(m, p, 0)) { // a negated spectrum transforms back to the negated audio
                Mapping.Draft neg = m.node("Amplifier").param("gain", -1);
                m.in("Input", neg.port("in"));
                m.out("Output", neg.port("out"));
                audioGoesOn(p, m, "Output");
                return;
            }
            Mapping.Draft inv = m.node("SpectrumInverter");
            m.in("Input", inv.port("in"));
            m.out("Output", inv.port("out"));
        });
        // CLAM's spectrum representations (complex, magnitude/phase, its legacy Spectrum) are one stream in Conch
        RULES.put("Complex2MagPhaseSpectrum", (p, m) -> m.through("ComplexSpectrum", "MagPhaseSpectrum", "nothing: Conch has one spectrum representation"));
        RULES.put("MagPhase2ComplexSpectrum", (p, m) -> m.through("MagPhaseSpectrum", "ComplexSpectrum", "nothing: Conch has one spectrum representation"));
        RULES.put("MagPhaseSpectrum2Spectrum", (p, m) -> m.through("MagPhaseSpectrum", "Spectrum", "nothing: Conch has one spectrum representation"));
        RULES.put("Spectrum2MagPhaseSpectrum", (p, m) -> m.through("Spectrum", "MagPhaseSpectrum", "nothing: Conch has one spectrum representation"));
        RULES.put("Robotization", (p, m) -> {
            Mapping.Draft r = m.node("Robotize").param("amount", 0); // CLAM's factor control starts at 0 %
            m.in("In Spectrum", r.port("in"));
            m.out("Out Spectrum", r.port("out"));
            Mapping.Draft percent = m.node("percent", "Scale").param("inMin", 0).param("inMax", 100).param("outMin", 0)
                    .param("outMax", 1);
            m.controlToPort("Robotization factor", percent.port("in"));
            m.extraControl(percent.port("out"), r.port("amount"));
            m.deadControl("Amount", "CLAM's Robotization ignores the Amount control it inherits");
        });
        RULES.put("OscillatingSpectralNotch", (p, m) -> {
            // CLAM's initial control values: Freq 1000 Hz, Bandwidth 100 Hz, Gain 0 dB, OscFreq 1 Hz, OscWidth 50 %
            Mapping.Draft s = m.node("SweptSpectralGain").param("frequency", 1000).param("width", 100).param("gain", 0)
                    .param("rate", 1).param("depth", 0.5);
            m.in("In Spectrum", s.port("in"));
            m.out("Out Spectrum", s.port("out"));
            m.controlToParam("Freq", s.port("frequency"));
            m.controlToParam("Bandwidth", s.port("width"));
            m.controlToParam("Gain", s.port("gain"));
            m.controlToParam("OscFreq", s.port("rate"));
            Mapping.Draft percent = m.node("percent", "Scale").param("inMin", 0).param("inMax", 100).param("outMin", 0)
                    .param("outMax", 1).param("clamp", "false");
            m.controlToPort("OscWidth", percent.port("in"));
            m.extraControl(percent.port("out"), s.port("depth"));
            m.note("node '" + s.id + "': CLAM advanced this sweep's LFO a quarter FFT per frame whatever the hop; Conch "
                    + "advances it by the hop, in real time, so OscFreq is its true rate");
        });

        // files
        RULES.put("MonoAudioFileReader", (p, m) -> fileReader(p, m, "auto"));
        RULES.put("AudioFileMemoryLoader", (p, m) -> fileReader(p, m, "memory"));
        RULES.put("SndfilePlayer", ClamTypes::sndfilePlayer);
        RULES.put("SndfileWriter", ClamTypes::sndfileWriter);
        RULES.put("MonoAudioFileWriter", (p, m) -> {
            Mapping.Draft w = m.node("AudioFileWriter").param("file", p.text("TargetFile", "output.wav"))
                    .param("channels", 1).param("format", "16");
            m.in("Samples Write", w.port("in1"));
        });
    }

    private static void knob(Mapping m, Mapping.Draft c, double min, double max, double value, String unit, String clamOut) {
        if (min > max) {
            double t = min;
            min = max;
            max = t;
        }
        c.param("min", min).param("max", max);
        if (!unit.isEmpty()) c.param("unit", unit);
        c.param("value", Math.max(min, Math.min(max, value)));
        m.controlOut(clamOut, c.port("out"));
    }

    /** A control display: a Print node whose lines start with {@code name}, its k-th input the CLAM control named. */
    private static void printer(ClamNetwork.Processing p, Mapping m, String name, int n, IntFunction<String> clamInput) {
        Mapping.Draft print = m.node("Print").param("label", name).param("inputs", Math.min(n, 16));
        m.monitor = true;
        if (n > 16) m.refuse("shows " + n + " controls, and Conch's Print takes at most 16");
        for (int k = 0; k < n; k++) m.controlToParam(clamInput.apply(k), print.port("in" + (k + 1)));
        if (p.bool("GuiOnly", true)) { // BoolControlPrinter has no such field: it was always a widget
            m.note("node '" + print.id + "': CLAM showed this " + p.type() + " in its editor only; Conch prints its "
                    + "controls on the console when they change");
        }
    }

    private static Mapping.Draft controlMath(Mapping m, String op, double b, boolean integers, String clamA, String clamB,
                                             String clamOut) {
        Mapping.Draft c = m.node("ControlMath").param("op", op).param("a", 0).param("b", b);
        if (integers) c.param("integers", "true");
        m.controlToParam(clamA, c.port("a"));
        if (clamB != null) m.controlToParam(clamB, c.port("b"));
        m.controlOut(clamOut, c.port("out"));
        return c;
    }

    private static void controlSource(ClamNetwork.Processing p, Mapping m) {
        int n = Math.max(1, p.integer("NrOfControls", 1));
        double min = p.number("MinValue", 0), max = p.number("MaxValue", 1);
        // CLAM sends nothing until the plugin host does; a missing DefaultValue means MinValue
        double def = p.number("DefaultValue", min);
        String unit = p.text("UnitName", "");
        if (n == 1) {
            knob(m, m.node("Constant"), min, max, def, unit, "output");
            return;
        }
        for (int k = 0; k < n; k++) knob(m, m.node(Integer.toString(k), "Constant"), min, max, def, unit, "output_" + k);
    }

    private static void oscillator(ClamNetwork.Processing p, Mapping m, String waveform, boolean bandlimited) {
        double phase = p.number("Phase", 0) / (2 * Math.PI);
        phase -= Math.floor(phase);
        Mapping.Draft osc = m.node("Oscillator").param("waveform", waveform).param("frequency", p.number("Frequency", 440))
                .param("amplitude", p.number("Amplitude", 1)).param("phase", phase);
        if (!bandlimited) osc.param("bandlimited", "false");
        ownRate(p, m, osc);
        m.out("Audio Output", osc.port("out"));
        m.controlToParam("Pitch", osc.port("frequency"));
        m.controlToParam("Amplitude", osc.port("amplitude"));
    }

    /** CLAM's oscillators count their phase at their own SamplingRate, whatever the backend's: flagged, not copied. */
    private static void ownRate(ClamNetwork.Processing p, Mapping m, Mapping.Draft osc) {
        double rate = p.number("SamplingRate", 44100);
        if (rate != m.sampleRate()) {
            m.note("node '" + osc.id + "': CLAM's " + p.type() + " counts its phase at its own SamplingRate " + Mapping.number(rate)
                    + " Hz, so under a " + m.sampleRate() + " Hz backend it sounded " + Mapping.number(m.sampleRate() / rate)
                    + " times higher than its Frequency; Conch plays the Frequency as written");
        }
    }

    private static void whiteNoise(ClamNetwork.Processing p, Mapping m) {
        String dist = p.text("DistributionType", "Uniform");
        if (dist.equalsIgnoreCase("Gaussian")) {
            Mapping.Draft noise = m.node("GaussianNoise").param("mean", 0).param("deviation", 1);
            m.note("node '" + noise.id + "': Conch draws normal noise of the given deviation; CLAM's Gaussian WhiteNoise "
                    + "also rescaled it by its running peak, which Conch does not");
            m.out("mOutput", noise.port("out"));
            m.controlToParam("Noise Mean", noise.port("mean"));
            m.controlToParam("Noise Standard Deviation", noise.port("deviation"));
            return;
        }
        if (!dist.equalsIgnoreCase("Uniform")) m.refuse("draws " + dist + " noise, and Conch's noise is uniform or Gaussian");
        if (m.driven("Noise Mean")) m.refuse("takes a Noise Mean control on uniform noise, and Conch's Noise has no DC offset");
        Mapping.Draft noise = m.node("Noise").param("color", "white");
        m.out("mOutput", noise.port("out"));
        m.controlToParam("Noise Standard Deviation", noise.port("amplitude"));
    }

    /** CLAM's Oscillator: a sine whose phase step the FM input multiplies and to whose phase the PM input adds. */
    private static void modOscillator(ClamNetwork.Processing p, Mapping m) {
        double phase = p.number("Phase", 0) / (2 * Math.PI);
        Mapping.Draft osc = m.node("ModOscillator").param("frequency", p.number("Frequency", 440))
                .param("amplitude", p.number("Amplitude", 1)).param("index", p.number("ModIndex", 1))
                .param("phase", phase - Math.floor(phase));
        ownRate(p, m, osc);
        m.in("Input Frequency Modulation", osc.port("fm"));
        m.in("Input Phase Modulation", osc.port("pm"));
        m.out("Audio Output", osc.port("out"));
        m.controlToParam("Pitch", osc.port("frequency"));
        m.controlToParam("Amplitude", osc.port("amplitude"));
        m.controlToParam("ModIndex", osc.port("index"));
    }

    /** AudioAmplifier: one linear gain shared by PortsNumber channels; ports {@code Input Audio}, {@code Input Audio 1}, ... */
    private static void amplifier(ClamNetwork.Processing p, Mapping m) {
        int n = Math.max(1, p.integer("PortsNumber", 1));
        double gain = p.number("InitGain", 1);
        String[] gains = new String[n];
        for (int k = 0; k < n; k++) {
            Mapping.Draft g = (n == 1 ? m.node("Amplifier") : m.node(Integer.toString(k), "Amplifier")).param("gain", gain);
            String suffix = k == 0 ? "" : " " + k;
            m.in("Input Audio" + suffix, g.port("in"));
            m.out("Audio Output" + suffix, g.port("out"));
            gains[k] = g.port("gain");
        }
        m.controlToParam("Gain", gains);
    }

    /**
     * AudioMixer: out = sum of g_k x_k, divided by the number of inputs (CLAM's 1/N). A gain a control moves is a
     * linear factor, so that input goes through an Amplifier the control drives; the others are fixed dB gains.
     */
    private static void mixer(ClamNetwork.Processing p, Mapping m) {
        int n = Math.max(1, p.integer("NumberOfInPorts", 2));
        List<Double> defaults = p.numbers("DefaultGains");
        Mapping.Draft mix = m.node("Mixer").param("inputs", n).param("master", Mapping.decibels(1.0 / n));
        for (int k = 0; k < n; k++) {
            double g = k < defaults.size() && Double.isFinite(defaults.get(k)) ? defaults.get(k) : 1;
            String in = "Input " + k, control = "Gain " + k;
            if (m.driven(control) && m.driven(in)) {
                Mapping.Draft amp = m.node("gain" + k, "Amplifier").param("gain", g);
                mix.param("gain" + (k + 1), 0);
                m.in(in, amp.port("in"));
                m.chain(amp.port("out"), mix.port("in" + (k + 1)));
                m.controlToParam(control, amp.port("gain"));
            } else {
                mix.param("gain" + (k + 1), Mapping.decibels(g));
                m.in(in, mix.port("in" + (k + 1)));
                m.deadControl(control, "it scales " + in + ", which nothing feeds");
            }
        }
        m.out("Output Audio", mix.port("out"));
    }

    /** AudioSwitch: the input chosen by the 0-based Switch control, divided by the number of inputs (CLAM's 1/N). */
    private static void audioSwitch(ClamNetwork.Processing p, Mapping m) {
        int n = Math.max(2, p.integer("NumberOfInPorts", 2));
        Mapping.Draft sw = m.node("Switch").param("inputs", n).param("select", 1);
        Mapping.Draft norm = m.node("norm", "Gain").param("gain", Mapping.decibels(1.0 / n));
        for (int k = 0; k < n; k++) m.in("Input " + k, sw.port("in" + (k + 1)));
        m.chain(sw.port("out"), norm.port("in"));
        m.out("Output Audio", norm.port("out"));
        if (m.driven("Switch")) {
            // CLAM counts inputs from 0, Conch from 1: select = Switch + 1
            Mapping.Draft plusOne = m.node("index", "Scale").param("inMin", 0).param("inMax", 1).param("outMin", 1)
                    .param("outMax", 2).param("clamp", "false");
            m.controlToPort("Switch", plusOne.port("in"));
            m.extraControl(plusOne.port("out"), sw.port("select"));
        }
    }

    /** GuitarDistortion: Param_0 is every curve's amount, Param_1 the factor's compression or the polynomial's b. */
    private static void guitarDistortion(ClamNetwork.Processing p, Mapping m) {
        String type = p.text("DistortionType", "Polynomial");
        Mapping.Draft d = m.node("Overdrive");
        switch (type) {
            case "Factor" -> {
                d.param("curve", "factor").param("amount", 0).param("compression", 9);
                m.controlToParam("Param_1", d.port("compression"));
            }
            case "Atan" -> d.param("curve", "atan").param("amount", 0.5);
            case "Polynomial" -> {
                d.param("curve", "polynomial").param("amount", 1).param("square", 0);
                m.controlToParam("Param_1", d.port("square"));
            }
            default -> m.refuse("uses a " + type + " curve, which CLAM's GuitarDistortion does not define either");
        }
        m.controlToParam("Param_0", d.port("amount"));
        m.in("Input Audio", d.port("in"));
        m.out("Audio Output", d.port("out"));
    }

    private static void zynDistortion(ClamNetwork.Processing p, Mapping m) {
        String type = p.text("DistortionType", "Arctangent");
        if (!type.equals("Arctangent")) {
            m.refuse("uses ZynAddSubFX's " + type + " curve, and Conch's Overdrive has only its Arctangent drive law");
        }
        Mapping.Draft d = m.node("Overdrive").param("curve", "zyn").param("amount", 0);
        m.controlToParam("Drive amount", d.port("amount"));
        m.in("Input Audio", d.port("in"));
        m.out("Audio Output", d.port("out"));
    }

    private static void timeDelay(ClamNetwork.Processing p, Mapping m) {
        // CLAM truncates MaxDelay and the Delay control to whole seconds
        double maxSeconds = Math.max(1, Math.floor(p.number("MaxDelay", 1)));
        Mapping.Draft d = m.node("Delay").param("maxtime", Math.min(60000, maxSeconds * 1000)).param("time", 0)
                .param("dry", 0).param("wet", 1);
        m.in("Input", d.port("in"));
        m.out("Output", d.port("out"));
        if (m.driven("Delay")) {
            Mapping.Draft ms = m.node("ms", "Scale").param("inMin", 0).param("inMax", 1).param("outMin", 0)
                    .param("outMax", 1000).param("clamp", "false");
            m.controlToPort("Delay", ms.port("in"));
            m.note("node '" + d.id + "': CLAM's TimeDelay truncates its Delay control to whole seconds; Conch's Delay follows "
                    + "it continuously (seconds scaled to ms by '" + ms.id + "')");
            m.extraControl(ms.port("out"), d.port("time"));
        }
    }

    private static void spectralAnalysis(ClamNetwork.Processing p, Mapping m) {
        int fftSize = p.integer("prFFTSize", p.integer("FFT/AudioSize", 1024));
        int windowSize = p.integer("prWindowSize", p.integer("WindowGenerator/Size", 1025));
        int hop = p.integer("prHopSize", 512);
        String window = p.text("prWindowType", p.text("WindowGenerator/Type", "BlackmanHarris92"));
        int length = windowSize % 2 == 1 ? windowSize - 1 : windowSize; // CLAM's windows are odd: length + 1
        stft(p, m, fftSize, length, hop, window, "Input", "Output");
    }

    private static void stft(ClamNetwork.Processing p, Mapping m, int fftSize, int length, int hop, String clamWindow,
                             String clamIn, String clamOut) {
        String window = switch (clamWindow.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "blackmanharris92", "blackmanharris74", "blackmanharris70", "blackmanharris62", "blackmanharris" -> "blackmanharris";
            case "hamming" -> "hamming";
            case "hann", "hanning" -> "hann";
            case "blackman", "blackman-harris", "blackmanexact" -> "blackman";
            case "kaiserbessel17", "kaiserbessel18", "kaiserbessel19", "kaiserbessel20", "kaiserbessel25",
                 "kaiserbessel30", "kaiserbessel35", "kaiser" -> "kaiser";
            case "rectangular", "none" -> "rectangular";
            default -> null;
        };
        if (window == null) {
            m.refuse("analyses with a " + clamWindow + " window, which Conch's STFT does not have");
            window = "hann";
        }
        if (fftSize < 64 || fftSize > m.largestFft() || Integer.bitCount(fftSize) != 1) {
            m.refuse("uses an FFT of " + fftSize + " points, and Conch's STFT takes a power of two from 64 to " + m.largestFft());
        }
        if (hop <= 0 || length % hop != 0 || length / hop > 16) {
            m.refuse("hops " + hop + " samples through a window of " + length + ", and Conch's STFT hops by the window length "
                    + "divided by a whole overlap of 1 to 16");
        }
        int overlap = hop > 0 ? Math.max(1, length / hop) : 1;
        // Conch's ISTFT needs a constant overlapped sum of squared windows: Blackman-Harris at hop = length/2 is not
        if (window.equals("blackmanharris") && overlap < 8 && m.reaches("SpectralSynthesis")) {
            m.note("node '" + m.base + "': CLAM resynthesised this " + clamWindow + " analysis at hop " + hop
                    + "; Conch's ISTFT needs overlap 8 with a Blackman-Harris window, so the hop is " + length / 8
                    + " (effects that count frames run " + 8 / overlap + " times as often)");
            overlap = 8;
        }
        Mapping.Draft stft = m.node("STFT").param("fftSize", fftSize).param("windowLength", length)
                .param("window", window).param("overlap", overlap);
        m.in(clamIn, stft.port("in"));
        m.out(clamOut, stft.port("out"));
    }

    private static void fft(ClamNetwork.Processing p, Mapping m, boolean forward) {
        int size = p.integer("AudioSize", 1024);
        if (forward) {
            // CLAM's FFT takes AudioSize samples per frame, unwindowed and unoverlapped
            stft(p, m, size, size, size, "Rectangular", "Audio Input", "Spectrum Output");
            return;
        }
        if (size < 64 || size > m.largestFft() || Integer.bitCount(size) != 1) {
            m.refuse("inverts an FFT of " + size + " points, and Conch's ISTFT takes a power of two from 64 to " + m.largestFft());
        }
        Mapping.Draft istft = m.node("ISTFT");
        m.in("Spectrum Input", istft.port("in"));
        m.out("Audio Output", istft.port("out"));
    }

    /** Whether this spectrum out-port feeds a LowLatencyConvolution (and monitors) only: the chain is one Convolver. */
    private static boolean feedsConvolution(Mapping m, String port) {
        return m.reachesOnly(port, "LowLatencyConvolution", "Complex2MagPhaseSpectrum", "MagPhaseSpectrum2Spectrum")
                && m.reaches("LowLatencyConvolution");
    }

    /**
     * LowLatencyConvolution: a Convolver on the audio its MyFFT transforms, with the impulse response its
     * ImpulseResponseLoader reads (W, or X, Y, Z of a B-format file: channels 1 to 4), in partitions of the loader's
     * FrameSize; the MyFFT before it and the MyIFFT after it are folded into it. CLAM pads each hop of FrameSize
     * samples to a 2 x FrameSize FFT, which is how Conch's Convolver cuts its partitions too.
     */
    private static void lowLatencyConvolution(ClamNetwork.Processing p, Mapping m) {
        ClamNetwork.Processing loader = m.upstream("ImpulseResponse"), fft = m.upstream("Input");
        if (loader == null || !loader.type().equals("ImpulseResponseLoader")) {
            m.refuse("convolves with an impulse response from " + describeUpstream(loader == null ? null : loader.type())
                    + ", and Conch's Convolver reads its impulse response from a file (an ImpulseResponseLoader)");
            return;
        }
        if (fft == null || !fft.type().equals("MyFFT")) {
            m.refuse("convolves spectra from " + describeUpstream(fft == null ? null : fft.type())
                    + ", and Conch's Convolver transforms its own audio (a MyFFT before it)");
            return;
        }
        if (!m.reachesOnly("Output", "MyIFFT", "Complex2MagPhaseSpectrum", "MagPhaseSpectrum2Spectrum",
                "ComplexSpectrumSum", "ComplexSpectrumInverter")) {
            m.refuse("sends its spectra on to other spectral processings, and Conch's Convolver gives audio (the chain "
                    + "folds into it only when a MyIFFT takes its output, or sums and negations of such spectra do)");
            return;
        }
        if (!audioGoesOn(p, m, "Output")) return;
        int frame = p.integer("FrameSize", 512), irFrame = loader.integer("FrameSize", 512), size = fft.integer("AudioSize", 1024);
        if (frame != irFrame || size != 2 * frame || frame < 64 || frame > 8192 || Integer.bitCount(frame) != 1) {
            m.refuse("convolves in frames of " + frame + " an impulse response cut in " + irFrame + " with an FFT of " + size
                    + ", and Conch's Convolver takes one partition size, a power of two from 64 to 8192, at twice its FFT");
        }
        if (p.integer("MaxFrames", 0) > 0) {
            m.refuse("uses only the first " + p.integer("MaxFrames", 0) + " frames of its impulse response, and Conch's "
                    + "Convolver uses all of it");
        }
        String port = m.upstreamPort("ImpulseResponse");
        int channel = loader.bool("IsBFormatFile", false) ? Math.max(1, "WXYZ".indexOf(port == null ? "W" : port) + 1) : 1;
        Mapping.Draft conv = m.node("Convolver").param("file", m.fileOrBesideNetwork(loader.text("ImpulseResponse", "")))
                .param("partition", frame);
        if (channel > 1) conv.param("channel", channel);
        m.in("Input", conv.port("in"));
        m.out("Output", conv.port("out"));
        m.note("node '" + conv.id + "': CLAM's AudioStream2Buffer, MyFFT, LowLatencyConvolution, MyIFFT and "
                + "AudioBuffer2Stream are this one Convolver, one partition (" + frame + " samples) late as CLAM's chain was");
    }

    /** MyFFT: the FFT of the zero-padded buffers its AudioStream2Buffer cuts (HopSize samples padded to BufferSize). */
    private static void myFft(ClamNetwork.Processing p, Mapping m) {
        int size = p.integer("AudioSize", 1024), hop = size;
        ClamNetwork.Processing cut = m.upstream("Audio Buffer");
        if (cut != null && cut.type().equals("AudioStream2Buffer")) {
            hop = cut.integer("HopSize", size);
            if (cut.integer("BufferSize", size) != size) {
                m.refuse("transforms " + size + " points of buffers of " + cut.integer("BufferSize", size)
                        + " samples, and Conch's FFT pads its blocks to its own size");
            }
        } else if (cut != null) {
            m.refuse("transforms buffers from a " + cut.type() + ", and Conch's FFT cuts its own from audio");
        }
        if (size < 64 || size > m.largestFft() || Integer.bitCount(size) != 1) {
            m.refuse("uses an FFT of " + size + " points, and Conch's FFT takes a power of two from 64 to " + m.largestFft());
        }
        if (hop < 1 || hop > size) m.refuse("hops " + hop + " samples into buffers of " + size + ", more than a buffer holds");
        Mapping.Draft fft = m.node("FFT").param("fftSize", size).param("hop", Math.max(1, Math.min(size, hop)));
        m.in("Audio Buffer", fft.port("in"));
        m.out("Complex Spectrum", fft.port("out"));
    }

    /** The complex-spectrum in-ports of the linear spectral processings a convolution's output may pass through. */
    private static final Map<String, List<String>> LINEAR_SPECTRA = Map.of(
            "ComplexSpectrumSum", List.of("Term1", "Term2"), "ComplexSpectrumInverter", List.of("Input"));

    /**
     * Whether the spectrum out of {@code p} is audio once imported: a LowLatencyConvolution's (its Convolver gives
     * audio), or a ComplexSpectrumSum or ComplexSpectrumInverter of such. Both are linear, so the MyIFFT after them
     * can be taken before them: the IFFT of a sum of spectra is the sum of their audio (bformat2binaural).
     */
    private static boolean audioSpectrum(Mapping m, ClamNetwork.Processing p, int depth) {
        if (p == null || depth > 64) return false; // 64: a loop of spectra, which CLAM could not run either
        if (p.type().equals("LowLatencyConvolution")) return true;
        List<String> ins = LINEAR_SPECTRA.get(p.type());
        if (ins == null) return false;
        for (String in : ins) if (!audioSpectrum(m, m.upstream(p, in), depth + 1)) return false;
        return true;
    }

    /**
     * For a spectrum that is audio once imported: whether everything it feeds takes audio too (a MyIFFT, folded, or
     * a sum or negation of such spectra); if not, the processing is refused with the sentence why.
     */
    private static boolean audioGoesOn(ClamNetwork.Processing p, Mapping m, String outPort) {
        for (ClamNetwork.Processing next : m.downstream(p, outPort)) {
            if (next.type().equals("MyIFFT") || LINEAR_SPECTRA.containsKey(next.type()) && audioSpectrum(m, next, 0)) continue;
            // conversions that lead only to displays (lowlatencyconvolution's SpectrumView): nothing is heard there
            if (next.type().equals("Complex2MagPhaseSpectrum") || next.type().equals("MagPhaseSpectrum2Spectrum")) continue;
            m.refuse("gives a spectrum that Conch computes as audio (a convolution's, summed or negated), and '"
                    + next.id() + "' (" + next.type() + ") needs it as a spectrum");
            return false;
        }
        return true;
    }

    private static void spectra(Mapping m, Mapping.Draft node, String clamA, String clamB, String clamOut) {
        m.in(clamA, node.port("a"));
        m.in(clamB, node.port("b"));
        m.out(clamOut, node.port("out"));
    }

    private static String describeUpstream(String type) {
        return type == null ? "nothing" : "a " + type;
    }

    /** Three bands of spectral gain (dB) split at two cutoffs; each cutoff moves the edges of two bands. */
    private static void threeBandFilter(ClamNetwork.Processing p, Mapping m) {
        double low = 500, high = 3000; // CLAM keeps cutoffs and gains in controls, not the file: flat (0 dB) until driven
        Mapping.Draft lo = m.node("low", "SpectralGain").param("gain", 0).param("low", 0).param("high", low);
        Mapping.Draft mid = m.node("mid", "SpectralGain").param("gain", 0).param("low", low).param("high", high);
        Mapping.Draft hi = m.node("high", "SpectralGain").param("gain", 0).param("low", high);
        m.in("In Spectrum", lo.port("in"));
        m.chain(lo.port("out"), mid.port("in"));
        m.chain(mid.port("out"), hi.port("in"));
        m.out("Out Spectrum", hi.port("out"));
        m.controlToParam("LowCutoff", lo.port("high"), mid.port("low"));
        m.controlToParam("HighCutoff", mid.port("high"), hi.port("low"));
        m.controlToParam("LowGain", lo.port("gain"));
        m.controlToParam("MidGain", mid.port("gain"));
        m.controlToParam("HighGain", hi.port("gain"));
        m.deadControl("Amount", "CLAM's ThreeBandFilter ignores the Amount control it inherits");
    }

    private static void fileReader(ClamNetwork.Processing p, Mapping m, String mode) {
        String file = p.text("SourceFile", "");
        Mapping.Draft r = reader(p, m, file, mode);
        int channel = Math.max(0, p.integer("SelectedChannel", 0));
        r.param("loop", p.bool("Loop", false) ? "true" : "false");
        m.out("Samples Read", r.port("out" + (channel + 1)));
        if (m.driven("Seek")) m.refuse("takes a Seek control as a fraction of the file, and Conch's reader seeks in seconds");
    }

    private static void sndfilePlayer(ClamNetwork.Processing p, Mapping m) {
        Mapping.Draft r = reader(p, m, p.text("SourceFile", ""), "auto");
        r.param("loop", p.bool("Loop", false) ? "true" : "false");
        int n = Math.max(1, p.integer("SavedNumberOfChannels", 2));
        for (int k = 0; k < Math.max(n, 64); k++) m.out("out" + k, r.port("out" + (k + 1)));
        for (String c : new String[] {"Seek in-Control", "Pause in-Control", "Loop in-Control"}) {
            if (m.driven(c)) m.refuse("takes a " + c.replace(" in-Control", "") + " control, which Conch's AudioFileReader does not have");
        }
    }

    private static Mapping.Draft reader(ClamNetwork.Processing p, Mapping m, String file, String mode) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ogg")) {
            m.refuse("reads " + file + ", and Conch's AudioFileReader reads WAV, AIFF, AU, FLAC and MP3 only");
        }
        Mapping.Draft r = m.node("AudioFileReader").param("file", m.fileOrBesideNetwork(file));
        if (!mode.equals("auto")) r.param("mode", mode);
        return r;
    }

    private static void sndfileWriter(ClamNetwork.Processing p, Mapping m) {
        int n = Math.max(1, p.integer("NumberChannels", 1));
        String format = p.text("Format", "Wav Integer 16 bit").toLowerCase(Locale.ROOT);
        String bits = format.contains("float") || format.contains("32") ? "32f" : format.contains("24") ? "24" : "16";
        Mapping.Draft w = m.node("AudioFileWriter").param("file", p.text("TargetFile", "output.wav")).param("channels", n)
                .param("format", bits);
        for (int k = 1; k <= n; k++) m.in("in" + k, w.port("in" + k));
        double rate = p.number("SampleRate", m.sampleRate());
        if (rate != m.sampleRate()) {
            m.note("node '" + w.id + "': CLAM wrote " + Mapping.number(rate) + " Hz into the file's header whatever the backend's "
                    + "rate; Conch writes the network's rate (" + m.sampleRate() + " Hz, or --rate)");
        }
    }

    private static Map<String, Known> readOthers() {
        Map<String, Known> map = new LinkedHashMap<>();
        try (InputStream in = ClamTypes.class.getResourceAsStream("clam-types.tsv")) {
            if (in == null) throw new IllegalStateException("clam-types.tsv is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                map.put(f[0], new Known(f[2], f[1].equals("c")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
