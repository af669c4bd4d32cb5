package dev.conch.clam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conch.clam.ClamImport.Monitor;
import dev.conch.clam.ClamImport.View;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 1: the visual-only processings an import drops become the editor's monitors, each on the kept output
 * its CLAM link watched (in the file: the processing and port at the other end of the link), and that output is one
 * the compiled network really has.
 */
class ClamMonitorsTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @Test
    void captureExamplesOscilloscopesWatchItsTwoOscillators() throws Exception {
        var file = ClamCorpus.file("CLAM/plugins/sndfile/captureExample.clamnetwork");
        assumeTrue(Files.exists(file), "CLAM's networks are not at " + ClamCorpus.root());
        ClamImport imp = ClamImporter.read(file, "captureExample.clamnetwork", REGISTRY);
        // the file: SimpleOscillator.Audio Output -> Oscilloscope.Input, SquareWave.Audio Output -> Oscilloscope_1.Input
        assertEquals(List.of(new Monitor("Oscilloscope", "Oscilloscope", View.WAVEFORM, new Endpoint("SimpleOscillator", "out")),
                new Monitor("Oscilloscope_1", "Oscilloscope", View.WAVEFORM, new Endpoint("SquareWave", "out"))),
                imp.monitors().stream().sorted(java.util.Comparator.comparing(Monitor::clamId)).toList());
        assertOutputsOf(imp);
    }

    @Test
    void eachKindOfMonitorIsOnTheOutputItsLinkCameFromAndNoneForWhatWasCut() throws Exception {
        ClamImport imp = of("""
                <processing id="src" type="AudioSource"/>
                <processing id="knob" type="OutControlSender"><Max>2</Max></processing>
                <processing id="amp" type="AudioAmplifier"/>
                <processing id="ana" type="SpectralAnalysis"/>
                <processing id="syn" type="SpectralSynthesis"/>
                <processing id="ola" type="OverlapAdd"/>
                <processing id="sink" type="AudioSink"/>
                <processing id="midi" type="MIDISink"/>
                <processing id="printer" type="ControlPrinter"/>
                <processing id="spectrum" type="SpectrumView"/>
                <processing id="after ola" type="Oscilloscope"/>
                <processing id="meter" type="Vumeter"/>
                <processing id="peaks" type="PeakView"/>
                <processing id="nothing" type="Oscilloscope"/>
                <port_connection><out>src.1</out><in>amp.Input Audio</in></port_connection>
                <port_connection><out>amp.Audio Output</out><in>ana.Input</in></port_connection>
                <port_connection><out>ana.Output</out><in>syn.Input</in></port_connection>
                <port_connection><out>syn.Output</out><in>ola.Audio Input</in></port_connection>
                <port_connection><out>ola.Audio Output</out><in>sink.1</in></port_connection>
                <port_connection><out>ana.Output</out><in>spectrum.Input</in></port_connection>
                <port_connection><out>ola.Audio Output</out><in>after ola.Input</in></port_connection>
                <port_connection><out>amp.Audio Output</out><in>meter.Input</in></port_connection>
                <port_connection><out>amp.Audio Output</out><in>peaks.Input</in></port_connection>
                <port_connection><out>midi.Out</out><in>nothing.Input</in></port_connection>
                <control_connection><out>knob.out</out><in>amp.Gain</in></control_connection>
                <control_connection><out>knob.out</out><in>printer.In Control</in></control_connection>""");
        assertEquals(List.of( // in the order of the file's links, audio then control
                        "SpectrumView 'spectrum' watches ana.out (spectrum)",
                        // the OverlapAdd is folded into the ISTFT: its output is the ISTFT's
                        "Oscilloscope 'after ola' watches syn.out (waveform)",
                        "Vumeter 'meter' watches amp.out (level)",
                        "ControlPrinter 'printer' watches knob.out (value)"),
                imp.monitors().stream().map(Monitor::toString).toList(), "PeakView has no monitor, the refused MIDISink none");
        assertOutputsOf(imp);
    }

    /** Every monitored port is an output of the network as compiled (a monitor there can tap it). */
    private static void assertOutputsOf(ClamImport imp) throws Exception {
        CompiledNetwork net = NetworkCompiler.compile(imp.spec(), REGISTRY, 512);
        for (Monitor m : imp.monitors()) {
            var p = net.processors().get(m.port().node());
            assertNotNull(p, m + ": no node " + m.port().node());
            assertTrue(p.outputs().stream().anyMatch(o -> o.spec().name().equals(m.port().port())), m + ": no such output");
        }
    }

    private static ClamImport of(String body) throws ClamFormatException {
        String xml = "<network clamVersion=\"1.4.1\" id=\"Unnamed\">\n" + body + "\n</network>\n";
        return ClamImporter.read(xml.getBytes(StandardCharsets.UTF_8), "t.clamnetwork", null, REGISTRY);
    }
}
