package dev.conch.engine.model;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A param that does not exist, and one fixed at compile time, asked for by a control, an automation, a MIDI binding
 * and a live setter: each place says the one sentence of {@link Diagnostics}, whole, in the same words (the
 * expected sentences are written out here, not built with Diagnostics).
 */
class DiagnosticsTest {
    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <network name="d" version="2" sampleRate="48000">
              <node id="ramp" type="TestRamp">
                <automate param="scael">
                  <setValueAtTime value="1" startTime="0"/>
                </automate>
              </node>
              <node id="late" type="TestLatent">
                <automate param="samples">
                  <setValueAtTime value="1" startTime="0"/>
                </automate>
              </node>
              <node id="c" type="TestControlRamp"/>
              <node id="out" type="AudioOutput">
                <param name="channels">1</param>
              </node>
              <connect from="ramp.out" to="late.in"/>
              <connect from="late.out" to="out.in1"/>
              <control from="c.out" to="ramp.scael"/>
              <control from="c.out" to="late.samples"/>
              <midi cc="1" to="ramp.scael"/>
              <midi cc="2" to="late.samples"/>
            </network>
            """;

    @Test
    void eachMistakeReadsTheSameWhereverItIsMade() throws Exception {
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(NetworkXml.read(XML, "d.xml"), TestProcessors.registry(), 64));
        List<String> said = e.problems().stream().map(Problem::message).toList();
        assertEquals(List.of(
                "TestRamp 'ramp' has no parameter 'scael' (did you mean 'scale'?)",
                "late.samples is fixed when the network is compiled, so a control cannot drive it",
                "TestRamp 'ramp' has no parameter 'scael' to automate (did you mean 'scale'?)",
                "samples is fixed when the network is compiled, so it cannot be automated",
                "TestRamp 'ramp' has no parameter 'scael' for MIDI to set (did you mean 'scale'?)",
                "late.samples is fixed when the network is compiled, so MIDI cannot set it"), said);
    }

    @Test
    void theLiveSetterSaysTheSameSentences() throws Exception {
        String xml = XML.replaceAll("(?s)<automate.*?</automate>", "").replaceAll("  <(control|midi) [^\n]*\n", "");
        Engine engine = new Engine(NetworkCompiler.compile(NetworkXml.read(xml, "d.xml"), TestProcessors.registry(), 64));
        assertEquals("late.samples is fixed when the network is compiled; it cannot change while playing",
                assertThrows(IllegalArgumentException.class, () -> engine.set("late", "samples", 1.0)).getMessage());
        assertEquals("node 'ramp' has no parameter 'scael'",
                assertThrows(IllegalArgumentException.class, () -> engine.set("ramp", "scael", 1.0)).getMessage());
        assertEquals("no node 'oss' in this network",
                assertThrows(IllegalArgumentException.class, () -> engine.set("oss", "scale", 1.0)).getMessage());
        assertEquals("node 'ramp' has no output 'outt'",
                assertThrows(IllegalArgumentException.class, () -> engine.tap("ramp", "outt", 64)).getMessage());
    }
}
