package dev.conch.editor.document;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A param's value is checked against the range the node's own params give it: a Constant knob from 20 to 20000 Hz
 * takes 2492 and refuses 30000, where the Constant type's default range (0 to 1) refused 2492. Found by dragging
 * a cutoff knob in {@code conch play --panel}.
 */
class SetParamTest {
    static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @Test
    void aConstantsValueIsCheckedAgainstItsOwnMinAndMax() throws Exception {
        NetworkSpec spec = NetworkXml.read("""
                <network name="k" version="3">
                  <node id="cutoff" type="Constant">
                    <param name="min">20</param>
                    <param name="max">20000</param>
                    <param name="unit">Hz</param>
                  </node>
                  <node id="plain" type="Constant"/>
                </network>
                """, "k.xml");
        NetworkSpec set = new SetParam("cutoff", "value", "2492").applyTo(spec, REGISTRY);
        assertEquals("2492", set.node("cutoff").orElseThrow().paramTexts().get("value"));

        EditRefused high = assertThrows(EditRefused.class, () -> new SetParam("cutoff", "value", "30000").applyTo(spec, REGISTRY));
        assertTrue(high.getMessage().contains("20 to 20000 Hz"), high.getMessage());
        EditRefused plain = assertThrows(EditRefused.class, () -> new SetParam("plain", "value", "2").applyTo(spec, REGISTRY));
        assertTrue(plain.getMessage().contains("0 to 1"), plain.getMessage());
    }
}
