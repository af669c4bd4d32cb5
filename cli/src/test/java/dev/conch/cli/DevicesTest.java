package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code conch devices} with the engine tests' Java Sound devices registered (FakeMixerProvider, from the engine's
 * test jar): one with playback only, one with capture and playback. Inputs list only the one that can record.
 */
class DevicesTest {
    @Test
    void inputsListOnlyTheDevicesThatCanRecord() {
        CliRun r = CliRun.of("devices");
        assertEquals(0, r.exit(), r::toString);
        String out = r.out();
        int inputs = out.indexOf("Java Sound inputs, for a network with an AudioInput (--driver javasound --device NAME):");
        int jack = out.indexOf("JACK (--driver jack)");
        assertTrue(inputs > 0 && jack > inputs, out);
        String outputSection = out.substring(0, inputs), inputSection = out.substring(inputs, jack);
        assertTrue(outputSection.contains("  Conch Test Line (a fake output line)"), out);
        assertTrue(outputSection.contains("  Conch Test Duplex (a simulated capture and playback device)"), out);
        assertTrue(inputSection.contains("  Conch Test Duplex (a simulated capture and playback device)"), out);
        assertFalse(inputSection.contains("Conch Test Line"), "a device without capture is not an input:\n" + out);
    }
}
