package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * networks/ir/room-ir.wav, the impulse response of networks/convolution-reverb.xml, is what its generator
 * networks/ir/room-ir.xml renders, sample for sample: the committed file can always be made again.
 */
class IrNetworkTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedImpulseResponseIsWhatItsNetworkRenders() throws Exception {
        Path networks = Path.of(System.getProperty("conch.networks", "../networks"));
        Path made = dir.resolve("room-ir.wav");
        CliRun r = CliRun.of("render", networks.resolve("ir/room-ir.xml").toString(), "--set", "ir.file=" + made, "--quiet");
        assertEquals(0, r.exit(), r::toString);
        AudioData committed = AudioFileLoader.load(networks.resolve("ir/room-ir.wav"));
        AudioData again = AudioFileLoader.load(made);
        assertEquals(1, committed.channelCount());
        assertEquals(57600, committed.frames(), "1.2 s at 48 kHz");
        assertArrayEquals(committed.channels()[0], again.channels()[0]);
        // and it is the decay it says: the last tenth is at least 40 dB below the first
        float[] h = committed.channels()[0];
        double first = 0, last = 0;
        for (int i = 0; i < 5760; i++) first = Math.max(first, Math.abs(h[i]));
        for (int i = h.length - 5760; i < h.length; i++) last = Math.max(last, Math.abs(h[i]));
        assertTrue(last < first / 100, "first tenth peaks at " + first + ", last at " + last);
    }
}
