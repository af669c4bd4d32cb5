package dev.conch.editor.transport;

import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Play/Stop as the transport bar drives it, through the paced null driver (no sound card needed). */
class PlayerTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    final ProcessorRegistry registry = ProcessorRegistry.load();

    @Test
    void playsLiveSetsAndHotSwapsThenStops() throws Exception {
        NetworkSpec spec = NetworkXml.read(GLASS);
        Player player = new Player(registry);
        try {
            player.start(spec, "null");
            assertTrue(player.playing());
            assertTrue(player.set("filter", "frequency", 1200), "a live change is queued");
            player.swap(spec.withParam("shape", "drive", "8"));
            float peak = 0;
            // the drone fades in from -40 dB, so any callback that ran shows up as a non-zero peak
            for (int i = 0; i < 200 && (player.stats().callbacks() < 10 || peak == 0); i++) {
                Thread.sleep(10);
                peak = Math.max(peak, player.drainPeak());
            }
            assertTrue(player.stats().callbacks() >= 10, "callbacks: " + player.stats().callbacks());
            assertTrue(peak > 0 && peak <= 1, "peak " + peak);
        } finally {
            player.stop();
        }
        assertFalse(player.playing());
        assertEquals("stopped", player.describe());
        assertFalse(player.set("filter", "frequency", 1000), "nothing to change once stopped");
    }

    @Test
    void aNetworkWithoutOutputSaysSo() {
        NetworkSpec silent = new NetworkSpec("silent", 1, 48000, 0, "", List.of(), List.of(), List.of());
        IOException e = assertThrows(IOException.class, () -> new Player(registry).start(silent, "null"));
        assertTrue(e.getMessage().contains("no AudioOutput"), e.getMessage());
    }
}
