package dev.conch.clam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping table on small CLAM networks written here and on files of CLAM's own, checked field by field. */
class ClamImporterTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    private static ClamImport of(String body) throws ClamFormatException {
        String xml = "<network clamVersion=\"1.4.1\" id=\"Unnamed\">\n" + body + "\n</network>\n";
        return ClamImporter.read(xml.getBytes(StandardCharsets.UTF_8), "t.clamnetwork", null, REGISTRY);
    }

    private static String param(NetworkSpec spec, String node, String param) {
        NodeSpec n = spec.node(node).orElseThrow(() -> new AssertionError("no node " + node + " in " + spec.nodes()));
        return n.params().get(param) == null ? null : n.params().get(param).text();
    }

    private static List<String> connections(NetworkSpec spec) {
        return spec.connections().stream().map((Connection c) -> c.from() + " -> " + c.to()).toList();
    }

    @Test
    void stereocableOrdersSinkChannelsByYAndKeepsItsKnobs() throws Exception {
        var file = ClamCorpus.file("CLAM/examples/PluginExamples/Lv2PluginExample/stereocable.clamnetwork");
        assumeTrue(Files.exists(file), "CLAM's networks are not at " + ClamCorpus.root());
        ClamImport imp = ClamImporter.read(file, "stereocable.clamnetwork", REGISTRY);
        NetworkSpec spec = imp.spec();
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        // Tone (y 85) comes before Output (y 183): Tone is channel 1, Output's ports 1 and 2 are channels 2 and 3
        assertEquals("3", param(spec, "audio_out", "channels"));
        assertEquals("2", param(spec, "audio_in", "channels"));
        assertEquals(List.of("audio_in.out1 -> audio_out.in2", "audio_in.out2 -> audio_out.in3",
                "SimpleOscillator.out -> audio_out.in1"), connections(spec));
        // ControlSource: min, max, unit and DefaultValue as the knob's value
        assertEquals(List.of("20", "2000", "Hz", "440"), List.of(param(spec, "Pitch", "min"), param(spec, "Pitch", "max"),
                param(spec, "Pitch", "unit"), param(spec, "Pitch", "value")));
        assertEquals(List.of("Pitch.out -> SimpleOscillator.frequency", "Amplitude.out -> SimpleOscillator.amplitude"),
                spec.controls().stream().map((ControlConnection c) -> c.from() + " -> " + c.to()).sorted((a, b) -> b.compareTo(a)).toList());
        assertTrue(imp.report().dropped().contains("ControlSink 'ControlSink'"), imp.report().dropped()::toString);
        assertEquals(44100, spec.sampleRate());
        NetworkCompiler.compile(spec, REGISTRY, 512); // and Conch takes it
    }

    @Test
    void idsAreSanitisedWithoutCollisionAndTheOriginalsAreKept() throws Exception {
        ClamImport imp = of("""
                <processing id="1 mid back" position="0,10" type="AudioSource"/>
                <processing id="* (-2000)" position="0,0" type="AudioAmplifier"><InitGain>0.5</InitGain></processing>
                <processing id="out" position="0,0" type="AudioSink"/>
                <port_connection><out>1 mid back.1</out><in>* (-2000).Input Audio</in></port_connection>
                <port_connection><out>* (-2000).Audio Output</out><in>out.1</in></port_connection>""");
        NetworkSpec spec = imp.spec();
        assertEquals("_1_mid_back", ClamImporter.sanitise("1 mid back"));
        assertEquals("___-2000_", ClamImporter.sanitise("* (-2000)"));
        assertEquals(List.of("audio_in.out1 -> ___-2000_.in", "___-2000_.out -> audio_out.in1"), connections(spec));
        assertEquals("Amplifier", spec.node("___-2000_").orElseThrow().type());
        assertEquals("0.5", param(spec, "___-2000_", "gain")); // CLAM's gains are linear factors
        assertTrue(spec.description().contains("'* (-2000)' is ___-2000_"), spec.description());
    }

    @Test
    void audioMixerKeepsItsGainsAndCLAMsOneOverN() throws Exception {
        NetworkSpec spec = of("""
                <processing id="m" type="AudioMixer"><NumberOfInPorts>3</NumberOfInPorts><DefaultGains>0.5 1 0</DefaultGains></processing>
                """).spec();
        assertEquals("3", param(spec, "m", "inputs"));
        assertEquals(20 * Math.log10(1 / 3.0), Double.parseDouble(param(spec, "m", "master")), 1e-6);
        assertEquals(20 * Math.log10(0.5), Double.parseDouble(param(spec, "m", "gain1")), 1e-6);
        assertEquals(0, Double.parseDouble(param(spec, "m", "gain2")), 0);
        assertEquals(-120, Double.parseDouble(param(spec, "m", "gain3")), 0); // silence at Conch's floor
    }

    @Test
    void aDrivenMixerGainBecomesALinearAmplifierAndAnUnfedOneIsDroppedWithANote() throws Exception {
        ClamImport imp = of("""
                <processing id="src" type="AudioSource"/>
                <processing id="g" type="OutControlSender"><Min>0</Min><Max>2</Max><Default>0.25</Default></processing>
                <processing id="m" type="AudioMixer"><NumberOfInPorts>2</NumberOfInPorts><DefaultGains>0.5 0.5</DefaultGains></processing>
                <port_connection><out>src.1</out><in>m.Input 0</in></port_connection>
                <control_connection><out>g.out</out><in>m.Gain 0</in></control_connection>
                <control_connection><out>g.out</out><in>m.Gain 1</in></control_connection>""");
        NetworkSpec spec = imp.spec();
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        assertEquals(List.of("m_gain0.out -> m.in1", "audio_in.out1 -> m_gain0.in"), connections(spec));
        assertEquals("0.5", param(spec, "m_gain0", "gain"));
        assertEquals("0", param(spec, "m", "gain1"));
        assertEquals(List.of("g.out -> m_gain0.gain"), spec.controls().stream().map(c -> c.from() + " -> " + c.to()).toList());
        assertTrue(imp.report().notes().stream().anyMatch(n -> n.contains("Input 1, which nothing feeds")), imp.report().notes()::toString);
        NetworkCompiler.compile(spec, REGISTRY, 512);
    }

    @Test
    void audioSwitchSelectsFromOneAndKeepsCLAMsOneOverN() throws Exception {
        NetworkSpec spec = of("""
                <processing id="k" type="OutControlSender"><Max>2</Max></processing>
                <processing id="sw" type="AudioSwitch"><NumberOfInPorts>3</NumberOfInPorts></processing>
                <control_connection><out>k.out</out><in>sw.Switch</in></control_connection>""").spec();
        assertEquals("3", param(spec, "sw", "inputs"));
        assertEquals(20 * Math.log10(1 / 3.0), Double.parseDouble(param(spec, "sw_norm", "gain")), 1e-6);
        assertEquals(List.of("sw.out -> sw_norm.in", "k.out -> sw_index.in"), connections(spec));
        assertEquals(List.of("sw_index.out -> sw.select"), spec.controls().stream().map(c -> c.from() + " -> " + c.to()).toList());
        // select = Switch + 1
        assertEquals(List.of("0", "1", "1", "2"), List.of(param(spec, "sw_index", "inMin"), param(spec, "sw_index", "inMax"),
                param(spec, "sw_index", "outMin"), param(spec, "sw_index", "outMax")));
        NetworkCompiler.compile(spec, REGISTRY, 512);
    }

    @Test
    void aControlSourceWithoutDefaultStartsAtItsMinimumAndOutOfRangeValuesAreBroughtIn() throws Exception {
        ClamImport imp = of("""
                <processing id="f" type="ControlSource"><MinValue>50</MinValue><MaxValue>500</MaxValue></processing>
                <processing id="osc" type="SimpleOscillator"><Frequency>30000</Frequency><Phase>3.14159265358979</Phase></processing>
                <control_connection><out>f.output</out><in>osc.Pitch</in></control_connection>""");
        assertEquals("50", param(imp.spec(), "f", "value"));
        assertEquals("20000", param(imp.spec(), "osc", "frequency"));
        assertEquals(0.5, Double.parseDouble(param(imp.spec(), "osc", "phase")), 1e-9);
        assertTrue(imp.report().notes().stream().anyMatch(n -> n.contains("frequency 30000 is outside")), imp.report().notes()::toString);
    }

    @Test
    void whatConchLacksIsRefusedInOneLocatedSentenceAndTheRestIsKept() throws Exception {
        ClamImport imp = of("""
                <processing id="s" type="MIDISink"/>
                <processing id="who knows" type="FancyThing"/>
                <processing id="osc" type="SimpleOscillator"/>
                <processing id="sink" type="AudioSink"/>
                <port_connection><out>osc.Audio Output</out><in>sink.1</in></port_connection>
                <port_connection><out>osc.No Such Port</out><in>sink.1</in></port_connection>""");
        ImportReport r = imp.report();
        assertFalse(r.complete());
        assertEquals(3, r.refused().size(), r.refused()::toString);
        assertEquals("t.clamnetwork:2:1: node 's' (CLAM MIDISink) does this in CLAM: MIDI output; Conch has no "
                + "processor for it; give --partial to import the rest without it", r.refused().get(0));
        assertTrue(r.refused().get(1).startsWith("t.clamnetwork:3:1: node 'who knows' (CLAM FancyThing) is a type this "
                + "importer does not know"), r.refused().get(1));
        assertTrue(r.refused().get(2).matches("t\\.clamnetwork:7:1: node 'osc': the link osc\\.No Such Port -> sink\\.1 uses "
                + "port 'No Such Port', which .*"), r.refused().get(2));
        assertEquals(List.of("osc.out -> audio_out.in1"), connections(imp.spec()));
        assertTrue(imp.spec().node("s").isEmpty());
    }

    @Test
    void aSecondControlIntoOneParamIsRefusedNotGuessed() throws Exception {
        ImportReport r = of("""
                <processing id="a" type="OutControlSender"/>
                <processing id="b" type="OutControlSender"/>
                <processing id="osc" type="SimpleOscillator"/>
                <control_connection><out>a.out</out><in>osc.Pitch</in></control_connection>
                <control_connection><out>b.out</out><in>osc.Pitch</in></control_connection>""").report();
        assertEquals(1, r.refused().size(), r.refused()::toString);
        assertTrue(r.refused().get(0).contains("second control into Pitch"), r.refused().get(0));
    }

    @Test
    void overlapAddFoldsIntoTheISTFTAndBlackmanHarrisFramingIsRaisedToOverlap8() throws Exception {
        ClamImport imp = of("""
                <processing id="src" type="AudioSource"/>
                <processing id="ana" type="SpectralAnalysis"><prFFTSize>1024</prFFTSize><prWindowSize>1025</prWindowSize>
                  <prHopSize>512</prHopSize><prWindowType>BlackmanHarris92</prWindowType></processing>
                <processing id="syn" type="SpectralSynthesis"/>
                <processing id="ola" type="OverlapAdd"><FrameSize>512</FrameSize></processing>
                <processing id="sink" type="AudioSink"/>
                <port_connection><out>src.1</out><in>ana.Input</in></port_connection>
                <port_connection><out>ana.Output</out><in>syn.Input</in></port_connection>
                <port_connection><out>syn.Output</out><in>ola.Audio Input</in></port_connection>
                <port_connection><out>ola.Audio Output</out><in>sink.1</in></port_connection>""");
        NetworkSpec spec = imp.spec();
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        assertEquals(List.of("1024", "1024", "blackmanharris", "8"), List.of(param(spec, "ana", "fftSize"),
                param(spec, "ana", "windowLength"), param(spec, "ana", "window"), param(spec, "ana", "overlap")));
        assertEquals(List.of("audio_in.out1 -> ana.in", "ana.out -> syn.in", "syn.out -> audio_out.in1"), connections(spec));
        NetworkCompiler.compile(spec, REGISTRY, 512);
    }

    @Test
    void somethingThatIsNotACLAMNetworkIsOneLocatedSentence() {
        ClamFormatException notXml = assertThrows(ClamFormatException.class, () -> ClamImporter.read(
                "<network>\n<processing id=\"a\" type=\"AudioSink\">\n</network>".getBytes(StandardCharsets.UTF_8), "x", null, REGISTRY));
        assertEquals(3, notXml.location().line(), notXml.getMessage());
        assertTrue(notXml.getMessage().startsWith("the file is not well-formed XML"), notXml.getMessage());
        ClamFormatException conch = assertThrows(ClamFormatException.class, () -> ClamImporter.read(
                "<?xml version=\"1.0\"?>\n<network-x/>".getBytes(StandardCharsets.UTF_8), "x", null, REGISTRY));
        assertTrue(conch.getMessage().contains("<network>"), conch.getMessage());
        ClamFormatException noType = assertThrows(ClamFormatException.class, () -> ClamImporter.read(
                "<network>\n  <processing id=\"a\"/>\n</network>".getBytes(StandardCharsets.UTF_8), "x", null, REGISTRY));
        assertEquals(2, noType.location().line());
    }

    /**
     * A file the network names and nobody has is named beside the network, not under the folder the command ran in:
     * the refusal then says where CLAM's file should be.
     */
    @Test
    void aMissingFileIsNamedBesideTheNetworkNotInTheCurrentFolder(@TempDir java.nio.file.Path dir) throws Exception {
        String xml = """
                <network clamVersion="1.4.1" id="Unnamed">
                  <processing id="Player" position="0,0" size="10,10" type="MonoAudioFileReader">
                    <SourceFile>sounds/missing.wav</SourceFile>
                  </processing>
                  <processing id="Sink" position="0,100" size="10,10" type="AudioSink"/>
                  <port_connection><out>Player.Samples Read</out><in>Sink.1</in></port_connection>
                </network>
                """;
        ClamImport imp = ClamImporter.read(xml.getBytes(StandardCharsets.UTF_8), "p.clamnetwork", dir, REGISTRY);
        String expected = dir.resolve("sounds/missing.wav").toString();
        assertEquals(expected, param(imp.spec(), "Player", "file"));
        var refused = assertThrows(dev.conch.engine.model.NetworkException.class,
                () -> NetworkCompiler.compile(imp.spec(), REGISTRY, 512));
        assertTrue(refused.getMessage().contains("there is no file " + expected + "; give the path of one that exists "
                + "(in the file, or with --set Player.file=FILE)"), refused.getMessage());
    }

    /**
     * spectrum_mixer: AudioStream2Buffer + MyFFT become one FFT (HopSize 512 padded to AudioSize 1024), the
     * ComplexSpectrumMixer a SpectrumMixer driven by its two sliders, MyIFFT + AudioBuffer2Stream one IFFT, the
     * representation changes feeding the SpectrumView nothing. Mixing spectra is mixing signals: the render is
     * Gain1 · osc1 + Gain2 · osc2, summed here from what the oscillators played (tapped).
     */
    @Test
    void theFftToolkitOfSpectrumMixerBecomesFftMixerIfftAndMixesTheSignals() throws Exception {
        var file = ClamCorpus.file("CLAM/plugins/spacialization/example-data/spectrum_mixer.clamnetwork");
        assumeTrue(Files.exists(file), "CLAM's networks are not at " + ClamCorpus.root());
        ClamImport imp = ClamImporter.read(file, "spectrum_mixer.clamnetwork", REGISTRY);
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        NetworkSpec spec = imp.spec();
        assertEquals(List.of("FFT", "1024", "512"), List.of(spec.node("MyFFT_0").orElseThrow().type(),
                param(spec, "MyFFT_0", "fftSize"), param(spec, "MyFFT_0", "hop")));
        assertEquals(List.of("SimpleOscillator_0.out -> MyFFT_0.in", "SimpleOscillator_1.out -> MyFFT_1.in",
                "MyFFT_0.out -> ComplexSpectrumMixer_0.a", "MyFFT_1.out -> ComplexSpectrumMixer_0.b",
                "ComplexSpectrumMixer_0.out -> MyIFFT_0.in", "MyIFFT_0.out -> audio_out.in1"),
                connections(spec).stream().sorted((a, b) -> order(a) - order(b)).toList());
        assertTrue(spec.controls().stream().map((ControlConnection c) -> c.from() + " -> " + c.to()).toList()
                .containsAll(List.of("Gain1.out -> ComplexSpectrumMixer_0.gainA", "Gain2.out -> ComplexSpectrumMixer_0.gainB")));

        var engine = new dev.conch.engine.runtime.Engine(NetworkCompiler.compile(spec, REGISTRY, 512));
        var osc0 = engine.tap("SimpleOscillator_0", "out", 1 << 17);
        var osc1 = engine.tap("SimpleOscillator_1", "out", 1 << 17);
        int frames = 44100;
        float[][] buf = new float[1][frames], a = new float[1][frames], b = new float[1][frames];
        engine.process(buf, frames);
        assertEquals(frames, osc0.poll(a, frames));
        assertEquals(frames, osc1.poll(b, frames));
        // both sliders at 0.5: the output is the plain mix of what the oscillators played
        double worst = 0, peak = 0;
        for (int t = 0; t < frames; t++) {
            worst = Math.max(worst, Math.abs(buf[0][t] - (0.5 * a[0][t] + 0.5 * b[0][t])));
            peak = Math.max(peak, Math.abs(buf[0][t]));
        }
        assertTrue(worst < 1e-5, "largest difference " + worst);
        assertTrue(peak > 0.4, "the oscillators sound: peak " + peak);
    }

    private static int order(String connection) {
        String[] chain = {"SimpleOscillator_0", "SimpleOscillator_1", "MyFFT_0", "MyFFT_1", "ComplexSpectrumMixer_0", "MyIFFT_0"};
        for (int i = 0; i < chain.length; i++) if (connection.startsWith(chain[i] + ".")) return i;
        return chain.length;
    }

    /** bools: the ControlGate keeps its Threshold and HysteresisWidth and follows its slider; the BinaryCounter counts blocks. */
    @Test
    void boolsMapsItsGateAndCounter() throws Exception {
        var file = ClamCorpus.file("NetworkEditor/example-data/bools.clamnetwork");
        assumeTrue(Files.exists(file), "CLAM's networks are not at " + ClamCorpus.root());
        ClamImport imp = ClamImporter.read(file, "bools.clamnetwork", REGISTRY);
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        NetworkSpec spec = imp.spec();
        assertEquals(List.of("ControlGate", "0.5", "0.1"), List.of(spec.node("ControlGate").orElseThrow().type(),
                param(spec, "ControlGate", "threshold"), param(spec, "ControlGate", "width")));
        assertTrue(spec.controls().stream().map((ControlConnection c) -> c.from() + " -> " + c.to()).toList()
                .contains("Input.out -> ControlGate.in"), spec.controls()::toString);
        assertEquals(44100 / 512.0, Double.parseDouble(param(spec, "BinaryCounter", "rate")), 1e-6);
        NetworkCompiler.compile(spec, REGISTRY, 512);
    }

    /**
     * A ControlPrinter becomes a Print node that names its identifier and takes its inputs in order (one input is 'In
     * Control', several '<Identifier>_k'); the report says what it became, and that CLAM only showed it in its editor.
     */
    @Test
    void controlPrintersBecomePrintNodes() throws Exception {
        ClamImport imp = of("""
                <processing id="k" position="0,0" size="1,1" type="OutControlSender"><Min>0</Min><Default>2</Default><Max>5</Max></processing>
                <processing id="one" position="0,0" size="1,1" type="ControlPrinter"><Identifier>level</Identifier><GuiOnly>1</GuiOnly></processing>
                <processing id="two" position="0,0" size="1,1" type="ControlPrinter"><Identifier>xy</Identifier><NumberOfInputs>2</NumberOfInputs><GuiOnly>0</GuiOnly></processing>
                <control_connection><out>k.out</out><in>one.In Control</in></control_connection>
                <control_connection><out>k.out</out><in>two.xy_1</in></control_connection>""");
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        NetworkSpec spec = imp.spec();
        assertEquals(List.of("Print", "level", "1"), List.of(spec.node("one").orElseThrow().type(), param(spec, "one", "label"),
                param(spec, "one", "inputs")));
        assertEquals(List.of("xy", "2"), List.of(param(spec, "two", "label"), param(spec, "two", "inputs")));
        assertEquals(List.of("k.out -> one.in1", "k.out -> two.in2"),
                spec.controls().stream().map((ControlConnection c) -> c.from() + " -> " + c.to()).toList());
        assertTrue(imp.report().mapped().contains("ControlPrinter 'one' -> Print 'one'"), imp.report().mapped()::toString);
        assertTrue(imp.report().dropped().isEmpty(), imp.report().dropped()::toString);
        assertTrue(imp.report().notes().stream().anyMatch(n -> n.startsWith("node 'one': CLAM showed this ControlPrinter in its editor only")),
                imp.report().notes()::toString);
        assertFalse(imp.report().notes().stream().anyMatch(n -> n.startsWith("node 'two'")), "GuiOnly 0 printed in CLAM too");
        NetworkCompiler.compile(spec, REGISTRY, 512);
    }

    /**
     * A printer of a control Conch does not give (a SndfilePlayer's position, as in playback_stereofile_example) loses
     * that link with a note, and showing nothing then, is dropped as a visual-only processing: the import goes on.
     */
    @Test
    void aPrinterOfAControlConchDoesNotGiveIsDropped() throws Exception {
        ClamImport imp = of("""
                <processing id="player" position="0,0" size="1,1" type="SndfilePlayer"><SourceFile>x.wav</SourceFile></processing>
                <processing id="pos" position="0,0" size="1,1" type="ControlPrinter"><GuiOnly>1</GuiOnly></processing>
                <control_connection><out>player.Position out-Control</out><in>pos.In Control</in></control_connection>""");
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        assertEquals(List.of("ControlPrinter 'pos'"), imp.report().dropped());
        assertTrue(imp.spec().node("pos").isEmpty(), imp.spec().nodes()::toString);
        assertEquals(List.of("node 'player': x.wav is not in the network's folder nor above it; give it with --set player.file=FILE.wav",
                "the control link player.Position out-Control -> pos.In Control is dropped: Conch's AudioFileReader gives no "
                        + "control for CLAM's 'Position out-Control'"), imp.report().notes());
    }

    /** expression/example: CLAM's multi-line program kept as the ControlExpression's, whose inputs are a, b and c. */
    @Test
    void expressionExampleKeepsItsProgram() throws Exception {
        var file = ClamCorpus.file("CLAM/plugins/expression/example.clamnetwork");
        assumeTrue(Files.exists(file), "CLAM's networks are not at " + ClamCorpus.root());
        ClamImport imp = ClamImporter.read(file, "example.clamnetwork", REGISTRY);
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        NetworkSpec spec = imp.spec();
        assertEquals("float main(a, b, c)\n{\n    return (a + b) - c;\n}", param(spec, "ControlExpression", "expression"));
        var net = NetworkCompiler.compile(spec, REGISTRY, 512);
        assertEquals(List.of("expression", "a", "b", "c"), net.processors().get("ControlExpression").params().stream()
                .map(p -> p.name()).toList());
    }

    /**
     * lowlatencyconvolution: AudioStream2Buffer, MyFFT, LowLatencyConvolution (with its ImpulseResponseLoader), MyIFFT
     * and AudioBuffer2Stream become one Convolver on the input, its partition the loader's FrameSize, its file the
     * loader's (which CLAM's repository lacks: a note says how to give one).
     */
    @Test
    void lowLatencyConvolutionIsOneConvolver() throws Exception {
        var file = ClamCorpus.file("CLAM/plugins/spacialization/example-data/lowlatencyconvolution.clamnetwork");
        assumeTrue(Files.exists(file), "CLAM's networks are not at " + ClamCorpus.root());
        ClamImport imp = ClamImporter.read(file, "lowlatencyconvolution.clamnetwork", REGISTRY);
        assertTrue(imp.report().complete(), imp.report().lines()::toString);
        NetworkSpec spec = imp.spec();
        assertEquals(List.of("Convolver", "512"), List.of(spec.node("LowLatencyConvolution_0").orElseThrow().type(),
                param(spec, "LowLatencyConvolution_0", "partition")));
        assertTrue(param(spec, "LowLatencyConvolution_0", "file").endsWith("clam-test-data/ElvisStereo.wav"));
        assertEquals(java.util.Set.of("audio_in.out1 -> LowLatencyConvolution_0.in", "LowLatencyConvolution_0.out -> AudioMixer_0_gain0.in",
                "AudioMixer_0_gain0.out -> AudioMixer_0.in1", "AudioMixer_0.out -> audio_out.in1"), java.util.Set.copyOf(connections(spec)));
        assertEquals(4, connections(spec).size(), connections(spec)::toString);
        assertTrue(imp.report().mapped().contains("ImpulseResponseLoader 'ImpulseResponseLoader' -> read by the Convolver it feeds"),
                imp.report().mapped()::toString);
        assertTrue(imp.report().mapped().contains("MyFFT 'MyFFT_0' -> folded into the Convolver after it"), imp.report().mapped()::toString);
        assertTrue(imp.report().notes().stream().anyMatch(n -> n.contains("--set LowLatencyConvolution_0.file=")), imp.report().notes()::toString);
    }

    /**
     * A convolution's spectrum is audio once imported (its Convolver gives audio), so it may go on only into sums and
     * negations of such spectra before a MyIFFT. Summed with a plain FFT's spectrum it is refused, in one sentence
     * naming the processing that needs it as a spectrum.
     */
    @Test
    void aConvolutionSummedWithAPlainSpectrumIsRefusedNamingTheSum() throws Exception {
        String body = """
                <processing id="W" position="0,0" size="10,10" type="AudioSource"/>
                <processing id="X" position="0,0" size="10,10" type="AudioSource"/>
                <processing id="CutW" position="0,0" size="10,10" type="AudioStream2Buffer"><HopSize>512</HopSize><BufferSize>1024</BufferSize></processing>
                <processing id="CutX" position="0,0" size="10,10" type="AudioStream2Buffer"><HopSize>512</HopSize><BufferSize>1024</BufferSize></processing>
                <processing id="FftW" position="0,0" size="10,10" type="MyFFT"><AudioSize>1024</AudioSize></processing>
                <processing id="FftX" position="0,0" size="10,10" type="MyFFT"><AudioSize>1024</AudioSize></processing>
                <processing id="Ir" position="0,0" size="10,10" type="ImpulseResponseLoader"><FrameSize>512</FrameSize><ImpulseResponse>ir.wav</ImpulseResponse><IsBFormatFile>0</IsBFormatFile></processing>
                <processing id="Conv" position="0,0" size="10,10" type="LowLatencyConvolution"><MaxFrames>0</MaxFrames><FrameSize>512</FrameSize></processing>
                <processing id="Sum" position="0,0" size="10,10" type="ComplexSpectrumSum"/>
                <processing id="Back" position="0,0" size="10,10" type="MyIFFT"><AudioSize>1024</AudioSize></processing>
                <processing id="Join" position="0,0" size="10,10" type="AudioBuffer2Stream"><HopSize>512</HopSize><BufferSize>1024</BufferSize></processing>
                <processing id="L" position="0,0" size="10,10" type="AudioSink"/>
                <port_connection><out>W.1</out><in>CutW.Audio stream</in></port_connection>
                <port_connection><out>X.1</out><in>CutX.Audio stream</in></port_connection>
                <port_connection><out>CutW.Audio buffer</out><in>FftW.Audio Buffer</in></port_connection>
                <port_connection><out>CutX.Audio buffer</out><in>FftX.Audio Buffer</in></port_connection>
                <port_connection><out>FftW.Complex Spectrum</out><in>Conv.Input</in></port_connection>
                <port_connection><out>Ir.W</out><in>Conv.ImpulseResponse</in></port_connection>
                <port_connection><out>Conv.Output</out><in>Sum.Term1</in></port_connection>
                <port_connection><out>FftX.Complex Spectrum</out><in>Sum.Term2</in></port_connection>
                <port_connection><out>Sum.Sum</out><in>Back.Complex Spectrum</in></port_connection>
                <port_connection><out>Back.Audio Buffer</out><in>Join.Audio buffer</in></port_connection>
                <port_connection><out>Join.Audio stream</out><in>L.1</in></port_connection>""";
        ImportReport r = of(body).report();
        assertTrue(r.refused().stream().anyMatch(line -> line.contains("node 'Conv' (CLAM LowLatencyConvolution) gives a "
                + "spectrum that Conch computes as audio (a convolution's, summed or negated), and 'Sum' "
                + "(ComplexSpectrumSum) needs it as a spectrum")), r.refused()::toString);
    }
}
